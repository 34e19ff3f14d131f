/**
 * Trustpilot's guidance (get-started/rate-limiting): no more than 833 calls per 5 minutes and 10,000 per
 * hour, and no header says what is left. Both are buckets in the store, per clock window (every process
 * computes the same one), so processes sharing a store share them.
 */
import type { AdapterContext } from '../core/adapter-context.js';

export const FIVE_MINUTE_BUCKET = 'calls per 5 minutes';
export const HOUR_BUCKET = 'calls per hour';
export const BUCKETS = [FIVE_MINUTE_BUCKET, HOUR_BUCKET] as const;
const WINDOWS = { [FIVE_MINUTE_BUCKET]: { limit: 833, ms: 5 * 60_000 }, [HOUR_BUCKET]: { limit: 10_000, ms: 60 * 60_000 } };

export function guidanceWindows(context: AdapterContext) {
  const byName = new Map(Object.entries(WINDOWS).map(([bucket, window]) => [context.bucketName(bucket), window]));
  return (bucket: string, now: number) => {
    const window = byName.get(bucket);
    return window ? { limit: window.limit, resetAt: new Date((Math.floor(now / window.ms) + 1) * window.ms) } : undefined;
  };
}
