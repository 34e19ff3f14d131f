/** The Trustpilot calls of this adapter, each one request through the core's HTTP engine, counted in the guidance buckets. */
import * as z from 'zod/mini';
import type { AdapterContext } from '../core/adapter-context.js';
import type { Message } from '../core/channel.js';
import type { AdapterHttpClient } from '../core/define-channel.js';
import { BUCKETS } from './trustpilot-limits.js';
import type { NormalizedTrustpilotOptions } from './trustpilot-options.js';
import { reviewListSchema, reviewSchema, type TrustpilotReview } from './trustpilot-schemas.js';
import { normalizeReply, normalizeReview, reviewFields, type ReviewContext } from './normalize-review.js';

// Private reviews: perPage 1..100.
const PER_PAGE = 100;

export class TrustpilotApi {
  readonly context: ReviewContext;

  constructor(
    private readonly http: AdapterHttpClient,
    private readonly settings: NormalizedTrustpilotOptions,
    channel: AdapterContext,
  ) {
    this.context = { channel: channel.id, businessUnitId: settings.businessUnitId, businessUserId: settings.businessUserId };
  }

  /** A page (from 1) of the business unit's reviews, newest first. */
  async reviewsPage(page: number, signal?: AbortSignal): Promise<{ reviews: TrustpilotReview[]; more: boolean }> {
    const answer = await this.http.request({
      method: 'GET',
      path: `/v1/private/business-units/${encodeURIComponent(this.settings.businessUnitId)}/reviews`,
      searchParams: { orderBy: 'createdat.desc', perPage: PER_PAGE, page },
      bucket: BUCKETS,
      schema: reviewListSchema,
      ...(signal ? { signal } : {}),
    });
    // A full page may have a next one; Trustpilot answers a page past the end with an empty list.
    return { reviews: answer.reviews, more: answer.reviews.length === PER_PAGE };
  }

  review(reviewId: string, signal?: AbortSignal): Promise<TrustpilotReview> {
    return this.http.request({ method: 'GET', path: `/v1/private/reviews/${encodeURIComponent(reviewId)}`, bucket: BUCKETS, schema: reviewSchema, ...(signal ? { signal } : {}) });
  }

  /** The company's reply: created, or replacing the one there is (201, no body). */
  async postReply(reviewId: string, text: string): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: `/v1/private/reviews/${encodeURIComponent(reviewId)}/reply`,
      json: { authorBusinessUserId: this.settings.businessUserId, message: text },
      bucket: BUCKETS,
      schema: z.unknown(),
    });
  }

  message(review: TrustpilotReview): Message {
    return normalizeReview(reviewFields(review), review, this.context);
  }

  replyMessage(review: TrustpilotReview): Message | undefined {
    const reply = review.companyReply;
    if (!reply) return undefined;
    const updated = reply.updatedAt && Date.parse(reply.updatedAt) > Date.parse(reply.createdAt) ? new Date(reply.updatedAt) : undefined;
    return normalizeReply(review.id, { text: reply.text, createdAt: new Date(reply.createdAt), editedAt: updated }, reply, this.context);
  }
}
