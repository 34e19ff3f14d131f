/** The Google Business Profile channel: a location's reviews, answered with the owner's public reply, on the core's engines. */
import type { AdapterContext } from '../core/adapter-context.js';
import type { Channel, Draft, Message } from '../core/channel.js';
import { defineChannel } from '../core/define-channel.js';
import { createBearerAuthorizer } from '../core/oauth2/bearer-authorizer.js';
import { InvalidDraftError, UnsupportedError } from '../core/errors.js';
import { GoogleBusinessApi } from './google-business-api.js';
import { describeGoogleBusinessError } from './google-business-errors.js';
import { minuteWindows } from './google-business-limits.js';
import { reviewsSource } from './google-business-listen.js';
import { normalizeGoogleBusinessOptions, type GoogleBusinessOptions } from './google-business-options.js';

// ReviewReply.comment: "The maximum length is 4096 bytes."
export const MAX_REPLY_BYTES = 4096;

export function googleBusiness(options: GoogleBusinessOptions): Channel {
  const settings = normalizeGoogleBusinessOptions(options);
  return defineChannel(
    {
      id: `google-business:${settings.accountId}:${settings.locationIds.join('+')}`,
      platform: 'google-business',
      options: settings,
    },
    ({ context, createHttpClient }) => {
      // Google's access tokens live one hour: with `oauth2` the keeper refreshes them.
      const auth = createBearerAuthorizer(settings, context);
      const http = createHttpClient({
        baseUrl: settings.baseUrl,
        authorize: auth.authorize,
        reauthorize: auth.reauthorize,
        // No header says what is left: the minute's requests and edits are counted in the store.
        readRateLimits: () => [],
        quotaWindow: minuteWindows(context, settings.locationIds),
        describeError: describeGoogleBusinessError,
      });
      const api = new GoogleBusinessApi(http, settings, context);

      return {
        capabilities: { post: false, reply: true, direct: false, html: false, attachments: false, webhooks: false, realtime: false },
        validateDraft: (draft) => checkLength(draft, context),
        send: () => {
          throw new UnsupportedError('Google Business Profile has no posts or messages here: reply() to a review publishes the owner\'s answer', context.errorOptions());
        },
        async reply(to, draft) {
          const name = api.reviewName(to);
          // The review as it is now: whether a reply exists, which this one replaces.
          const review = await api.review(name);
          const reply = await api.putReply(name, draft.text);
          return api.replyMessage(review, reply, review.reviewReply ? { createdAt: new Date(review.reviewReply.updateTime) } : undefined);
        },
        messages: ({ since, signal }) => history(api, since, signal),
        thread: (of, { signal }) => threadOf(api, typeof of === 'string' ? api.reviewName(idOnly(of)) : api.reviewName(of), signal),
        sources: [reviewsSource(api)],
        recover: (draft, to) => findSent(api, draft, to),
      };
    },
  );
}

function checkLength(draft: Draft, context: AdapterContext): void {
  if (new TextEncoder().encode(draft.text).length > MAX_REPLY_BYTES) {
    throw new InvalidDraftError(`a Google Business Profile reply has at most ${MAX_REPLY_BYTES} bytes (UTF-8)`, context.errorOptions());
  }
}

/**
 * Newest first as Google lists them (by last update). With `since`: reviews written before it are
 * passed over until one last updated before it ends the walk, so an old review's edit does not end it early.
 */
async function* history(api: GoogleBusinessApi, since: Date | undefined, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  let pageToken: string | undefined;
  do {
    const page = await api.reviewsPage(pageToken, signal);
    for (const review of page.reviews) {
      if (since && Date.parse(review.updateTime) < since.getTime()) return;
      if (since && Date.parse(review.createTime) < since.getTime()) continue;
      yield api.message(review);
    }
    pageToken = page.nextPageToken;
  } while (pageToken);
}

/** A review's thread: the review, then the owner's reply if there is one. */
async function* threadOf(api: GoogleBusinessApi, name: string, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  const review = await api.review(name, signal);
  yield api.message(review);
  if (review.reviewReply) yield api.replyMessage(review, review.reviewReply);
}

const idOnly = (id: string): Message => ({ id: id.replace(/\/reply$/, ''), kind: 'review' }) as Message;

/**
 * After an interrupted reply: the review's reply is there with this text (it landed), or it is not (a
 * PUT that did not land: sending it again is safe, it creates or replaces the one reply).
 */
async function findSent(api: GoogleBusinessApi, draft: Draft, to: Message | undefined): Promise<Message | null | undefined> {
  if (!to) return undefined;
  const review = await api.review(api.reviewName(to));
  if (review.reviewReply?.comment.trim() === draft.text.trim()) return api.replyMessage(review, review.reviewReply);
  return null;
}
