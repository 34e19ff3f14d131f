/**
 * Flickr answers its errors with HTTP 200 `{ stat: "fail", code, message }`
 * (https://www.flickr.com/services/api/response.json.html); the codes of the methods used, as each
 * method's page lists them (flickr.photos.comments.addComment, .getList, flickr.photos.recentlyUpdated),
 * to the core's kinds.
 */
import type { ErrorResponse, PlatformErrorInfo } from '../core/http/platform-http.js';
import { failSchema } from './flickr-schemas.js';

// Flickr says a comment came "too fast" without saying how long to wait: a minute, then try again.
export const TOO_FAST_WAIT_MS = 60_000;

export const isFlickrFailure = (body: unknown): boolean => (body as { stat?: unknown } | null | undefined)?.stat === 'fail';

/**
 * `commentsBucket` (full name) is the account's comment pace: a "too fast" spends only it, not the key's
 * hourly calls, so reads go on while an answer waits.
 */
export const describeFlickrError = (commentsBucket: string) => (response: ErrorResponse): PlatformErrorInfo => {
  const parsed = failSchema.safeParse(response.body);
  if (!parsed.success) return {}; // an HTTP failure without Flickr's body: the core's defaults by status
  const { code, message } = parsed.data;
  const info: PlatformErrorInfo = { platformCode: code, ...(message ? { platformMessage: message } : {}) };
  switch (code) {
    case 1: // Photo not found
      return { ...info, kind: 'not_found' };
    case 8: // Blank comment
      return { ...info, kind: 'invalid_draft', reasons: ['Flickr refuses a blank comment'] };
    case 9: // User is posting comments too fast
      return { ...info, kind: 'rate_limited', resetAt: new Date(Date.now() + TOO_FAST_WAIT_MS), spentBuckets: [commentsBucket] };
    case 96: // Invalid signature
    case 97: // Missing signature
    case 98: // Login failed / Invalid auth token
    case 100: // Invalid API Key
      return { ...info, kind: 'auth', credentialsRefused: true };
    case 99: // User not logged in / Insufficient permissions
      return { ...info, kind: 'forbidden' };
    case 105: // Service currently unavailable: nothing was done
      return { ...info, retryable: true };
    case 106: // Write operation failed: the comment may or may not have been saved
      return { ...info, maybeDelivered: true };
    default:
      return info;
  }
};
