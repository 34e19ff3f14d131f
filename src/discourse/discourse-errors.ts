/**
 * Discourse error bodies (`{ errors, error_type, extras }`) to the core's kinds. A 429 resets after
 * the larger of Retry-After and `extras.wait_seconds` (they can differ); a 422 is a posting refusal
 * (too short, too similar, too new) and is never retried; a 403 `invalid_access` is a refused key
 * (its text says so) or, on a create, a category, topic or message the account may not post in.
 */
import type { ErrorResponse, PlatformErrorInfo } from '../core/http/platform-http.js';
import { retryAfterMs } from '../core/http/retry-after.js';
import { API_BUCKET, bucketOfLimiter, limiterOf } from './discourse-limiters.js';
import { errorBodySchema } from './discourse-schemas.js';

/** `bucketName` gives a bucket's full name (the channel's `context.bucketName`). */
export function describeDiscourseError(response: ErrorResponse, bucketName: (bucket: string) => string = (bucket) => bucket): PlatformErrorInfo {
  const parsed = errorBodySchema.safeParse(response.body);
  const body = parsed.success ? parsed.data : {};
  const reasons = body.errors ?? [];
  const info: PlatformErrorInfo = {};
  if (reasons.length > 0) info.platformMessage = reasons.join(' ');
  if (body.error_type) info.platformCode = body.error_type;
  if (response.status === 422) {
    info.kind = 'invalid_draft';
    info.reasons = reasons;
    info.message = `Discourse refused the post: ${reasons.join(' ') || 'unprocessable'}`;
  } else if (response.status === 429) {
    const waits = [retryAfterMs(response.headers) ?? 0, (body.extras?.wait_seconds ?? 0) * 1000];
    info.kind = 'rate_limited';
    info.resetAt = new Date(Date.now() + Math.max(...waits, 1000));
    const limiter = limiterOf(response.headers);
    if (limiter) info.platformCode = limiter;
    // Only what the limiter limits waits: the key's or the site's limit stops everything; a per-user,
    // per-action one (hours, for a new account's replies) only that action: the request's own first
    // bucket (shared with other processes through the store) and the limiter's (each limiter its own reset).
    const bucket = bucketOfLimiter(limiter, typeof response.body !== 'object' || response.body === null);
    info.spentBuckets = bucket === API_BUCKET ? [bucketName(API_BUCKET)] : [response.bucket, ...(bucket ? [bucketName(bucket)] : [])];
  } else if (body.error_type === 'invalid_access') {
    // A key Discourse does not know is a 403 invalid_access too, told apart from a permission refusal by its text
    // ("The API username or key is invalid."): the key itself was refused, before anything was done.
    if (response.status === 401 || /api username or key is invalid/i.test(reasons.join(' '))) {
      info.kind = 'auth';
      info.credentialsRefused = true;
    } else {
      info.kind = 'forbidden'; // the Guardian refused this account here: a category, closed topic or message it may not post in
    }
  }
  // A 404 is the core's NotFoundError: also a topic or private message the key may not see.
  return info;
}
