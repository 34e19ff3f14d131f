/**
 * Graph errors as Instagram answers them: the shared Graph mapping (src/meta/meta-errors.ts), and the
 * refusals Instagram Messaging adds, each about one person or one comment, not the credentials (never retried):
 * - code 10 / 2534022 "This message is sent outside of allowed window": the person has not written in
 *   24 hours (7 days with HUMAN_AGENT) (https://developers.facebook.com/docs/messenger-platform/instagram/features/send-message);
 * - 10900 "Activity already replied to" and 10903 "This activity can't be replied to": a private reply
 *   goes once per comment, within 7 days (https://developers.facebook.com/docs/messenger-platform/instagram/features/private-replies).
 */
import type { ErrorResponse, PlatformErrorInfo } from '../core/http/platform-http.js';
import { describeGraphError } from '../meta/meta-errors.js';

export const OUTSIDE_WINDOW_SUBCODE = 2534022;
// The Conversations API's pace is per second: a 613 on a read of it is over once the second is
// (Graph's usage headers say nothing of this limit, so the shared rule would pause for minutes).
const CONVERSATIONS_PACE_MS = 1000;
const PRIVATE_REPLY_CODES = new Set([10900, 10903]);

export function describeInstagramError(response: ErrorResponse): PlatformErrorInfo {
  const info = describeGraphError(response);
  if (info.kind === 'rate_limited' && info.platformCode === 613 && response.method === 'GET' && /\/(conversations|messages)$/.test(response.path.split('?')[0]!)) {
    info.resetAt = new Date(Date.now() + CONVERSATIONS_PACE_MS);
  }
  if (info.platformCode === 10 && info.platformSubcode === OUTSIDE_WINDOW_SUBCODE) {
    // A refusal of this person, as Facebook's (PermissionError, with the code, so `humanAgent` can answer with the tag).
    info.kind = 'forbidden';
    info.retryable = false;
    info.message = `Instagram refused the message: it is outside the window after the person's last message (24 hours; 7 days with humanAgent) (code 10, subcode ${OUTSIDE_WINDOW_SUBCODE})`;
  } else if (typeof info.platformCode === 'number' && PRIVATE_REPLY_CODES.has(info.platformCode)) {
    info.kind = 'forbidden';
    info.retryable = false;
    info.message =
      info.platformCode === 10900
        ? 'Instagram refused the private reply: this comment already has one (one private reply per comment)'
        : 'Instagram refused the private reply: the comment is older than 7 days, or cannot be answered privately';
  }
  return info;
}

export function isOutsideWindow(error: unknown): boolean {
  const candidate = error as { platformCode?: unknown; platformSubcode?: unknown } | undefined;
  return candidate?.platformCode === 10 && candidate.platformSubcode === OUTSIDE_WINDOW_SUBCODE;
}
