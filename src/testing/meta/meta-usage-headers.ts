/**
 * Graph's usage headers as a Graph emulator sends them
 * (https://developers.facebook.com/docs/graph-api/overview/rate-limiting/): `X-App-Usage`
 * `{ call_count, total_cputime, total_time }` and `X-Business-Use-Case-Usage`
 * `{ "<business id>": [{ type, call_count, total_cputime, total_time, estimated_time_to_regain_access }] }`,
 * each figure a PERCENTAGE of the allowance, the regain time in minutes.
 * One deviation: `estimated_time_to_regain_access` is whole minutes on Graph; for windows shorter than
 * a minute (tests) the emulator gives the fraction, since whole minutes cannot say "in 1 second".
 */
import type { WindowLimiter } from '../window-limiter.js';

export interface GraphUsage {
  call_count: number;
  total_cputime: number;
  total_time: number;
  estimated_time_to_regain_access: number;
}

/** How full a bucket of the limiter is, as Graph reports it. */
export function graphUsage(limiter: WindowLimiter, bucket: string, windowMs: number, now = Date.now()): GraphUsage {
  const state = limiter.peek(bucket, now);
  if (!state) return { call_count: 0, total_cputime: 0, total_time: 0, estimated_time_to_regain_access: 0 };
  const percent = Math.floor(((state.limit - state.remaining) * 100) / state.limit);
  const waitMs = Math.max(0, state.resetAt - now);
  const regain = state.remaining > 0 ? 0 : windowMs >= 60_000 ? Math.ceil(waitMs / 60_000) : Math.ceil(waitMs / 60) / 1000;
  return { call_count: percent, total_cputime: Math.floor(percent / 2), total_time: Math.floor(percent / 2), estimated_time_to_regain_access: regain };
}

/** Sets `X-App-Usage` (the app bucket) and `X-Business-Use-Case-Usage` (one entry per use case, under `businessId`). */
export function setUsageHeaders(headers: Headers, input: { app: GraphUsage; businessId: string; useCases: Record<string, GraphUsage> }): void {
  const { estimated_time_to_regain_access: _ignored, ...app } = input.app;
  headers.set('x-app-usage', JSON.stringify(app));
  headers.set('x-business-use-case-usage', JSON.stringify({ [input.businessId]: Object.entries(input.useCases).map(([type, usage]) => ({ type, ...usage })) }));
}
