/**
 * X error bodies to the core's error kinds. Problem types: https://docs.x.com/x-api/fundamentals/response-codes-and-errors
 * and spec 2.159's problems (UsageCapExceededProblem, UnsupportedAuthenticationProblem, ClientForbiddenProblem).
 */
import type { ErrorResponse, PlatformErrorInfo } from '../core/http/platform-http.js';
import { problemSchema } from './twitter-schemas.js';

// 403s that are about the app's access tier, not the token: the fix is in the developer portal.
const TIER_REASONS = ['client-not-enrolled', 'client-forbidden'];
// 403 details that refuse the content or the recipient, not the credentials.
const REFUSALS_OF_REQUEST = /duplicate content|deleted|not visible|hidden|cannot send|does not accept/i;
// The post's reply settings leave the account out: a refusal for that post (PermissionError), not of the credentials.
const REPLY_NOT_ALLOWED = /reply to this conversation is not allowed|not permitted to reply/i;

/** `capResetDay`: the day of the month the plan's post cap resets (`twitter({ capResetDay })`), when known. */
export function describeTwitterError(response: ErrorResponse, capResetDay?: number): PlatformErrorInfo {
  const parsed = problemSchema.safeParse(response.body);
  const problem = parsed.success ? parsed.data : {};
  const detail = problem.detail ?? problem.errors?.[0]?.message ?? problem.title ?? undefined;
  const info: PlatformErrorInfo = {};
  if (detail) info.platformMessage = detail;
  const code = problem.type ?? problem.errors?.[0]?.code ?? problem.title;
  if (code !== undefined && code !== null) info.platformCode = code;
  if (problem.reason) info.details = { reason: problem.reason };
  const isType = (name: string) => problem.reason === name || problem.type?.endsWith(`/${name}`) === true;

  if (response.status === 403) {
    if (isType('unsupported-authentication')) {
      info.kind = 'auth';
      info.message = `an app-only token (OAuth 2.0 Application-Only) cannot call ${response.method} ${response.path}: X needs a user-context token here (OAuth 2.0 user token or OAuth 1.0a): ${detail ?? ''}`;
      return info;
    }
    const tier = TIER_REASONS.find(isType);
    if (tier) {
      info.kind = 'auth';
      info.message = `the app's access tier does not allow ${response.method} on this endpoint (${tier}); the token itself may be fine: ${detail ?? ''}`;
      return info;
    }
    if (detail && REPLY_NOT_ALLOWED.test(detail)) {
      info.kind = 'forbidden';
      return info;
    }
    // Duplicate content, replying to a deleted or hidden post, a DM the person does not accept: refusals of this
    // request, not of the credentials (https://docs.x.com/x-api/posts/manage-tweets/introduction).
    if (detail && REFUSALS_OF_REQUEST.test(detail)) {
      info.kind = 'platform';
      return info;
    }
    // A token without a scope the endpoint needs gets a bare 403 that names none (node-twitter-api-v2#265,
    // xdevplatform/twitter-api-java-sdk#42): say what it most likely means.
    if (problem.type === 'about:blank' && detail === 'Forbidden') {
      info.kind = 'auth';
      info.message = `Forbidden, no reason given: the token most likely lacks a scope it needs (tweet.write, dm.read, dm.write, media.write), or an OAuth 1.0a app may only read`;
      return info;
    }
  }
  if (response.status === 429) {
    if (isType('usage-capped')) {
      // A plan's cap, not a window: it lasts until its period ends (xdevplatform/xdk#25), so it is never retried.
      const period = (response.body as { period?: unknown } | undefined)?.period;
      info.quota = true;
      info.resetAt = usagePeriodEnd(period, response.headers, Date.now(), capResetDay);
      info.message = `the app's ${typeof period === 'string' ? period.toLowerCase() : ''} usage cap is spent (usage-capped) until ${info.resetAt.toISOString()}: ${detail ?? ''}`;
      return info;
    }
    const reset = Number(response.headers.get('x-rate-limit-reset'));
    if (Number.isFinite(reset) && reset > 0) info.resetAt = new Date(reset * 1000);
  }
  return info;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * When a usage cap's period ends. Daily: the 24-hour cap's reset when the answer reports one, else a day
 * from now. Monthly (and an unknown period): X resets the post cap on the plan's billing day (`cap_reset_day`
 * of GET /2/usage/tweets: https://docs.x.com/x-api/x-api-v2/fundamentals/tweet-cap and
 * https://docs.x.com/x-api/usage/introduction), which a 429 does not say.
 * - With `capResetDay`: midnight UTC of the next such day (the last of a shorter month); on the day itself,
 *   an hour from now, as the hour X resets at is not documented.
 * - Without it: the next midnight UTC, the earliest the cap can reset: a day at most after it did.
 */
export function usagePeriodEnd(period: unknown, headers: Headers, now: number, capResetDay?: number): Date {
  if (period === 'Daily') {
    const resets = ['x-app-limit-24hour-reset', 'x-user-limit-24hour-reset'].map((name) => Number(headers.get(name))).filter((value) => value * 1000 > now);
    return new Date(resets.length > 0 ? Math.max(...resets) * 1000 : now + DAY_MS);
  }
  const today = new Date(now);
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (capResetDay === undefined) return new Date(midnight + DAY_MS);
  const resetDayOf = (monthOffset: number) => {
    const lastDay = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + monthOffset + 1, 0)).getUTCDate();
    return Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + monthOffset, Math.min(capResetDay, lastDay));
  };
  const thisMonth = resetDayOf(0);
  if (thisMonth === midnight) return new Date(now + HOUR_MS);
  return new Date(thisMonth > midnight ? thisMonth : resetDayOf(1));
}
