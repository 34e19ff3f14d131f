/**
 * IMAP and SMTP failures → the core's typed errors. Library errors may carry what was on the wire
 * (an AUTHENTICATE line, a server echo): every error goes through the context's secrets.
 * SMTP reply codes: RFC 5321 §4.2.1 (https://www.rfc-editor.org/rfc/rfc5321#section-4.2.1):
 * 4yz transient (the same command may succeed later), 5yz permanent (do not repeat it as is).
 */
import type { ChannelContext } from '../core/context.js';
import { AuthError, ChannelError, NetworkError, PlatformError, RateLimitError } from '../core/errors.js';

interface LibraryError {
  message?: string;
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
  authenticationFailed?: boolean;
  serverResponseCode?: string;
  responseText?: string;
}

// Errors of a socket that is gone or never came: the request did not get an answer.
const CONNECTION_CODES = new Set(['ECONNECTION', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ESOCKET', 'EPIPE', 'NoConnection', 'EDNS', 'ENOTFOUND', 'EHOSTUNREACH', 'ClosedAfterConnectTLS', 'ClosedAfterConnectText', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'ProtocolError']);

// RFC 5321 §4.2.2 / RFC 3463: 421 (closing), 450/451 (try again), 452 (insufficient resources);
// providers put their rate limits in these, and say so in the text (Gmail 421 4.7.28, Outlook 452 4.5.3).
const LIMIT_CODES = new Set([421, 450, 451, 452]);
const LIMIT_TEXT = /rate|limit|too many|throttl|slow down|try again later/i;

export function isRateLimitReply(code: number | undefined, text: string | undefined): boolean {
  return code !== undefined && LIMIT_CODES.has(code) && LIMIT_TEXT.test(text ?? '');
}

export function isTransientReply(code: number | undefined): boolean {
  return code !== undefined && code >= 400 && code < 500;
}

/** An SMTP failure as a ChannelError. `afterData`: the whole message had been handed to the server. */
export function smtpError(error: unknown, context: ChannelContext, afterData: boolean, resetAt?: Date): ChannelError {
  if (ChannelError.isInstance(error)) return error;
  const failure = (error ?? {}) as LibraryError;
  const code = failure.responseCode;
  const reply = failure.response ?? failure.message ?? 'SMTP failure';
  if (failure.code === 'EAUTH' || code === 530 || code === 534 || code === 535) {
    return new AuthError(`the SMTP server refused the login (${code ?? failure.code})`, context.errorOptions({ cause: error }));
  }
  if (code !== undefined) {
    if (isRateLimitReply(code, reply)) {
      return new RateLimitError(`the SMTP server limits sending: ${reply}`, context.errorOptions({ cause: error, ...(resetAt ? { resetAt } : {}) }));
    }
    return new PlatformError(`the SMTP server answered ${code} to ${failure.command ?? 'the mail'}`, {
      ...context.errorOptions({ cause: error }),
      platformCode: code,
      platformMessage: reply,
    });
  }
  if (afterData) {
    return new NetworkError('the SMTP connection was lost after the message was sent, before the server confirmed it', context.errorOptions({ cause: error, maybeDelivered: true }));
  }
  return new NetworkError(`the SMTP server could not be reached (${failure.code ?? 'no answer'})`, context.errorOptions({ cause: error }));
}

/** An IMAP failure as a ChannelError. */
export function imapError(error: unknown, context: ChannelContext, doing: string): ChannelError {
  if (ChannelError.isInstance(error)) return error;
  const failure = (error ?? {}) as LibraryError;
  if (failure.authenticationFailed || failure.serverResponseCode === 'AUTHENTICATIONFAILED') {
    return new AuthError('the IMAP server refused the login', context.errorOptions({ cause: error }));
  }
  if ((failure.code && CONNECTION_CODES.has(failure.code)) || !failure.serverResponseCode && !failure.responseText) {
    return new NetworkError(`the IMAP connection failed while ${doing}`, context.errorOptions({ cause: error }));
  }
  return new PlatformError(`the IMAP server refused ${doing}: ${failure.responseText ?? failure.message ?? ''}`, {
    ...context.errorOptions({ cause: error }),
    ...(failure.serverResponseCode ? { platformCode: failure.serverResponseCode } : {}),
    ...(failure.responseText ? { platformMessage: failure.responseText } : {}),
  });
}
