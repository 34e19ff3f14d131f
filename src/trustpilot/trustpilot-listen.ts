/**
 * listen() for Trustpilot. Polling: the private reviews newest first (orderBy=createdat.desc), paged back to
 * the cursor (position = createdAt + id); it sees new reviews only, since an edit keeps createdAt. Webhooks
 * (service-review-created, -updated, -deleted) push at once: a new review with the poll source's position
 * (so polled and pushed copies are one message), an edit as its own message with `editedAt` (one per
 * updatedAt), a deletion never.
 */
import type { ListenItem, ListenSource, PollRequest, PollResult } from '../core/listen/listen-source.js';
import type { TrustpilotApi } from './trustpilot-api.js';
import { FIVE_MINUTE_BUCKET } from './trustpilot-limits.js';

export const REVIEWS_SOURCE = 'reviews';
/** Not polled: the name under which pushed edits are marked done. */
export const EDITS_SOURCE = 'edits';

/** A time and an id in order: "<ms, 15 digits>:<id>", compared as text. */
export function position(time: string, id: string): string {
  return `${String(Date.parse(time)).padStart(15, '0')}:${id}`;
}

export function reviewsSource(api: TrustpilotApi): ListenSource {
  return {
    name: REVIEWS_SOURCE,
    buckets: [FIVE_MINUTE_BUCKET],
    compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    async poll({ cursor, since, signal }: PollRequest): Promise<PollResult> {
      const threshold = cursor ? Number(cursor.slice(0, 15)) : since.getTime();
      const isNew = (at: string, id: string) => (cursor ? position(at, id) > cursor : Date.parse(at) >= threshold);
      const items: ListenItem[] = [];
      let page = 1;
      pages: for (;;) {
        const answer = await api.reviewsPage(page, signal);
        for (const review of answer.reviews) {
          if (Date.parse(review.createdAt) < threshold) break pages;
          if (isNew(review.createdAt, review.id)) items.push({ message: api.message(review), position: position(review.createdAt, review.id) });
        }
        if (!answer.more) break;
        page += 1;
      }
      items.sort((a, b) => (a.position < b.position ? -1 : 1));
      return { items };
    },
  };
}
