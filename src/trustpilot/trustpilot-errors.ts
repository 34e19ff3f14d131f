/**
 * Trustpilot's refusals to the core's kinds (developers.trustpilot.com get-started/common-error-messages):
 * 401 a token refused (its gateway's fault `oauth.v2.InvalidAccessToken`, or an expired one), 403 no access
 * to the business unit or no API plan (a refusal of the target), 404 gone, 429 over the guidance (no header
 * says until when: the next 5-minute window), a refused reply (400) an InvalidDraftError. 401 and 404 are the
 * core's defaults for those statuses (src/core/http/failure.ts): AuthError (credentials refused), NotFoundError.
 */
import type { ErrorResponse, PlatformErrorInfo } from '../core/http/platform-http.js';
import { retryAtOrWindowEnd } from '../core/http/retry-after.js';
import { errorBodySchema } from './trustpilot-schemas.js';

const FIVE_MINUTES_MS = 5 * 60_000;

export function describeTrustpilotError(response: ErrorResponse): PlatformErrorInfo {
  const parsed = errorBodySchema.safeParse(response.body);
  const body = parsed.success ? parsed.data : undefined;
  const info: PlatformErrorInfo = {};
  const message = body?.fault?.faultstring ?? body?.message ?? undefined;
  if (message) info.platformMessage = message;
  const code = body?.fault?.detail?.errorcode;
  if (code) info.platformCode = code;
  if (response.status === 429) {
    info.kind = 'rate_limited';
    info.resetAt = retryAtOrWindowEnd(response.headers, FIVE_MINUTES_MS);
  } else if (response.status === 403) {
    info.kind = 'forbidden';
  } else if (response.status === 400 && response.method === 'POST') {
    info.kind = 'invalid_draft';
    info.reasons = [message ?? 'refused by Trustpilot'];
  }
  return info;
}
