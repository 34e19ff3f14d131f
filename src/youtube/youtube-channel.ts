/** The YouTube channel: comments and replies on a channel's videos, answered with replies, on the core's engines. */
import type { Channel, Draft, Message } from '../core/channel.js';
import { defineChannel } from '../core/define-channel.js';
import { createBearerAuthorizer } from '../core/oauth2/bearer-authorizer.js';
import { InvalidDraftError, UnsupportedError } from '../core/errors.js';
import type { AdapterContext } from '../core/adapter-context.js';
import { heldMessages } from '../core/listen/held-messages.js';
import { YouTubeApi } from './youtube-api.js';
import { describeYouTubeError } from './youtube-errors.js';
import { commentsSource, SOURCES } from './youtube-listen.js';
import { normalizeYouTubeOptions, type YouTubeOptions } from './youtube-options.js';
import { unitWindows } from './youtube-quota.js';

// https://developers.google.com/youtube/v3/docs/comments/insert#errors: commentTextTooLong past 10,000 characters.
export const MAX_COMMENT_LENGTH = 10_000;

export function youtube(options: YouTubeOptions): Channel {
  const settings = normalizeYouTubeOptions(options);
  return defineChannel(
    {
      id: `youtube:${settings.channelId}`,
      platform: 'youtube',
      options: settings,
      // Google counts units per project: channels of one project share the buckets.
      ...(settings.project ? { bucketScope: `youtube:project:${settings.project}` } : {}),
    },
    ({ context, createHttpClient, isHandled }) => {
      // Google's access tokens live one hour: with `oauth2` the keeper refreshes them.
      const auth = createBearerAuthorizer(settings, context);
      const http = createHttpClient({
        baseUrl: settings.baseUrl,
        authorize: auth.authorize,
        reauthorize: auth.reauthorize,
        // No header says what is left of the day: the units are counted in the store (youtube-quota.ts).
        readRateLimits: () => [],
        quotaWindow: unitWindows(context, settings.dailyQuota, settings.listenShare),
        describeError: describeYouTubeError,
      });
      const api = new YouTubeApi(http, settings, context);

      return {
        capabilities: { post: false, reply: true, direct: false, html: false, attachments: false, maxTextLength: MAX_COMMENT_LENGTH, webhooks: false, realtime: false },
        validateDraft: (draft) => checkLength(draft, context),
        send: () => {
          throw new UnsupportedError('a YouTube comment belongs to a video: reply to a comment, or call commentThreads.insert yourself', context.errorOptions());
        },
        async reply(to, draft) {
          // One level of replies: an answer to a reply goes to its top-level comment, in the same thread.
          const parentId = to.parentId ?? to.id;
          const comment = await api.insertReply(parentId, draft.text);
          return api.message(comment, to.threadId, to.subject);
        },
        messages: ({ signal }) => history(api, signal),
        thread: (of, { signal }) => threadOf(api, typeof of === 'string' ? of : of.threadId, signal),
        sources: settings.moderation ? moderatedSources(api, heldMessages(context, isHandled, SOURCES.held)) : [commentsSource(api)],
        recover: (draft, to) => findSent(api, draft, to),
      };
    },
  );
}

/** Published comments, and those held for review: a comment handled while held is not delivered again once approved. */
function moderatedSources(api: YouTubeApi, memory: ReturnType<typeof heldMessages>) {
  return [commentsSource(api, { status: 'published', memory }), commentsSource(api, { status: 'held', memory })];
}

function checkLength(draft: Draft, context: AdapterContext): void {
  if ([...draft.text].length > MAX_COMMENT_LENGTH) {
    throw new InvalidDraftError(`a YouTube comment has at most ${MAX_COMMENT_LENGTH} characters`, context.errorOptions());
  }
}

/** Newest first, page by page of threads: each page's comments (top-level and inlined replies) in time order. */
async function* history(api: YouTubeApi, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  let pageToken: string | undefined;
  do {
    const page = await api.threadsPage(pageToken, { signal });
    const messages: Message[] = [];
    for (const thread of page.items) {
      const subject = await api.videoTitle(thread.snippet.videoId, { signal });
      for (const comment of [thread.snippet.topLevelComment, ...(thread.replies?.comments ?? [])]) messages.push(api.message(comment, thread.id, subject));
    }
    yield* messages.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
}

async function* threadOf(api: YouTubeApi, threadId: string, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  const thread = await api.threadById(threadId, { signal });
  if (thread) yield* await api.threadMessages(thread, { signal });
}

/** After an interrupted reply: the channel's own reply with the same text under the same top-level comment. */
async function findSent(api: YouTubeApi, draft: Draft, to: Message | undefined): Promise<Message | undefined> {
  if (!to) return undefined;
  const wanted = draft.text.trim();
  const replies = await api.replies(to.parentId ?? to.id);
  const mine = replies.reverse().find((comment) => comment.snippet.authorChannelId?.value === api.ownChannelId && (comment.snippet.textOriginal ?? comment.snippet.textDisplay ?? '').trim() === wanted);
  return mine ? api.message(mine, to.threadId, to.subject) : undefined;
}
