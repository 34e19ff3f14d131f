/**
 * One error hierarchy for every adapter. Errors never carry a secret: `redact()` runs over every
 * message and every `cause` before it is attached, and `toJSON()` shows only safe fields.
 */
import type { Platform } from './channel.js';
import { redactError, redactText } from './redact.js';

const BRAND = Symbol.for('everywhere.ChannelError');

export type ChannelErrorCode =
  | 'auth'
  | 'forbidden'
  | 'rate_limited'
  | 'not_found'
  | 'invalid_draft'
  | 'unsupported'
  | 'invalid_response'
  | 'platform'
  | 'network'
  | 'delivery_unknown'
  /** The channel was closed: nothing more starts, and what waited (a quota reset) ends. */
  | 'closed';

export interface ChannelErrorOptions {
  platform: Platform;
  channel: string;
  status?: number;
  cause?: unknown;
  /** True when a write may have reached the platform although it failed here. */
  maybeDelivered?: boolean;
  /** Secrets to scrub from the message and cause, besides the well-known token shapes. */
  secrets?: readonly string[];
}

export class ChannelError extends Error {
  readonly code: ChannelErrorCode;
  readonly platform: Platform;
  readonly channel: string;
  readonly status?: number;
  readonly maybeDelivered?: boolean;
  declare readonly cause?: unknown;
  readonly [BRAND] = true;

  constructor(code: ChannelErrorCode, message: string, options: ChannelErrorOptions) {
    super(redactText(message, options.secrets));
    this.name = new.target.name;
    this.code = code;
    this.platform = options.platform;
    this.channel = options.channel;
    if (options.status !== undefined) this.status = options.status;
    if (options.maybeDelivered !== undefined) this.maybeDelivered = options.maybeDelivered;
    if (options.cause !== undefined) {
      Object.defineProperty(this, 'cause', {
        value: redactError(options.cause, options.secrets),
        enumerable: false,
        writable: true,
        configurable: true,
      });
    }
  }

  /** `instanceof` that survives two copies of the package in one program. */
  static isInstance(value: unknown): value is ChannelError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this === ChannelError) return ChannelError.isInstance(value);
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }

  /** The own fields (the brand, a symbol, and the non-enumerable cause left out). */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...Object.fromEntries(Object.entries(this)) };
  }
}

/** 401/403 for credentials or access level, bad IMAP/SMTP login. */
export class AuthError extends ChannelError {
  /** True when a person must sign in again: the platform refused the refresh (`invalid_grant`, revoked, expired). */
  readonly reauthorize?: boolean;
  constructor(message: string, options: ChannelErrorOptions & { reauthorize?: boolean }) {
    super('auth', message, options);
    if (options.reauthorize) this.reauthorize = true;
  }
}

/**
 * The credentials are fine, but the platform refuses this action on this target (a reply restriction,
 * a category the account may not post in, a person who does not accept messages). Retrying or signing
 * in again does not help: skip the message.
 */
export class PermissionError extends ChannelError {
  /** The platform's code for the refusal, when it gave one (Graph 10 with subcode 2534022: outside the messaging window). */
  readonly platformCode?: string | number;
  readonly platformSubcode?: string | number;
  constructor(message: string, options: ChannelErrorOptions & { platformCode?: string | number | undefined; platformSubcode?: string | number | undefined }) {
    super('forbidden', message, options);
    if (options.platformCode !== undefined) this.platformCode = options.platformCode;
    if (options.platformSubcode !== undefined) this.platformSubcode = options.platformSubcode;
  }
}

/** A limit was reached and not waited for. */
export class RateLimitError extends ChannelError {
  /** When the limit resets, when known. */
  readonly resetAt?: Date;
  /** True when it is a plan's usage cap (a monthly or daily allowance) rather than a rate window: never retried. */
  readonly quota?: boolean;
  constructor(message: string, options: ChannelErrorOptions & { resetAt?: Date; quota?: boolean }) {
    super('rate_limited', message, options);
    if (options.resetAt) this.resetAt = options.resetAt;
    if (options.quota) this.quota = true;
  }
}

/** The message, thread or user does not exist. */
export class NotFoundError extends ChannelError {
  constructor(message: string, options: ChannelErrorOptions) {
    super('not_found', message, options);
  }
}

/** Empty text, too long for the platform, unsupported attachment: checked before any request. */
export class InvalidDraftError extends ChannelError {
  /** The platform's own reasons, when it refused the draft (e.g. Discourse 422 `errors`). */
  readonly reasons?: string[];
  constructor(message: string, options: ChannelErrorOptions & { reasons?: string[] }) {
    super('invalid_draft', message, options);
    if (options.reasons) this.reasons = options.reasons;
  }
}

/** The platform cannot do this (e.g. a direct message on a forum without private messages). */
export class UnsupportedError extends ChannelError {
  constructor(message: string, options: ChannelErrorOptions) {
    super('unsupported', message, options);
  }
}

/** A schema issue, trimmed to what helps: where and what. */
export interface ResponseIssue {
  path: PropertyKey[];
  message: string;
  code?: string;
}

/** The platform answered something that does not match its schema. */
export class InvalidResponseError extends ChannelError {
  readonly issues: ResponseIssue[];
  constructor(message: string, options: ChannelErrorOptions & { issues: ResponseIssue[] }) {
    super('invalid_response', message, options);
    this.issues = options.issues;
  }
}

/** Any other platform error, with the platform's own code and message. */
export class PlatformError extends ChannelError {
  /** e.g. Graph `code`, SMTP reply code, X problem `type`. */
  readonly platformCode?: string | number;
  readonly platformSubcode?: string | number;
  /** The platform's own message, redacted. */
  readonly platformMessage?: string;
  /** Extra identifiers the platform gives for support requests (e.g. Graph `fbtrace_id`). */
  readonly details?: Record<string, string | number>;
  constructor(
    message: string,
    options: ChannelErrorOptions & {
      platformCode?: string | number;
      platformSubcode?: string | number;
      platformMessage?: string;
      details?: Record<string, string | number>;
    },
  ) {
    super('platform', message, options);
    if (options.platformCode !== undefined) this.platformCode = options.platformCode;
    if (options.platformSubcode !== undefined) this.platformSubcode = options.platformSubcode;
    if (options.platformMessage !== undefined) this.platformMessage = redactText(options.platformMessage, options.secrets);
    if (options.details !== undefined) this.details = options.details;
  }
}

/** No answer: DNS, connection reset, timeout. */
export class NetworkError extends ChannelError {
  constructor(message: string, options: ChannelErrorOptions) {
    super('network', message, options);
  }
}

/**
 * An earlier send with the same idempotency key has no recorded result: its process died mid-request,
 * and the platform offers no way to check. Always `maybeDelivered: true`: look before sending again.
 */
export class DeliveryUnknownError extends ChannelError {
  constructor(message: string, options: ChannelErrorOptions) {
    super('delivery_unknown', message, { ...options, maybeDelivered: true });
  }
}
