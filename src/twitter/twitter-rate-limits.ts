/**
 * X's limit headers: x-rate-limit-limit / -remaining / -reset (epoch seconds) on every answer, and
 * for creating posts a 24-hour user cap in x-user-limit-24hour-* (https://docs.x.com/x-api/fundamentals/rate-limits).
 */
import type { RateLimitState } from '../core/channel.js';

export const DAILY_SUFFIX = ' (24 hours)';

export function readTwitterRateLimits(headers: Headers, bucket: string): RateLimitState[] {
  const states: RateLimitState[] = [];
  const window = read(headers, 'x-rate-limit', bucket);
  if (window) states.push(window);
  const daily = read(headers, 'x-user-limit-24hour', bucket + DAILY_SUFFIX);
  if (daily) states.push(daily);
  return states;
}

function read(headers: Headers, prefix: string, bucket: string): RateLimitState | undefined {
  const remaining = headers.get(`${prefix}-remaining`);
  const reset = headers.get(`${prefix}-reset`);
  if (remaining === null || reset === null) return undefined;
  const state: RateLimitState = { bucket, remaining: Number(remaining), resetAt: new Date(Number(reset) * 1000) };
  const limit = headers.get(`${prefix}-limit`);
  if (limit !== null) state.limit = Number(limit);
  return Number.isFinite(state.remaining) && !Number.isNaN(state.resetAt!.getTime()) ? state : undefined;
}
