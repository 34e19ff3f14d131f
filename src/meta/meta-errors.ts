/**
 * Graph error bodies (Facebook Pages, Messenger and Instagram alike) to the core's error kinds. Shape and codes:
 * https://developers.facebook.com/docs/graph-api/guides/error-handling
 * `{ error: { message, type, code, error_subcode, fbtrace_id } }`; throttling is not a 429 but
 * codes 4, 17, 32, 613 and 80001–80014 with HTTP 400/403
 * (https://developers.facebook.com/docs/graph-api/overview/rate-limiting/).
 */
import type { ErrorResponse, PlatformErrorInfo } from '../core/http/platform-http.js';
import * as z from 'zod/mini';
import { flag } from '../core/options.js';
import { isTooMuchDataMessage } from './meta-too-much-data.js';
import { defaultPauseMs, regainAccessMs, SLOW_DOWN_AT } from './meta-usage.js';

export const graphErrorSchema = z.object({
  error: z.object({
    message: z.nullish(z.string()),
    type: z.nullish(z.string()),
    code: z.nullish(z.number()),
    error_subcode: z.nullish(z.number()),
    is_transient: z.nullish(flag()),
    fbtrace_id: z.nullish(z.string()),
  }),
});

// 4 app, 17 user, 32 Page, 613 custom/Send API limits (error-handling guide); 80001–80014 business use cases.
const THROTTLING_CODES = new Set([4, 17, 32, 613]);
const isThrottling = (code: number) => THROTTLING_CODES.has(code) || (code >= 80001 && code <= 80014);
// 190 invalid or expired token, 102 session (error-handling guide: "OAuthException").
const AUTH_CODES = new Set([102, 190]);
// The error-handling guide's subcodes of 190, each with what to do.
const TOKEN_SUBCODES: Record<number, string> = {
  458: 'the app is no longer installed for this person: sign in again',
  459: 'the account is checkpointed: the person must sign in on facebook.com first',
  460: 'the password changed since the token was made: sign in again',
  463: 'the token expired: get a new Page token',
  464: 'the person has not confirmed their account: sign in on facebook.com first',
  467: 'the token is invalid (logged out, revoked or replaced): get a new Page token',
  492: 'the session is invalid: the person is no longer an admin of the Page, or the Page changed',
};
// https://developers.facebook.com/docs/messenger-platform/error-codes: 10 / 2018278 (and 2018108) "This message
// is sent outside of allowed window".
export const OUTSIDE_WINDOW_SUBCODE = 2018278;
const OUTSIDE_WINDOW_SUBCODES = new Set([OUTSIDE_WINDOW_SUBCODE, 2018108]);
// (#100) with subcode 33: the object does not exist, or the token cannot see it; 100 / 2018001 "No matching
// user found" (Send API); 551 "This person isn't available right now".
const NOT_FOUND_SUBCODES = new Set([33, 2018001]);
const PERSON_UNAVAILABLE_CODE = 551;
// Private replies: "(#10900) Activity already replied to" (one private reply per comment).
const ALREADY_REPLIED_PRIVATELY = 10900;
// Send API 1200 "Temporary send message failure. Please try again later."; code 2 "An unexpected error has
// occurred. Please retry your request later." (error-handling guide: retry; `is_transient: true` says so too).
const TRANSIENT_CODES = new Set([2, 1200]);
// Permission codes (10, 200–299) whose message names one person: the token is fine, this person is not
// reachable ("This person isn't receiving messages from you right now").
const ONE_PERSON = /\bthis person\b|\bthe user\b.*\b(?:blocked|isn't|is not)\b/i;

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
  if (error.is_transient === true || TRANSIENT_CODES.has(code)) {
    // Graph says nothing was done: tried again, a write too, and never `maybeDelivered`.
    info.kind = 'platform';
    info.retryable = true;
    return info;
  }
  if (AUTH_CODES.has(code)) {
    info.kind = 'auth';
    info.credentialsRefused = true; // the token itself, refused before anything was done (often with HTTP 400)
    const why = subcode !== undefined ? TOKEN_SUBCODES[subcode] : undefined;
    if (why) info.message = `Graph refused the token (code ${code}, subcode ${subcode}): ${why}`;
    return info;
  }
  if (code === 10 && subcode !== undefined && OUTSIDE_WINDOW_SUBCODES.has(subcode)) {
    // Not the credentials: the person has not written in 24 hours. Never retried.
    info.kind = 'forbidden';
    info.message = `Messenger refused the message: it is outside the 24-hour window after the person's last message (code 10, subcode ${subcode})`;
    return info;
  }
  if (code === ALREADY_REPLIED_PRIVATELY) {
    info.kind = 'forbidden';
    info.message = `a comment takes one private reply, and this one has had it (code ${code})`;
    return info;
  }
  if ((code === 100 && subcode !== undefined && NOT_FOUND_SUBCODES.has(subcode)) || code === PERSON_UNAVAILABLE_CODE) {
    info.kind = 'not_found';
    if (code !== 100 || subcode !== 33) info.message = `${error.message ?? 'the person cannot be found or reached'} (code ${code}${subcode !== undefined ? `, subcode ${subcode}` : ''})`;
    return info;
  }
  if ((code === 10 || (code >= 200 && code <= 299)) && ONE_PERSON.test(error.message ?? '')) {
    info.kind = 'forbidden';
    info.message = `${error.message} (code ${code}${subcode !== undefined ? `, subcode ${subcode}` : ''})`;
    return info;
  }
  // Other permission errors (10, 200–299) are about what the token may do.
  if (code === 10 || (code >= 200 && code <= 299)) {
    info.kind = 'auth';
    return info;
  }
  info.kind = 'platform';
  return info;
}
