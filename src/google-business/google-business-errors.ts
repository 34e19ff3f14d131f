/**
 * Google's error bodies (google.rpc.Status: `{ error: { code, message, status, details } }`) to the
 * core's kinds. 429 RESOURCE_EXHAUSTED is a per-minute quota: waited for, to the next minute unless
 * Google says when. A quota whose limit is 0 (ErrorInfo metadata `quota_limit_value: "0"`) is not a
 * rate at all: the project's access to the Business Profile APIs is not approved yet
 * (https://developers.google.com/my-business/content/prereqs), an AuthError that says so. A 401 (a refused
 * token) and a 404 are the core's defaults (src/core/http/failure.ts): AuthError, NotFoundError.
 */
import type { ErrorResponse, PlatformErrorInfo } from '../core/http/platform-http.js';
import { retryAtOrWindowEnd } from '../core/http/retry-after.js';
import { errorBodySchema } from './google-business-schemas.js';

export const NOT_APPROVED_MESSAGE =
  "Google has not approved this project's access to the Business Profile APIs yet (its quota is 0): request access at https://developers.google.com/my-business/content/prereqs and wait for the approval";

export function describeGoogleBusinessError(response: ErrorResponse): PlatformErrorInfo {
  const parsed = errorBodySchema.safeParse(response.body);
  const error = parsed.success ? parsed.data.error : undefined;
  const info: PlatformErrorInfo = {};
  if (error?.message) info.platformMessage = error.message;
  if (error?.status) info.platformCode = error.status;
  const quotaLimit = error?.details?.find((detail) => detail.metadata?.quota_limit_value !== undefined)?.metadata?.quota_limit_value;
  if (response.status === 429 && quotaLimit === '0') {
    info.kind = 'auth';
    info.credentialsRefused = false;
    info.message = NOT_APPROVED_MESSAGE;
  } else if (response.status === 429 || error?.status === 'RESOURCE_EXHAUSTED') {
    info.kind = 'rate_limited';
    info.resetAt = retryAtOrWindowEnd(response.headers, 60_000);
  } else if (response.status === 403) {
    // The account or location is not this user's to manage: a refusal of the target, not of the token.
    info.kind = 'forbidden';
  } else if (response.status === 400 && response.method === 'PUT') {
    info.kind = 'invalid_draft';
    info.reasons = [error?.message ?? 'INVALID_ARGUMENT'];
  }
  return info;
}
