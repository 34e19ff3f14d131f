/**
 * X's limit headers: x-rate-limit-limit / -remaining / -reset (epoch seconds) on every answer, and
 * for creating posts the 24-hour caps per user (x-user-limit-24hour-*) and per app (x-app-limit-24hour-*)
 * (https://docs.x.com/x-api/fundamentals/rate-limits). The app's cap is one bucket for every account of
 * the app: its name is scoped by the app (ChannelSetup.bucketScopes), so channels on one store share it.
 */
import type { RateLimitState } from '../core/channel.js';

export const DAILY_SUFFIX = ' (24 hours)';
/** The app's 24-hour cap on posting, reported in x-app-limit-24hour-*. */
export const APP_DAILY_BUCKET = 'POST /2/tweets (app 24 hours)';

/** Reads an answer's states; `appBucket` is the full name of the app's 24-hour bucket (context.bucketName). */
export function readTwitterRateLimits(headers: Headers, bucket: string, appBucket?: string): RateLimitState[] {
  const states: RateLimitState[] = [];
  const window = read(headers, 'x-rate-limit', bucket);
  if (window) states.push(window);
  const daily = read(headers, 'x-user-limit-24hour', bucket + DAILY_SUFFIX);
  if (daily) states.push(daily);
  const app = appBucket === undefined ? undefined : read(headers, 'x-app-limit-24hour', appBucket);
  if (app) states.push(app);
  return states;
}

/**
 * The scope of the app's buckets: its OAuth 2.0 client id or OAuth 1.0a consumer key (identifiers, not
 * secrets), or undefined when the options name no app (a bare access token: the cap is then counted per channel).
 */
export function appScope(settings: { oauth2?: { clientId: string } | undefined; oauth1?: { consumerKey: string } | undefined }): string | undefined {
  const app = settings.oauth2?.clientId ?? settings.oauth1?.consumerKey;
  return app === undefined ? undefined : `twitter-app:${app}`;
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
