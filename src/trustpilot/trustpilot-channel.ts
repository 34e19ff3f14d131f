/** The Trustpilot channel: a business unit's service reviews, answered with the company's public reply, on the core's engines. */
import type { Channel, Draft, Message } from '../core/channel.js';
import { defineChannel } from '../core/define-channel.js';
import { UnsupportedError } from '../core/errors.js';
import { TrustpilotApi } from './trustpilot-api.js';
import { createTrustpilotAuthorizer } from './trustpilot-auth.js';
import { describeTrustpilotError } from './trustpilot-errors.js';
import { guidanceWindows } from './trustpilot-limits.js';
import { reviewsSource } from './trustpilot-listen.js';
import { normalizeTrustpilotOptions, type TrustpilotOptions } from './trustpilot-options.js';
import { normalizeReply } from './normalize-review.js';
import { createTrustpilotWebhook } from './trustpilot-webhook.js';

export function trustpilot(options: TrustpilotOptions): Channel {
  const settings = normalizeTrustpilotOptions(options);
  return defineChannel({ id: `trustpilot:${settings.businessUnitId}`, platform: 'trustpilot', options: settings }, ({ context, createHttpClient, push }) => {
    const auth = createTrustpilotAuthorizer(settings, context);
    const http = createHttpClient({
      baseUrl: settings.baseUrl,
      authorize: auth.authorize,
      reauthorize: auth.reauthorize,
      // Trustpilot sends no limit headers: its guidance is counted in the store (trustpilot-limits.ts).
      readRateLimits: () => [],
      quotaWindow: guidanceWindows(context),
      describeError: describeTrustpilotError,
    });
    const api = new TrustpilotApi(http, settings, context);
    const webhooks = settings.webhookSecret !== undefined;
    if (settings.webhookSecret) context.addSecret(settings.webhookSecret);

    return {
      capabilities: { post: false, reply: true, direct: false, html: false, attachments: false, webhooks, realtime: webhooks },
      send: () => {
        throw new UnsupportedError('Trustpilot has no posts or messages here: reply() to a review publishes the company\'s answer', context.errorOptions());
      },
      async reply(to, draft) {
        const reviewId = to.parentId ?? to.id;
        // The review as it is now: whether a reply exists, which this one replaces.
        const before = await api.review(reviewId);
        await api.postReply(reviewId, draft.text);
        const now = new Date();
        const earlier = before.companyReply ? new Date(before.companyReply.createdAt) : undefined;
        // Trustpilot answers 201 without a body: the raw payload is the reply as sent.
        const sent = { authorBusinessUserId: settings.businessUserId, message: draft.text };
        return normalizeReply(reviewId, { text: draft.text, createdAt: earlier ?? now, editedAt: earlier ? now : undefined }, sent, api.context);
      },
      messages: ({ since, signal }) => history(api, since, signal),
      thread: (of, { signal }) => threadOf(api, typeof of === 'string' ? of.replace(/\/reply$/, '') : (of.parentId ?? of.id), signal),
      sources: [reviewsSource(api)],
      ...(settings.webhookSecret ? { webhook: createTrustpilotWebhook(settings.webhookSecret, api.context, push) } : {}),
      recover: (draft, to) => findSent(api, draft, to),
    };
  });
}

async function* history(api: TrustpilotApi, since: Date | undefined, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  for (let page = 1; ; page++) {
    const answer = await api.reviewsPage(page, signal);
    for (const review of answer.reviews) {
      if (since && Date.parse(review.createdAt) < since.getTime()) return;
      yield api.message(review);
    }
    if (!answer.more) return;
  }
}

async function* threadOf(api: TrustpilotApi, reviewId: string, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  const review = await api.review(reviewId, signal);
  yield api.message(review);
  const reply = api.replyMessage(review);
  if (reply) yield reply;
}

/** After an interrupted reply: the review's reply has this text (it landed), or not (posting it again replaces, so it is safe). */
async function findSent(api: TrustpilotApi, draft: Draft, to: Message | undefined): Promise<Message | null | undefined> {
  if (!to) return undefined;
  const review = await api.review(to.parentId ?? to.id);
  if (review.companyReply?.text.trim() === draft.text.trim()) return api.replyMessage(review)!;
  return null;
}
