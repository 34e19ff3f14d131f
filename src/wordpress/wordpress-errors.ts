/**
 * WordPress REST errors (`{ code, message, data: { status } }`) to the core's kinds, by code first
 * (the codes of the comments controller and of wp_allow_comment, WordPress/wordpress-develop
 * src/wp-includes/rest-api/endpoints/class-wp-rest-comments-controller.php and src/wp-includes/comment.php).
 */
import type { ErrorResponse, PlatformErrorInfo } from '../core/http/platform-http.js';
import { errorBodySchema } from './wordpress-schemas.js';

/** WordPress refuses a second comment by the same user within 15 s (wp_throttle_comment_flood). */
export const FLOOD_INTERVAL_MS = 15_000;

// The Application Password or the user was refused: the password function is asked again once.
const CREDENTIAL_CODES = new Set(['incorrect_password', 'invalid_username', 'invalid_email', 'rest_not_logged_in', 'application_passwords_disabled', 'application_passwords_disabled_for_user']);
// Refusals of this action on this target, not of the credentials.
const FORBIDDEN_CODES = new Set(['rest_comment_closed', 'rest_comment_draft_post', 'rest_comment_trash_post', 'rest_cannot_read_post', 'rest_comment_invalid_post_id', 'rest_forbidden_param', 'rest_cannot_read', 'rest_forbidden_context']);
const NOT_FOUND_CODES = new Set(['rest_comment_invalid_id', 'rest_post_invalid_id', 'rest_no_route']);
const DRAFT_CODES = new Set(['comment_content_column_length', 'rest_comment_content_invalid', 'comment_author_column_length']);

export function describeWordpressError(response: ErrorResponse): PlatformErrorInfo {
  const parsed = errorBodySchema.safeParse(response.body);
  const body = parsed.success ? parsed.data : {};
  const code = body.code ?? undefined;
  const info: PlatformErrorInfo = {};
  if (code) info.platformCode = code;
  if (body.message) info.platformMessage = body.message;
  if (code === 'comment_flood') {
    // A 400 that applied nothing: the user may comment again 15 s after the last one.
    info.kind = 'rate_limited';
    info.resetAt = new Date(Date.now() + FLOOD_INTERVAL_MS);
  } else if (code && CREDENTIAL_CODES.has(code)) {
    info.kind = 'auth';
    info.credentialsRefused = true;
  } else if (code === 'rest_comment_login_required') {
    info.kind = 'auth'; // no credentials reached WordPress at all (a proxy dropped the Authorization header)
    info.credentialsRefused = true;
  } else if (code && FORBIDDEN_CODES.has(code)) {
    info.kind = 'forbidden';
  } else if (code && NOT_FOUND_CODES.has(code)) {
    info.kind = 'not_found';
  } else if (code && DRAFT_CODES.has(code)) {
    info.kind = 'invalid_draft';
    info.reasons = [body.message ?? code];
  } else if (response.status === 409 || response.status === 400) {
    info.kind = 'platform'; // comment_duplicate (handled by the channel), rest_invalid_param: not retried
  }
  // Other 401s and 403s are the core's AuthError (a 401's token refused).
  return info;
}
