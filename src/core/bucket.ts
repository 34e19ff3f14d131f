/**
 * The quota arithmetic behind `Store.take`, shared by every store so they agree to the letter
 * (RedisStore runs the same rules in Lua). Pure functions over a plain record.
 */
import type { RateLimitState } from './channel.js';

export interface BucketRecord {
  limit?: number;
  remaining?: number;
  /** Epoch milliseconds; absent while a new window has not been reported yet. */
  resetAt?: number;
  /** Requests granted while nothing was known (possibly by several processes), not yet in any report. */
  pending?: number;
}

export interface TakeResult {
  ok: boolean;
  waitMs: number;
}

// While a new window has started but no response has told its reset yet, a caller with nothing
// left waits this long and asks again: a response in flight will report the window by then.
export const UNKNOWN_RESET_WAIT_MS = 50;

// A request granted just before a reset may reach the platform after it and count in the next window,
// which this bucket would grant in full again: nothing is granted this close to a reset.
export const RESET_GUARD_MS = 250;

/** Fold what the platform reported into the bucket (see `Store.take` in channel.ts). */
export function mergeBucket(bucket: BucketRecord, state: RateLimitState | undefined, now: number): BucketRecord {
  const current = rollOver(bucket, now);
  if (!state) return current;
  const reportedReset = state.resetAt?.getTime();
  const limit = state.limit ?? current.limit;
  if (reportedReset !== undefined && reportedReset <= now) return current; // stale report of a past window
  const sameWindow =
    reportedReset === undefined || current.resetAt === undefined || reportedReset === current.resetAt;
  if (sameWindow) {
    // Requests in flight have spent some of what the platform reported: the lower count wins. On the
    // first report, the other requests granted blind (the reporting one is counted) are in flight too.
    const blind = current.remaining === undefined && state.remaining !== undefined ? Math.max(0, (current.pending ?? 0) - 1) : 0;
    const reported = state.remaining === undefined ? undefined : Math.max(0, state.remaining - blind);
    const remaining = minDefined(current.remaining, reported);
    const merged = clean({ limit, remaining, resetAt: reportedReset ?? current.resetAt });
    if (remaining === undefined && current.pending) merged.pending = current.pending;
    return merged;
  }
  if (reportedReset > current.resetAt!) return clean({ limit, remaining: state.remaining, resetAt: reportedReset });
  return current; // an older window than the one we know
}

/** Reserve `cost` from the bucket, or say how long until it has room. */
export function takeFromBucket(bucket: BucketRecord, cost: number, now: number): { bucket: BucketRecord; result: TakeResult } {
  const current = rollOver(bucket, now);
  if (cost <= 0) return { bucket: current, result: { ok: true, waitMs: 0 } };
  if (current.remaining === undefined) {
    return { bucket: { ...current, pending: (current.pending ?? 0) + cost }, result: { ok: true, waitMs: 0 } };
  }
  if (current.resetAt !== undefined && current.resetAt - now < RESET_GUARD_MS) {
    return { bucket: current, result: { ok: false, waitMs: Math.max(1, current.resetAt - now) } };
  }
  if (current.remaining >= cost) {
    return { bucket: { ...current, remaining: current.remaining - cost }, result: { ok: true, waitMs: 0 } };
  }
  const waitMs = current.resetAt === undefined ? UNKNOWN_RESET_WAIT_MS : Math.max(1, current.resetAt - now);
  return { bucket: current, result: { ok: false, waitMs } };
}

/** A window whose reset has passed starts again full, with its reset unknown until reported. */
function rollOver(bucket: BucketRecord, now: number): BucketRecord {
  if (bucket.resetAt === undefined || bucket.resetAt > now) return bucket;
  if (bucket.limit === undefined) return {};
  return { limit: bucket.limit, remaining: bucket.limit };
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

function clean(bucket: BucketRecord): BucketRecord {
  const result: BucketRecord = {};
  if (bucket.limit !== undefined) result.limit = bucket.limit;
  if (bucket.remaining !== undefined) result.remaining = bucket.remaining;
  if (bucket.resetAt !== undefined) result.resetAt = bucket.resetAt;
  return result;
}

/** How long a bucket record must be kept: until its window is over, with a margin. */
export function bucketTtlMs(bucket: BucketRecord, now: number): number {
  const base = bucket.resetAt === undefined ? 0 : bucket.resetAt - now;
  return Math.max(base, 0) + 60 * 60 * 1000;
}
