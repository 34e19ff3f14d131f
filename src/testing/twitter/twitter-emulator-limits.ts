/**
 * The emulator's rate-limit buckets (one per endpoint template, as X counts them) and their documented
 * defaults: https://docs.x.com/x-api/fundamentals/rate-limits (15-minute windows per user, 24-hour caps
 * per user and per app). Headers on every answer: x-rate-limit-limit / -remaining / -reset (epoch seconds),
 * and on POST /2/tweets x-user-limit-24hour-* and x-app-limit-24hour-*. `tier` picks the table of a plan.
 */
import { BUCKETS } from '../../twitter/twitter-fields.js';
import { APP_DAILY_BUCKET } from '../../twitter/twitter-rate-limits.js';
import type { WindowHit, WindowRule } from '../window-limiter.js';

/** The emulator counts in the buckets the adapter reserves from, plus the app-wide 24-hour cap on posting. */
export const TWITTER_BUCKETS = {
  ...BUCKETS,
  /** The app's 24-hour cap on posting (every user of the app together), reported in x-app-limit-24hour-*. */
  createTweetAppDaily: APP_DAILY_BUCKET,
  /** GET /2/dm_events and GET /2/dm_conversations/... share one read limit (X's DM introduction). */
  dmReads: BUCKETS.dmEvents,
  /** GET /2/usage/tweets: the app's post cap and usage (the emulator's; the adapter does not call it). */
  usage: 'GET /2/usage/tweets',
} as const;

/** The plan of the app: what it may call and how often (docs.x.com "Rate limits", per plan). */
export type TwitterTier = 'free' | 'basic' | 'pro';

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const DAY = 24 * 60 * 60 * 1000;
const B = TWITTER_BUCKETS;
const every15 = (limit: number): WindowRule => ({ limit, windowMs: FIFTEEN_MINUTES });
const daily = (limit: number): WindowRule => ({ limit, windowMs: DAY });

/** Pro, and what the emulator used before tiers: the per-user columns, the app's 10,000 posts a day. */
export const TWITTER_DEFAULT_LIMITS: Record<string, WindowRule> = {
  [B.me]: every15(75),
  [B.createTweet]: every15(100),
  // X's account limit of 2,400 posts a day (https://help.x.com/en/rules-and-policies/x-limits), in x-user-limit-24hour-*.
  [B.createTweetDaily]: daily(2400),
  [B.createTweetAppDaily]: daily(10_000),
  [B.lookup]: every15(900),
  [B.mentions]: every15(300),
  [B.userTweets]: every15(900),
  [B.search]: every15(300),
  // 15 per 15 minutes per user (and 1,440 per 24 hours, which the emulator does not count).
  [B.createDm]: every15(15),
  // One limit for every DM read: the headers of /2/dm_events and /2/dm_conversations/.../dm_events count together.
  [B.dmReads]: every15(15),
  // 50 requests per 15 minutes per app (https://docs.x.com/x-api/usage/introduction).
  [B.usage]: every15(50),
};

const TIER_LIMITS: Record<TwitterTier, Record<string, WindowRule>> = {
  // Free: 17 posts per 24 hours per user and per app, /2/users/me 25 per 24 hours; no reads of posts or DMs.
  free: { ...TWITTER_DEFAULT_LIMITS, [B.me]: daily(25), [B.createTweetDaily]: daily(17), [B.createTweetAppDaily]: daily(17) },
  // Basic: 100 posts per 24 hours per user, 1,667 per app; reads at a tenth of Pro's pace or less.
  basic: {
    ...TWITTER_DEFAULT_LIMITS,
    [B.me]: daily(250),
    [B.createTweetDaily]: daily(100),
    [B.createTweetAppDaily]: daily(1667),
    [B.mentions]: every15(10),
    [B.userTweets]: every15(10),
    [B.search]: every15(60),
    [B.lookup]: every15(15),
  },
  pro: TWITTER_DEFAULT_LIMITS,
};

/** The windows of a plan's buckets. */
export function tierLimits(tier: TwitterTier): Record<string, WindowRule> {
  return TIER_LIMITS[tier];
}

/** Posts a plan may read in a month (its usage cap): beyond it every request is a 429 `usage-capped`. */
export const MONTHLY_POST_READS: Record<TwitterTier, number> = { free: 100, basic: 15_000, pro: 1_000_000 };

/** The endpoints a plan does not include: the free plan reads no posts and no DMs (403 client-forbidden). */
export const TIER_REFUSES: Record<TwitterTier, readonly string[]> = {
  free: [B.mentions, B.userTweets, B.search, B.lookup, B.userByUsername, B.dmEvents, B.conversationEvents],
  basic: [],
  pro: [],
};

export type LimitPrefix = 'x-rate-limit' | 'x-user-limit-24hour' | 'x-app-limit-24hour';

/** Which headers report a bucket. */
export function headerPrefix(bucket: string): LimitPrefix {
  if (bucket.endsWith('(app 24 hours)')) return 'x-app-limit-24hour';
  if (bucket.endsWith('(24 hours)')) return 'x-user-limit-24hour';
  return 'x-rate-limit';
}

/** The headers of one bucket's state, with X's prefix. */
export function limitHeaders(headers: Headers, prefix: LimitPrefix, hit: WindowHit | undefined): void {
  if (!hit) return;
  headers.set(`${prefix}-limit`, String(hit.limit));
  headers.set(`${prefix}-remaining`, String(hit.remaining));
  headers.set(`${prefix}-reset`, String(Math.ceil(hit.resetAt / 1000)));
}
