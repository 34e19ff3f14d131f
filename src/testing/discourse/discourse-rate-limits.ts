/**
 * Discourse's 429s as the server sends them (https://meta.discourse.org/t/78612, ApplicationController's
 * rescue of RateLimiter::LimitExceeded, the RequestTracker middleware): every one names its limiter in
 * `Discourse-Rate-Limit-Error-Code` with `Retry-After`; the application's limiters answer JSON
 * `{ errors, error_type: "rate_limit", extras: { wait_seconds, time_left } }`, the middleware's
 * site-wide (per IP) limits answer plain text.
 */

/** A per-user, per-action limit (RateLimiter in PostCreator, Post and Topic): a new account's replies a day, … */
export interface PostingLimit {
  /** The limiter's name, sent as the error code, e.g. 'first-day-replies-per-day', 'create_topic'. */
  code: string;
  /** What it limits: new topics, replies, or private messages (new ones and answers in them). */
  action: 'topic' | 'reply' | 'message';
  limit: number;
  windowMs: number;
}

export const LIMITER_HEADER = 'Discourse-Rate-Limit-Error-Code';
/** The middleware's per-IP limit (max_reqs_per_ip_per_10_seconds). */
export const SITE_LIMITER = 'ip_10_secs_limit';
/** The admin API key's limit (DISCOURSE_MAX_ADMIN_API_REQS_PER_MINUTE). */
export const ADMIN_KEY_LIMITER = 'admin_api_key_rate_limit';

export function secondsUntil(resetAt: number): number {
  return Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
}

/** An application limiter's answer; `extraWaitSeconds` makes wait_seconds differ from Retry-After, as it can. */
export function limitExceeded(code: string, resetAt: number, extraWaitSeconds = 0): Response {
  const seconds = secondsUntil(resetAt);
  const wait = seconds + extraWaitSeconds;
  const timeLeft = wait >= 3600 ? `${Math.round(wait / 3600)} hours` : wait >= 60 ? `${Math.round(wait / 60)} minutes` : `${wait} seconds`;
  return Response.json(
    {
      errors: [`You’ve performed this action too many times. Please wait ${timeLeft} before trying again.`],
      error_type: 'rate_limit',
      extras: { wait_seconds: wait, time_left: timeLeft },
    },
    { status: 429, headers: { 'retry-after': String(seconds), [LIMITER_HEADER]: code } },
  );
}

/** The middleware's site-wide answer: plain text, no JSON. */
export function siteLimitExceeded(resetAt: number): Response {
  const seconds = secondsUntil(resetAt);
  return new Response(`Slow down, too many requests from this IP address. Please retry again in ${seconds} seconds. Error code: ${SITE_LIMITER}.\n`, {
    status: 429,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(seconds), [LIMITER_HEADER]: SITE_LIMITER },
  });
}
