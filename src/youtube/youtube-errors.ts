/**
 * Google's error bodies (`{ error: { code, message, errors: [{ domain, reason }] } }`) to the core's
 * kinds, by reason (https://developers.google.com/youtube/v3/docs/errors, .../docs/comments/insert#errors):
 * quotaExceeded is the day's units spent (RateLimitError with quota, until midnight Pacific);
 * commentsDisabled, forbidden and ineligibleAccount refuse the action, not the credentials.
 */
import type { ErrorResponse, PlatformErrorInfo } from '../core/http/platform-http.js';
import { retryAfterMs } from '../core/http/retry-after.js';
import { errorBodySchema } from './youtube-schemas.js';
import { nextPacificMidnight } from './youtube-quota.js';

const REFUSED_ACTIONS = new Set(['commentsDisabled', 'forbidden', 'ineligibleAccount', 'parentCommentIsPrivate']);
const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);

export function describeYouTubeError(response: ErrorResponse): PlatformErrorInfo {
  const parsed = errorBodySchema.safeParse(response.body);
  const error = parsed.success ? parsed.data.error : undefined;
  const reason = error?.errors?.find((entry) => entry.reason)?.reason ?? undefined;
  const info: PlatformErrorInfo = {};
  if (error?.message) info.platformMessage = error.message;
  if (reason) info.platformCode = reason;
  if (reason === 'quotaExceeded' || reason === 'dailyLimitExceeded') {
    info.kind = 'rate_limited';
    info.quota = true;
    info.resetAt = nextPacificMidnight();
    info.message = "YouTube's daily quota of units is spent; it resets at midnight Pacific time";
  } else if (reason && RATE_REASONS.has(reason)) {
    info.kind = 'rate_limited';
    info.resetAt = new Date(Date.now() + (retryAfterMs(response.headers) ?? 1000));
  } else if (reason && REFUSED_ACTIONS.has(reason)) {
    info.kind = 'forbidden';
  } else if (response.status === 400 && (reason === 'commentTextTooLong' || reason === 'invalidCommentMetadata' || reason === 'processingFailure')) {
    info.kind = 'invalid_draft';
    info.reasons = [error?.message ?? reason];
  }
  // Otherwise the core's defaults: a 401 is a refused token (AuthError, refreshed once), a 404 NotFoundError.
  return info;
}
