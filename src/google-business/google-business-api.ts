/**
 * The Business Profile API v4 calls of this adapter, each one request through the core's HTTP engine,
 * charged to the project's requests per minute (and a reply to its location's edits per minute).
 */
import type { AdapterContext } from '../core/adapter-context.js';
import type { Message } from '../core/channel.js';
import type { AdapterHttpClient } from '../core/define-channel.js';
import type { NormalizedGoogleBusinessOptions } from './google-business-options.js';
import { editsBucket, REQUESTS_BUCKET } from './google-business-limits.js';
import { batchGetReviewsSchema, listReviewsSchema, reviewReplySchema, reviewSchema, type Review, type ReviewReply } from './google-business-schemas.js';
import { normalizeReply, normalizeReview } from './normalize-review.js';

// reviews.list: "The maximum page_size is 50"; batchGetReviews defaults to 200.
const PAGE_SIZE = 50;
const BATCH_PAGE_SIZE = 200;
// The order the reference names ("update_time desc"): the most recently written or edited first.
export const NEWEST_UPDATE_FIRST = 'update_time desc';

export interface ReviewsPage {
  reviews: Review[];
  nextPageToken: string | undefined;
}

export class GoogleBusinessApi {
  constructor(
    private readonly http: AdapterHttpClient,
    private readonly settings: NormalizedGoogleBusinessOptions,
    private readonly channel: AdapterContext,
  ) {}

  location(locationId: string): string {
    return `accounts/${this.settings.accountId}/locations/${locationId}`;
  }

  /** One page of the channel's reviews, most recently updated first (one location, or all of them in one batch). */
  async reviewsPage(pageToken: string | undefined, signal?: AbortSignal): Promise<ReviewsPage> {
    const read = signal ? { signal } : {};
    if (!this.settings.batch) {
      const page = await this.http.request({
        method: 'GET',
        path: `/v4/${this.location(this.settings.locationIds[0]!)}/reviews`,
        searchParams: { orderBy: NEWEST_UPDATE_FIRST, pageSize: PAGE_SIZE, pageToken },
        bucket: REQUESTS_BUCKET,
        schema: listReviewsSchema,
        ...read,
      });
      return { reviews: page.reviews ?? [], nextPageToken: page.nextPageToken };
    }
    // A read, though it is a POST: safe to retry.
    const page = await this.http.request({
      method: 'POST',
      write: false,
      path: `/v4/accounts/${this.settings.accountId}/locations:batchGetReviews`,
      json: { locationNames: this.settings.locationIds.map((id) => this.location(id)), orderBy: NEWEST_UPDATE_FIRST, pageSize: BATCH_PAGE_SIZE, ...(pageToken ? { pageToken } : {}) },
      bucket: REQUESTS_BUCKET,
      schema: batchGetReviewsSchema,
      ...read,
    });
    return { reviews: (page.locationReviews ?? []).map((entry) => entry.review), nextPageToken: page.nextPageToken };
  }

  /** reviews.get: one review by its resource name. */
  review(name: string, signal?: AbortSignal): Promise<Review> {
    return this.http.request({ method: 'GET', path: `/v4/${name}`, bucket: REQUESTS_BUCKET, schema: reviewSchema, ...(signal ? { signal } : {}) });
  }

  /** reviews.updateReply: creates the review's one reply, or replaces it. */
  putReply(name: string, comment: string): Promise<ReviewReply> {
    return this.http.request({
      method: 'PUT',
      path: `/v4/${name}/reply`,
      json: { comment },
      bucket: [REQUESTS_BUCKET, editsBucket(locationOf(name))],
      schema: reviewReplySchema,
    });
  }

  /** The resource name of the review a message is (or answers). */
  reviewName(message: Message): string {
    const raw = message.raw as { name?: unknown } | undefined;
    const reviewId = message.parentId ?? message.id;
    if (message.kind === 'review' && typeof raw?.name === 'string' && raw.name.endsWith(`/reviews/${reviewId}`)) return raw.name;
    return `${this.location(this.settings.locationIds[0]!)}/reviews/${reviewId}`;
  }

  message(review: Review): Message {
    return normalizeReview(review, { channel: this.channel.id, location: this.location(locationOf(review.name)) });
  }

  replyMessage(review: Pick<Review, 'reviewId' | 'name'>, reply: ReviewReply, replaced?: { createdAt: Date }): Message {
    return normalizeReply(review, reply, { channel: this.channel.id, location: this.location(locationOf(review.name)) }, replaced);
  }
}

/** The location id in a review's resource name `accounts/{a}/locations/{l}/reviews/{r}`. */
export function locationOf(reviewName: string): string {
  return /\/locations\/([^/]+)/.exec(reviewName)?.[1] ?? '';
}
