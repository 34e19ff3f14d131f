/**
 * The Messenger limits Graph documents but does not count down in headers, kept as windows in the store
 * (PlatformHttp.quotaWindow), aligned to the clock so every process sharing the store computes the same:
 * - the Conversations API: 2 calls per second per Page
 *   (https://developers.facebook.com/docs/messenger-platform/conversations#limitations);
 * - the Messenger business use case: 200 calls × the people the Page can message, per 24 hours
 *   (https://developers.facebook.com/docs/graph-api/overview/rate-limiting/#messenger). Sends need it too,
 *   so listen() polls spend from a bucket of their own holding half of it, an hour at a time. A small
 *   Page (one person) gets 4 polls of its conversations an hour; webhooks deliver in between.
 */
import type { AdapterContext } from '../core/adapter-context.js';
import type { QuotaWindow } from '../core/http/platform-http.js';

export const PACE_BUCKETS = {
  /** Conversations API reads: 2 per second. */
  conversations: 'conversations',
  /** listen() polls of conversations: their share of the Messenger allowance. */
  messengerPolls: 'messenger polls',
} as const;

const SECOND = 1000;
const HOUR = 60 * 60 * 1000;
export const CONVERSATIONS_PER_SECOND = 2;
export const MESSENGER_CALLS_PER_PERSON = 200;
const POLL_SHARE = 0.5;

/** The polls an hour may take when `people` can be messaged: half of 200 × people per 24 h, at least 1. */
export function messengerPollsPerHour(people: number): number {
  return Math.max(1, Math.floor((MESSENGER_CALLS_PER_PERSON * Math.max(1, people) * POLL_SHARE) / 24));
}

/**
 * Windows of the pace buckets. `people()` is how many people the Page can message now: the option when
 * given, else what the last conversation reads saw (people who wrote in the last 24 hours), at least 1.
 */
export function messagingQuotaWindows(context: AdapterContext, people: () => number) {
  const conversations = context.bucketName(PACE_BUCKETS.conversations);
  const polls = context.bucketName(PACE_BUCKETS.messengerPolls);
  return (bucket: string, now: number): QuotaWindow | undefined => {
    if (bucket === conversations) return { limit: CONVERSATIONS_PER_SECOND, resetAt: new Date(Math.floor(now / SECOND) * SECOND + SECOND) };
    if (bucket === polls) return { limit: messengerPollsPerHour(people()), resetAt: new Date(Math.floor(now / HOUR) * HOUR + HOUR) };
    return undefined;
  };
}

/** People who wrote within 24 hours of `now`, from conversations' `updated_time` (a lower bound: the Page's own messages move it too). */
export function recentPeople(updatedTimes: readonly Date[], now = Date.now()): number {
  return updatedTimes.filter((time) => now - time.getTime() <= 24 * HOUR).length;
}
