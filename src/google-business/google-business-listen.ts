/**
 * listen() for Google Business Profile: reviews.list (or batchGetReviews) most recently updated first,
 * paged back to the cursor. A review's place is its updateTime, so a customer's edit (a new updateTime)
 * comes again, once, with `editedAt`; a deleted review simply is no longer listed. Google has push
 * (Pub/Sub NEW_REVIEW / UPDATED_REVIEW), but it needs a Cloud topic: polling works everywhere.
 */
import type { ListenItem, ListenSource, PollRequest, PollResult } from '../core/listen/listen-source.js';
import type { GoogleBusinessApi } from './google-business-api.js';
import { REQUESTS_BUCKET } from './google-business-limits.js';
import type { Review } from './google-business-schemas.js';

export const REVIEWS_SOURCE = 'reviews';

/** A review's place in update order: "<updateTime in ms, 15 digits>:<reviewId>", compared as text. */
export function reviewPosition(review: Pick<Review, 'updateTime' | 'reviewId'>): string {
  return `${String(Date.parse(review.updateTime)).padStart(15, '0')}:${review.reviewId}`;
}

export function reviewsSource(api: GoogleBusinessApi): ListenSource {
  return {
    name: REVIEWS_SOURCE,
    buckets: [REQUESTS_BUCKET],
    compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    async poll({ cursor, since, signal }: PollRequest): Promise<PollResult> {
      const threshold = cursor ? Number(cursor.slice(0, 15)) : since.getTime();
      const isNew = (review: Review) => (cursor ? reviewPosition(review) > cursor : Date.parse(review.updateTime) >= threshold);
      // Whether the review as first written was delivered already (its creation is at or before the cursor).
      const seenBefore = (review: Review) => (cursor ? reviewPosition({ updateTime: review.createTime, reviewId: review.reviewId }) <= cursor : Date.parse(review.createTime) < threshold);
      const items: ListenItem[] = [];
      let pageToken: string | undefined;
      pages: do {
        const page = await api.reviewsPage(pageToken, signal);
        for (const review of page.reviews) {
          // Most recently updated first: once one is older than the cursor, so is the rest.
          if (Date.parse(review.updateTime) < threshold) break pages;
          if (!isNew(review)) continue;
          items.push({ message: api.message(review), position: reviewPosition(review), ...(seenBefore(review) && touchedByReply(review) ? { skip: true } : {}) });
        }
        pageToken = page.nextPageToken;
      } while (pageToken);
      items.sort((a, b) => (a.position < b.position ? -1 : 1));
      return { items };
    },
  };
}

/**
 * A review (already delivered) whose updateTime moved no later than the owner's reply: the reply moved
 * it, not the customer. Google's documents do not say whether a reply touches the review's updateTime;
 * if it does, this keeps a bot from answering its own answer as an edit.
 */
function touchedByReply(review: Review): boolean {
  if (!review.reviewReply || review.updateTime === review.createTime) return false;
  return Date.parse(review.updateTime) <= Date.parse(review.reviewReply.updateTime);
}
