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

export function describeTwitterError(response: ErrorResponse): PlatformErrorInfo {
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
  }
  if (response.status === 429) {
    if (isType('usage-capped')) {
      // A plan's cap, not a window: it lasts until its period ends (xdevplatform/xdk#25), so it is never retried.
      const period = (response.body as { period?: unknown } | undefined)?.period;
      info.quota = true;
      info.resetAt = usagePeriodEnd(period, response.headers, Date.now());
      info.message = `the app's ${typeof period === 'string' ? period.toLowerCase() : ''} usage cap is spent (usage-capped) until ${info.resetAt.toISOString()}: ${detail ?? ''}`;
      return info;
    }
    const reset = Number(response.headers.get('x-rate-limit-reset'));
    if (Number.isFinite(reset) && reset > 0) info.resetAt = new Date(reset * 1000);
  }
  return info;
}

/**
 * When a usage cap's period ends. Daily: the 24-hour cap's reset when the answer reports one, else a day
 * from now. Monthly (and an unknown period): the first of next month, UTC; X resets it on the plan's
 * billing day, which the API does not say, so this is the earliest it can be.
 */
export function usagePeriodEnd(period: unknown, headers: Headers, now: number): Date {
  if (period === 'Daily') {
    const resets = ['x-app-limit-24hour-reset', 'x-user-limit-24hour-reset'].map((name) => Number(headers.get(name))).filter((value) => value * 1000 > now);
    return new Date(resets.length > 0 ? Math.max(...resets) * 1000 : now + 24 * 60 * 60 * 1000);
  }
  const date = new Date(now);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
}

/** X refuses a post identical to a recent one: after an ambiguous create that is proof the first one landed. */
export function isDuplicateContent(error: unknown): boolean {
  const message = (error as { platformMessage?: unknown })?.platformMessage;
  return typeof message === 'string' && /duplicate content/i.test(message);
}
