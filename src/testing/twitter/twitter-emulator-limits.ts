/**
 * The emulator's rate-limit buckets (one per endpoint template, as X counts them) and their documented
 * per-user defaults: https://docs.x.com/x-api/fundamentals/rate-limits (the "Per User" column, 15-minute
 * windows). Headers: x-rate-limit-limit / -remaining / -reset, reset in epoch seconds, on every answer.
 */
import { BUCKETS } from '../../twitter/twitter-fields.js';
import type { WindowHit, WindowRule } from '../window-limiter.js';

/** The emulator counts in the buckets the adapter reserves from: one table of X's endpoint templates. */
export const TWITTER_BUCKETS = BUCKETS;

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const DAY = 24 * 60 * 60 * 1000;

export const TWITTER_DEFAULT_LIMITS: Record<string, WindowRule> = {
  [TWITTER_BUCKETS.me]: { limit: 75, windowMs: FIFTEEN_MINUTES },
  [TWITTER_BUCKETS.createTweet]: { limit: 100, windowMs: FIFTEEN_MINUTES },
  // X's account limit of 2,400 posts a day (https://help.x.com/en/rules-and-policies/x-limits); the API
  // reports it in x-user-limit-24hour-* on POST /2/tweets. The rate-limit page lists no per-user daily figure.
  [TWITTER_BUCKETS.createTweetDaily]: { limit: 2400, windowMs: DAY },
  [TWITTER_BUCKETS.lookup]: { limit: 900, windowMs: FIFTEEN_MINUTES },
  [TWITTER_BUCKETS.mentions]: { limit: 300, windowMs: FIFTEEN_MINUTES },
  [TWITTER_BUCKETS.userTweets]: { limit: 900, windowMs: FIFTEEN_MINUTES },
  [TWITTER_BUCKETS.search]: { limit: 300, windowMs: FIFTEEN_MINUTES },
  // 15 per 15 minutes per user (and 1,440 per 24 hours, which the emulator does not count).
  [TWITTER_BUCKETS.createDm]: { limit: 15, windowMs: FIFTEEN_MINUTES },
  [TWITTER_BUCKETS.dmEvents]: { limit: 15, windowMs: FIFTEEN_MINUTES },
  [TWITTER_BUCKETS.conversationEvents]: { limit: 15, windowMs: FIFTEEN_MINUTES },
  [TWITTER_BUCKETS.createGroupDm]: { limit: 15, windowMs: FIFTEEN_MINUTES },
  [TWITTER_BUCKETS.conversationDm]: { limit: 15, windowMs: FIFTEEN_MINUTES },
  [TWITTER_BUCKETS.userByUsername]: { limit: 900, windowMs: FIFTEEN_MINUTES },
  // Media upload: one bucket for initialize, append and finalize (500 per 15 minutes per user), one for status.
  [TWITTER_BUCKETS.mediaUpload]: { limit: 500, windowMs: FIFTEEN_MINUTES },
  [TWITTER_BUCKETS.mediaStatus]: { limit: 500, windowMs: FIFTEEN_MINUTES },
};

/** The headers of one bucket's state, with X's prefix. */
export function limitHeaders(headers: Headers, prefix: 'x-rate-limit' | 'x-user-limit-24hour', hit: WindowHit | undefined): void {
  if (!hit) return;
  headers.set(`${prefix}-limit`, String(hit.limit));
  headers.set(`${prefix}-remaining`, String(hit.remaining));
  headers.set(`${prefix}-reset`, String(Math.ceil(hit.resetAt / 1000)));
}
