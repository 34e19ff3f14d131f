/**
 * Which bucket a Discourse 429 spends. Every limiter names itself in `Discourse-Rate-Limit-Error-Code`
 * (ApplicationController's rescue of RateLimiter::LimitExceeded; the middleware's site-wide limits
 * answer plain text with the header too, https://meta.discourse.org/t/78612). The key's and the site's
 * limiters stop every request; the others are per user and per action (posting spacing, first-day
 * replies, topics or messages a day, `cg-…` per category group): only the action that hit one waits.
 */
export const API_BUCKET = 'api';
export const LIMITER_HEADER = 'discourse-rate-limit-error-code';

// Per key (admin: DISCOURSE_MAX_ADMIN_API_REQS_PER_MINUTE; user API keys: per minute and per day).
const KEY_LIMITERS = new Set(['admin_api_key_rate_limit', 'user_api_key_limiter_60_secs', 'user_api_key_limiter_1_day']);
// The middleware's (RequestTracker) per-IP or per-user site-wide limits: ip_10_secs_limit, id_60_secs_limit, …
const SITE_WIDE = /^(ip|id)_\d+_(secs|mins?)_limit$/;

/** The limiter a 429 names, when it names one. */
export function limiterOf(headers: Headers): string | undefined {
  return headers.get(LIMITER_HEADER)?.trim() || undefined;
}

/**
 * The bucket (short name) a 429 spends: the shared one for the key's and the site's limiters, and for a
 * plain-text answer (only the middleware answers so); `limiter:<code>` for a per-action one; undefined
 * when the answer names none (the request's own action bucket is spent).
 */
export function bucketOfLimiter(limiter: string | undefined, plainText: boolean): string | undefined {
  if (plainText || (limiter !== undefined && (KEY_LIMITERS.has(limiter) || SITE_WIDE.test(limiter)))) return API_BUCKET;
  return limiter === undefined ? undefined : `limiter:${limiter}`;
}
