/**
 * The X channel: posts, replies and DMs through X API v2, on the core's HTTP and listen engines.
 */
import type { Channel } from '../core/channel.js';
import { defineChannel, type ChannelImplementation } from '../core/define-channel.js';
import { InvalidDraftError } from '../core/errors.js';
import { TwitterApi } from './twitter-api.js';
import { createTwitterAuthorizer } from './twitter-auth.js';
import { describeTwitterError } from './twitter-errors.js';
import { directMessagesSource, mentionsSource } from './twitter-listen.js';
import { mergeNewestFirst, paged } from '../core/history.js';
import { byToken, conversation, directConversation, invalidRecipient, replyDraft, sendDraft } from './twitter-messages.js';
import { normalizeTwitterOptions, type TwitterOptions } from './twitter-options.js';
import { APP_DAILY_BUCKET, appScope, readTwitterRateLimits } from './twitter-rate-limits.js';
import { MAX_LONG_POST_LENGTH, MAX_WEIGHTED_LENGTH, postTextProblem } from './twitter-text.js';
import { duplicateIsProof, findSent } from './twitter-recover.js';

// https://docs.x.com/x-api/direct-messages/manage/introduction: a DM holds up to 10,000 characters.
const MAX_DM_LENGTH = 10_000;
const DM_CONVERSATION = /^\d+-\d+$/;

export function twitter(options: TwitterOptions): Channel {
  const settings = normalizeTwitterOptions(options);
  const account = settings.userId ?? (settings.oauth1 ? settings.oauth1.accessToken.split('-')[0] : undefined) ?? 'me';
  const app = appScope(settings);
  const setup = { id: `twitter:${account}`, platform: 'twitter' as const, options: settings, ...(app ? { bucketScopes: { [APP_DAILY_BUCKET]: app } } : {}) };
  return defineChannel(setup, ({ context, createHttpClient, push }) => {
    const http = createHttpClient({
      baseUrl: settings.baseUrl,
      ...createTwitterAuthorizer(settings, context),
      readRateLimits: (headers, bucket) => readTwitterRateLimits(headers, bucket, context.bucketName(APP_DAILY_BUCKET)),
      describeError: (response) => describeTwitterError(response, settings.capResetDay),
    });
    const api = new TwitterApi(http, context, settings.userId);
    const once = duplicateIsProof(api, context);
    const maxPostLength = settings.longPosts ? MAX_LONG_POST_LENGTH : MAX_WEIGHTED_LENGTH;

    const implementation: ChannelImplementation = {
      capabilities: {
        post: true,
        reply: true,
        direct: true,
        html: false,
        attachments: true,
        maxTextLength: maxPostLength,
        webhooks: settings.consumerSecret !== undefined,
        realtime: settings.consumerSecret !== undefined,
      },
      validateDraft(draft, to) {
        const badRecipient = draft.to === undefined || to ? undefined : invalidRecipient(draft.to); // Draft.to is for send
        if (badRecipient) throw new InvalidDraftError(badRecipient, context.errorOptions());
        const direct = draft.to !== undefined || to?.kind === 'direct';
        const length = [...draft.text].length;
        const problem = !direct ? postTextProblem(draft.text, maxPostLength) : length > MAX_DM_LENGTH ? `the text is ${length} characters; X allows ${MAX_DM_LENGTH}` : undefined;
        if (problem) throw new InvalidDraftError(problem, context.errorOptions());
      },
      send: (draft) => once(draft, undefined, () => sendDraft(api, draft)),
      reply: (to, draft) => once(draft, to, () => replyDraft(api, to, draft)), // a DM is answered by DM, in its group when it came from one
      messages: ({ signal, since, limit }) => {
        const pageSize = Math.min(100, Math.max(5, limit ?? 100));
        const mentions = paged<string>(async (token) =>
          byToken(await api.mentions({ max_results: pageSize, ...(token ? { pagination_token: token } : {}), ...(since ? { start_time: since.toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}) }, signal)),
        );
        if (!settings.directMessages) return mentions;
        const directs = paged<string>(async (token) => byToken(await api.dmEvents(token, signal)));
        return mergeNewestFirst(mentions, directs);
      },
      thread(of, { signal }) {
        if (typeof of === 'string') {
          if (DM_CONVERSATION.test(of)) return directConversation(api, of, signal);
          return (async function* () {
            const message = await api.lookup(of, signal);
            yield* conversation(api, message.threadId, signal);
          })();
        }
        return of.kind === 'direct' ? directConversation(api, of.threadId, signal) : conversation(api, of.threadId, signal);
      },
      sources: settings.directMessages ? [mentionsSource(api, context), directMessagesSource(api)] : [mentionsSource(api, context)],
      async recover(draft, to) {
        return findSent(api, draft, to);
      },
    };
    const consumerSecret = settings.consumerSecret;
    if (consumerSecret) {
      // Few bots take webhooks: their handling is loaded on the first request. The import is of a chunk the
      // app bundled (its own file, never a call to X), so X's rule holds: a webhook is answered at once.
      // Made once (its caches live as long as the channel); a failed load is tried again by the next request.
      let handler: Promise<(request: Request) => Promise<Response>> | undefined;
      const loadHandler = () =>
        import('./twitter-webhook.js').then(
          (module) => module.createTwitterWebhook({ consumerSecret, api, context, push }),
          (error: unknown) => {
            handler = undefined;
            throw error;
          },
        );
      implementation.webhook = async (request) => (await (handler ??= loadHandler()))(request);
    }
    return implementation;
  });
}
