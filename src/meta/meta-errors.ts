/**
 * Graph error bodies (Facebook Pages, Messenger and Instagram alike) to the core's error kinds. Shape and codes:
 * https://developers.facebook.com/docs/graph-api/guides/error-handling
 * `{ error: { message, type, code, error_subcode, fbtrace_id } }`; throttling is not a 429 but
 * codes 4, 17, 32, 613 and 80001–80014 with HTTP 400/403
 * (https://developers.facebook.com/docs/graph-api/overview/rate-limiting/).
 */
import type { ErrorResponse, PlatformErrorInfo } from '../core/http/platform-http.js';
import * as z from 'zod/mini';
import { isTooMuchDataMessage } from './meta-too-much-data.js';
import { defaultPauseMs, regainAccessMs, SLOW_DOWN_AT } from './meta-usage.js';

export const graphErrorSchema = z.object({
  error: z.object({
    message: z.nullish(z.string()),
    type: z.nullish(z.string()),
    code: z.nullish(z.number()),
    error_subcode: z.nullish(z.number()),
    is_transient: z.nullish(z.boolean()),
    fbtrace_id: z.nullish(z.string()),
  }),
});

// 4 app, 17 user, 32 Page, 613 custom/Send API limits (error-handling guide); 80001–80014 business use cases.
const THROTTLING_CODES = new Set([4, 17, 32, 613]);
const isThrottling = (code: number) => THROTTLING_CODES.has(code) || (code >= 80001 && code <= 80014);
// 190 invalid or expired token, 102 session, 463/467 expired/invalid (error-handling guide: "OAuthException").
const AUTH_CODES = new Set([102, 190, 463, 467]);
// https://developers.facebook.com/docs/messenger-platform/error-codes: 10 / 2018278 "message sent outside of allowed window".
export const OUTSIDE_WINDOW_SUBCODE = 2018278;
// (#100) with subcode 33: the object does not exist, or the token cannot see it.
const NOT_FOUND_SUBCODE = 33;

export function describeGraphError(response: ErrorResponse): PlatformErrorInfo {
  const parsed = graphErrorSchema.safeParse(response.body);
  const error = parsed.success ? parsed.data.error : undefined;
  const info: PlatformErrorInfo = {};
  if (!error) return info;
  if (error.message) info.platformMessage = error.message;
  const code = error.code ?? undefined;
  const subcode = error.error_subcode ?? undefined;
  if (code !== undefined) info.platformCode = code;
  if (subcode !== undefined) info.platformSubcode = subcode;
  if (error.fbtrace_id) info.details = { fbtrace_id: error.fbtrace_id };
  if (code === undefined) return info;

  if (isTooMuchDataMessage(code, error.message)) {
    // The same read fails again as it is: the adapter asks again for less (meta-too-much-data.ts).
    info.retryable = false;
    return info;
  }
  if (isThrottling(code)) {
    info.kind = 'rate_limited';
    // Graph's own estimate when it gives one; else the pause our usage rule takes at 100 %.
    info.resetAt = new Date(Date.now() + (regainAccessMs(response.headers) ?? defaultPauseMs(Math.max(SLOW_DOWN_AT, 100))));
    return info;
  }
  if (AUTH_CODES.has(code)) {
    info.kind = 'auth';
    info.credentialsRefused = true; // the token itself, refused before anything was done (often with HTTP 400)
    return info;
  }
  if (code === 10 && subcode === OUTSIDE_WINDOW_SUBCODE) {
    // Not the credentials: the person has not written in 24 hours. Never retried (not transient).
    info.kind = 'platform';
    info.message = `Messenger refused the message: it is outside the 24-hour window after the person's last message (code 10, subcode ${OUTSIDE_WINDOW_SUBCODE})`;
    return info;
  }
  if (code === 100 && subcode === NOT_FOUND_SUBCODE) {
    info.kind = 'not_found';
    return info;
  }
  // Permission errors (10, 200–299) are about what the token may do.
  if (code === 10 || (code >= 200 && code <= 299)) {
    info.kind = 'auth';
    return info;
  }
  info.kind = 'platform';
  return info;
}
