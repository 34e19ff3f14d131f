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
  /** imapflow: the STARTTLS upgrade was required and failed (not offered, or the handshake failed). */
  tlsFailed?: boolean;
  /** nodemailer: the socket error's own code (a TLS one) when it set `code` to its own ('ESOCKET'). */
  originalCode?: string;
}

// Node's codes of a TLS handshake the client refused: an untrusted or expired certificate, a wrong name.
const TLS_HANDSHAKE_CODE = /^ERR_TLS_|^ERR_SSL_|CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

/** `platformCode` of the PlatformError for a server that offers no STARTTLS where it is required. */
export const STARTTLS_UNAVAILABLE = 'STARTTLS_UNAVAILABLE';
/** `platformCode` of the PlatformError for a TLS handshake that failed (an untrusted certificate, a wrong name). */
export const TLS_FAILED = 'TLS_FAILED';

/**
 * A required STARTTLS the server does not offer, or a TLS handshake that failed: neither a retry nor
 * another login helps, and nothing was sent in clear (the client stops before its login).
 */
function tlsFailure(server: 'IMAP' | 'SMTP', unavailable: boolean, error: unknown, context: ChannelContext): ChannelError {
  if (unavailable) {
    return new PlatformError(
      `the ${server} server does not offer STARTTLS, so nothing was sent: use its TLS port with secure: true, or set insecure: true (local test servers only)`,
      { ...context.errorOptions({ cause: error }), platformCode: STARTTLS_UNAVAILABLE },
    );
  }
  const reason = error instanceof Error ? error.message : 'TLS failure';
  return new PlatformError(`the TLS handshake with the ${server} server failed (${reason}); a server with a private CA needs its certificate in tls.ca`, {
    ...context.errorOptions({ cause: error }),
    platformCode: TLS_FAILED,
  });
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

/** `platformCode` of the PlatformError for an SMTP server that answers 530 "Must issue a STARTTLS command first". */
export const STARTTLS_REQUIRED = 'STARTTLS_REQUIRED';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Gmail's daily sending limit: `550 5.4.5 Daily user sending limit exceeded` (https://support.google.com/a/answer/166852);
 * a quota of a day, not a window of seconds, so it is never retried, and it resets within 24 hours.
 */
export function isDailyQuotaReply(code: number | undefined, text: string | undefined): boolean {
  return code === 550 && /\b5\.4\.5\b/.test(text ?? '');
}

/** The server's explanation of a refusal, on one line (the context redacts any secret in it). */
function serverWords(text: string | undefined, fallback: string | number | undefined): string {
  const words = (text ?? '').replace(/\s+/g, ' ').trim();
  return words === '' ? String(fallback ?? 'no reason given') : words;
}

/** An SMTP failure as a ChannelError. `afterData`: the whole message had been handed to the server. */
export function smtpError(error: unknown, context: ChannelContext, afterData: boolean, resetAt?: Date): ChannelError {
  if (ChannelError.isInstance(error)) return error;
  const failure = (error ?? {}) as LibraryError;
  const code = failure.responseCode;
  const reply = failure.response ?? failure.message ?? 'SMTP failure';
  // nodemailer with requireTLS: STARTTLS answered with an error reply, or an EHLO-less server (HELO has no STARTTLS).
  if ((failure.code === 'ETLS' && code !== undefined) || (failure.code === 'ECONNECTION' && /STARTTLS/.test(failure.message ?? ''))) {
    return tlsFailure('SMTP', true, error, context);
  }
  const handshake = (failure.code === 'ETLS' && /^Error initiating TLS/.test(failure.message ?? '')) || TLS_HANDSHAKE_CODE.test(failure.originalCode ?? '');
  if (handshake) return tlsFailure('SMTP', false, error, context);
  // RFC 3207 §4: 530 "Must issue a STARTTLS command first" is about the connection, not the credentials.
  if (code === 530 && /STARTTLS/i.test(reply)) {
    return new PlatformError(`the SMTP server requires STARTTLS before this command (${reply.trim()}): connect with secure: false and without insecure (STARTTLS is then required), or to its TLS port with secure: true`, {
      ...context.errorOptions({ cause: error }),
      platformCode: STARTTLS_REQUIRED,
      platformMessage: reply,
    });
  }
  if (failure.code === 'EAUTH' || code === 530 || code === 534 || code === 535) {
    // The server's own words say why (a wrong password, an app password needed, basic auth turned off: 550 5.7.30).
    return new AuthError(`the SMTP server refused the login: ${serverWords(failure.response ?? failure.message, code ?? failure.code)}`, context.errorOptions({ cause: error }));
  }
  if (code !== undefined) {
    if (isDailyQuotaReply(code, reply)) {
      return new RateLimitError(`the SMTP server's daily sending quota is spent: ${reply}`, { ...context.errorOptions({ cause: error }), resetAt: resetAt ?? new Date(Date.now() + DAY_MS), quota: true });
    }
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
  // imapflow's doSTARTTLS: a refusal has no error code of its own, a failed handshake carries the TLS one.
  if (failure.tlsFailed) return tlsFailure('IMAP', failure.code === undefined, error, context);
  if (TLS_HANDSHAKE_CODE.test(failure.code ?? '')) return tlsFailure('IMAP', false, error, context); // secure: true
  if (failure.message === 'Unsupported authentication mechanism') {
    return new AuthError('the IMAP server offers no login mechanism for these credentials (XOAUTH2 or OAUTHBEARER for a token, PLAIN or LOGIN for a password)', context.errorOptions({ cause: error }));
  }
  if (failure.authenticationFailed || failure.serverResponseCode === 'AUTHENTICATIONFAILED') {
    return new AuthError(`the IMAP server refused the login: ${serverWords(failure.responseText ?? failure.serverResponseCode, 'no reason given')}`, context.errorOptions({ cause: error }));
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
