/**
 * What the engines of one channel share: its identity, store, normalized options, event emitter,
 * the secrets to scrub from errors, and the rate-limit states it has seen.
 */
import { EventEmitter } from 'eventemitter3';
import type { AdapterContext } from './adapter-context.js';
import type { ChannelEvent, ChannelEvents, Platform, RateLimitState } from './channel.js';
import { ChannelError, type ChannelErrorOptions } from './errors.js';
import type { NormalizedCommonOptions } from './options.js';

/** Internal: adapters see it through `AdapterContext`, which names what they may use. */
export class ChannelContext implements AdapterContext {
  readonly emitter = new EventEmitter();
  /** Secret values seen so far (tokens as resolved), scrubbed from every error. */
  readonly secrets = new Set<string>();
  /** The last state the platform reported, per bucket (full bucket name). */
  readonly rateLimits = new Map<string, RateLimitState>();
  readonly #closing = new AbortController();
  readonly #waits = new Set<AbortController>();

  constructor(
    readonly id: string,
    readonly platform: Platform,
    readonly options: NormalizedCommonOptions,
    /** The prefix of the channel's bucket names: its id, or a scope channels share (one app key's quota). */
    readonly bucketScope: string = id,
    /** Buckets with a prefix of their own, shared by the channels that give the same (an app-wide cap beside per-account windows). */
    readonly bucketScopes: Readonly<Record<string, string>> = {},
  ) {}

  get store() {
    return this.options.store;
  }

  emit<E extends ChannelEvent>(event: E, ...args: ChannelEvents[E]): void {
    // 'error' with no listener must not throw (unlike node's EventEmitter): eventemitter3 never does.
    this.emitter.emit(event, ...args);
  }

  addSecret(value: string | undefined): void {
    if (value) this.secrets.add(value);
  }

  /** Options for a ChannelError raised by this channel. */
  errorOptions(extra: Partial<ChannelErrorOptions> = {}): ChannelErrorOptions {
    return { platform: this.platform, channel: this.id, secrets: [...this.secrets], ...extra };
  }

  /** Aborts, with the closed error as its reason, when close() begins: waits end, and no request starts after. */
  get closed(): AbortSignal {
    return this.#closing.signal;
  }

  markClosed(): void {
    if (this.#closing.signal.aborted) return;
    this.#closing.abort(this.closedError());
    for (const wait of this.#waits) wait.abort(this.#closing.signal.reason);
    this.#waits.clear();
  }

  /**
   * A signal for one wait (a quota reset): it aborts at close(), with the closed error, or with
   * `signal`. The channel keeps its waits in a set rather than adding a listener per wait to its own
   * signal, so many concurrent waits raise no "possible memory leak" warning. `dispose()` when it ends.
   */
  waitSignal(signal?: AbortSignal): { signal: AbortSignal; dispose: () => void } {
    const wait = new AbortController();
    const onAbort = () => wait.abort(signal!.reason);
    if (this.#closing.signal.aborted) wait.abort(this.#closing.signal.reason);
    else if (signal?.aborted) wait.abort(signal.reason);
    else {
      this.#waits.add(wait);
      signal?.addEventListener('abort', onAbort, { once: true });
    }
    return {
      signal: wait.signal,
      dispose: () => {
        this.#waits.delete(wait);
        signal?.removeEventListener('abort', onAbort);
      },
    };
  }

  /** Refuse what would start after close(). */
  throwIfClosed(): void {
    if (this.#closing.signal.aborted) throw this.closedError();
  }

  closedError(): ChannelError {
    return new ChannelError('closed', `${this.id} is closed: close() was called, so nothing more is sent or read`, this.errorOptions());
  }

  /** "twitter:acme:POST /2/tweets" */
  bucketName(bucket: string): string {
    return `${Object.hasOwn(this.bucketScopes, bucket) ? this.bucketScopes[bucket] : this.bucketScope}:${bucket}`;
  }
}
