/**
 * The Flickr channel: comments on the account's photos, answered by a comment on the same photo.
 * Flickr comments have no threads: an answer names the person it answers ("@authorname ") and its
 * `threadId` is the photo, `parentId` the comment answered. Nothing can be posted without a photo,
 * and Flickr has no direct messages in its API: send() is UnsupportedError.
 */
import type { Channel, Draft, Message } from '../core/channel.js';
import { defineChannel } from '../core/define-channel.js';
import { UnsupportedError } from '../core/errors.js';
import { htmlToText } from '../core/html-text.js';
import { API_BUCKET, commentsBucket, FlickrApi } from './flickr-api.js';
import { createFlickrAuthorizer } from './flickr-auth.js';
import { describeFlickrError, isFlickrFailure } from './flickr-errors.js';
import { commentsNewestFirst } from './flickr-history.js';
import { commentsSource } from './flickr-listen.js';
import { normalizeFlickrOptions, type FlickrOptions } from './flickr-options.js';
import type { Comment } from './flickr-schemas.js';

// 3,600 calls an hour per API key, every method and every account of the key together, and no
// header says what is left (https://www.flickr.com/services/developer/api/). Kept as clock hours.
const CALLS_PER_HOUR = 3600;
const HOUR_MS = 60 * 60 * 1000;

export function flickr(options: FlickrOptions): Channel {
  const settings = normalizeFlickrOptions(options);
  const setup = {
    id: `flickr:${settings.userId}`,
    platform: 'flickr',
    options: settings,
    // The quota is the key's: every channel on the same consumer key (a public identifier, not a secret) shares it.
    bucketScope: `flickr:key:${settings.oauth1.consumerKey}`,
  };
  return defineChannel(setup, ({ context, createHttpClient }) => {
    const http = createHttpClient({
      baseUrl: settings.baseUrl,
      authorize: createFlickrAuthorizer(settings.oauth1, context),
      readRateLimits: () => [],
      failedAnswer: isFlickrFailure,
      describeError: describeFlickrError(context.bucketName(commentsBucket(settings.userId))),
      quotaWindow: (bucket, now) => (bucket !== context.bucketName(API_BUCKET) ? undefined : { limit: CALLS_PER_HOUR, resetAt: new Date((Math.floor(now / HOUR_MS) + 1) * HOUR_MS) }),
    });
    const api = new FlickrApi(http, settings, context);
    const answerText = (to: Message, draft: Draft) => withMention(to, draft.text);

    return {
      capabilities: { post: false, reply: true, direct: false, html: false, attachments: false, webhooks: false, realtime: false },
      send: async () => {
        throw new UnsupportedError('a Flickr comment needs a photo: reply() to a comment, or comment on a photo of your own', context.errorOptions());
      },
      async reply(to, draft) {
        const text = answerText(to, draft);
        const added = await api.addComment(to.threadId, text);
        const message: Message = {
          id: added.id,
          channel: context.id,
          platform: 'flickr',
          kind: 'comment',
          threadId: to.threadId,
          parentId: to.id,
          author: { id: settings.userId, isSelf: true },
          text,
          attachments: [],
          createdAt: new Date(),
          raw: added,
        };
        if (added.permalink) message.url = added.permalink;
        if (to.subject) message.subject = to.subject;
        return message;
      },
      messages: ({ since, signal }) => commentsNewestFirst(api, since, signal),
      thread: (of, { signal }) => threadOf(api, of, signal),
      sources: [commentsSource(api)],
      // After an interrupted answer: the account's comment on the photo with the same text, if it landed.
      async recover(draft, to) {
        if (!to) return undefined;
        const wanted = flat(answerText(to, draft));
        const comments = await api.comments(to.threadId, undefined);
        const found = [...comments].reverse().find((comment: Comment) => comment.author === settings.userId && flat(htmlToText(comment._content)) === wanted);
        return found ? api.normalize(found, to.threadId, to.subject, to.id) : undefined;
      },
    };
  });
}

/** The answer names the person answered, unless it already starts with that name. */
function withMention(to: Message, text: string): string {
  const name = to.author.handle ?? to.author.name;
  if (!name || to.author.isSelf) return text;
  const mention = `@${name}`;
  return text.trimStart().startsWith(mention) ? text : `${mention} ${text}`;
}

async function* threadOf(api: FlickrApi, of: Message | string, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  const photoId = typeof of === 'string' ? of : of.threadId;
  const title = typeof of === 'string' ? undefined : of.subject;
  for (const comment of await api.comments(photoId, undefined, signal)) yield api.normalize(comment, photoId, title);
}

const flat = (text: string) => text.trim().replace(/\s+/g, ' ');
