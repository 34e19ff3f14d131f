/**
 * Turning a failed exchange into a typed error, and deciding whether it may be tried again.
 * Reads may always be retried on transient failures; writes only when the platform proves
 * nothing was applied (a 429, a documented "try again"), otherwise `maybeDelivered: true`.
 */
import type { ChannelContext } from '../context.js';
import {
  AuthError,
  ChannelError,
  PermissionError,
  InvalidDraftError,
  NetworkError,
  NotFoundError,
  PlatformError,
  RateLimitError,
  UnsupportedError,
} from '../errors.js';
import type { ErrorResponse, PlatformErrorInfo } from './platform-http.js';

/** Why an attempt failed, with what the retry loop needs to know. */
export interface AttemptFailure {
  error: ChannelError;
  /** True when trying again cannot cause a duplicate and may succeed. */
  retry: boolean;
  /** A wait the server asked for, in ms. */
  waitMs?: number;
}

// Errors from the socket layer that prove the request never left: safe to retry a write.
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

export function networkFailure(context: ChannelContext, cause: unknown, write: boolean, timeoutMs: number): AttemptFailure {
  const code = socketErrorCode(cause);
  const timedOut = (cause as Error)?.name === 'TimeoutError';
  const neverSent = code !== undefined && NEVER_SENT_CODES.has(code);
  const what = timedOut ? `no answer within ${timeoutMs} ms` : `no answer (${code ?? (cause as Error)?.message ?? 'network error'})`;
  const maybeDelivered = write && !neverSent;
  const error = new NetworkError(`${context.platform}: ${what}${maybeDelivered ? '; the write may have been applied' : ''}`, {
    ...context.errorOptions({ cause }),
    ...(write ? { maybeDelivered } : {}),
  });
  return { error, retry: !maybeDelivered };
}

export function responseFailure(
  context: ChannelContext,
  response: ErrorResponse,
  info: PlatformErrorInfo,
  write: boolean,
  retryAfter: number | undefined,
): AttemptFailure {
  const status = response.status;
  const kind = info.kind ?? defaultKind(status);
  const platformMessage = info.platformMessage ?? (response.text.length <= 500 ? response.text : undefined);
  const message = `${context.platform} ${response.method} ${response.path} failed with ${status}: ${info.message ?? platformMessage ?? 'no message'}`;
  const options = { ...context.errorOptions(), status };
  switch (kind) {
    case 'auth':
      return { error: new AuthError(message, options), retry: false };
    case 'forbidden':
      return { error: new PermissionError(message, { ...options, platformCode: info.platformCode, platformSubcode: info.platformSubcode }), retry: false };
    case 'not_found':
      return { error: new NotFoundError(message, options), retry: false };
    case 'invalid_draft':
      return { error: new InvalidDraftError(message, { ...options, reasons: info.reasons }), retry: false };
    case 'unsupported':
      return { error: new UnsupportedError(message, options), retry: false };
    case 'rate_limited': {
      const resetAt = info.resetAt ?? (retryAfter !== undefined ? new Date(Date.now() + retryAfter) : undefined);
      const error = new RateLimitError(message, { ...options, resetAt, quota: info.quota });
      // A usage cap lasts for its period (a day, a month): waiting for it here would only stall the caller.
      if (info.quota) return { error, retry: false };
      return { error, retry: true, waitMs: retryAfter };
    }
    case 'platform': {
      // `retryable: false`: the platform says the same request fails again (e.g. a read asking too much), however often.
      const transient = info.retryable ?? (status >= 500 || status === 408);
      const maybeDelivered = write && ((transient && info.retryable !== true) || info.maybeDelivered === true);
      const error = new PlatformError(maybeDelivered ? `${message}; the write may have been applied` : message, {
        ...options,
        ...(write ? { maybeDelivered } : {}),
        // PlatformError sets only the fields that are defined.
        platformCode: info.platformCode,
        platformSubcode: info.platformSubcode,
        details: info.details,
        platformMessage,
      });
      return { error, retry: transient && !maybeDelivered, waitMs: retryAfter };
    }
  }
  throw new TypeError(`unknown error kind '${String(kind)}'`);
}

function defaultKind(status: number): PlatformErrorInfo['kind'] {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  return 'platform';
}

function socketErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
