/**
 * Google's Business Profile limits (https://developers.google.com/my-business/content/limits): 300
 * queries per minute per project, and at most 10 edits per minute to one profile (location). Google
 * sends no header saying what is left, so both are buckets in the store, counted per clock minute
 * (every process computes the same window), and a 429 RESOURCE_EXHAUSTED is waited for all the same.
 */
import type { AdapterContext } from '../core/adapter-context.js';

export const REQUESTS_BUCKET = 'requests';
export const REQUESTS_PER_MINUTE = 300;
export const EDITS_PER_MINUTE = 10;
const MINUTE_MS = 60_000;

/** The edits bucket of one location: replies there spend from it. */
export const editsBucket = (locationId: string) => `edits ${locationId}`;

export function minuteWindows(context: AdapterContext, locationIds: readonly string[]) {
  const limits = new Map<string, number>([[context.bucketName(REQUESTS_BUCKET), REQUESTS_PER_MINUTE]]);
  for (const locationId of locationIds) limits.set(context.bucketName(editsBucket(locationId)), EDITS_PER_MINUTE);
  return (bucket: string, now: number) => {
    const limit = limits.get(bucket);
    return limit === undefined ? undefined : { limit, resetAt: new Date((Math.floor(now / MINUTE_MS) + 1) * MINUTE_MS) };
  };
}
