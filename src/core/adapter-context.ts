/**
 * What an adapter may use of its channel (`tools.context` in `defineChannel`): who it is, the store,
 * events, the secrets to scrub from errors and the names of its rate-limit buckets. The core's own
 * state behind it (listeners, quota states) stays the core's.
 */
import type { ChannelEvent, ChannelEvents, Platform, Store } from './channel.js';
import type { ChannelErrorOptions } from './errors.js';

export interface AdapterContext {
  /** The channel id, e.g. "twitter:acme" (`options.id` when the user gave one). */
  readonly id: string;
  readonly platform: Platform;
  /** The channel's store; an adapter's own keys start with the channel id. */
  readonly store: Store;
  /** Emit one of the channel's events ('rateLimit', 'retry', 'error', 'message'). */
  emit<E extends ChannelEvent>(event: E, ...args: ChannelEvents[E]): void;
  /** A secret as resolved (a token, a password): it is scrubbed from every error of this channel. */
  addSecret(value: string | undefined): void;
  /** Options for a `ChannelError` raised by this channel: platform, channel id, the secrets to scrub. */
  errorOptions(extra?: Partial<ChannelErrorOptions>): ChannelErrorOptions;
  /**
   * The full bucket name of a request kind: "POST /2/tweets" → "twitter:acme:POST /2/tweets" (the
   * channel id, or the `bucketScope` channels share, then the kind).
   */
  bucketName(bucket: string): string;
  /** Aborts when close() begins: an adapter's own waits end with it. */
  readonly closed: AbortSignal;
}
