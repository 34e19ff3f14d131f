/**
 * The hub: every channel as one stream, and one place to answer and announce. `listen()` merges
 * the channels' listen() streams fairly, each with its own guarantees; a channel whose stream fails
 * is restarted with backoff while the others go on. A closed channel's stream has ended (it is not
 * restarted), and once every channel's has, so has the hub's. `send()` fans out and reports per channel.
 * The merge itself (hub-merge.ts) is loaded with the first listen().
 */
import { EventEmitter } from 'eventemitter3';
import type { Channel, Draft, Message, RateLimitState, Store } from './channel.js';
import type { Backoff } from './retry.js';
import { toError } from './to-error.js';

export interface HubOptions {
  /**
   * A store for the hub's own state. The hub keeps none today: channels keep cursors, quota and
   * sent-once keys in the store given to their own factory, so pass the same store (e.g. one
   * `RedisStore`) to every factory. The hub never closes this store; it is exposed as `hub.store`.
   */
  store?: Store;
  /**
   * Backoff between restarts of a channel whose listen() failed: doubles from `minDelayMs` up to
   * `maxDelayMs`, and starts again at `minDelayMs` once the channel delivers a message.
   * @default { minDelayMs: 1000, maxDelayMs: 60000 }
   */
  restart?: { minDelayMs?: number; maxDelayMs?: number };
}

export interface HubListenOptions {
  /** Ends the merged stream (and every channel's listen) promptly. */
  signal?: AbortSignal;
  /** Where each channel's first run starts (see `ListenOptions.since`). */
  since?: Date;
  /** Lease of each message in the store while it is handled (see `ListenOptions.leaseMs`). @default 30000 */
  leaseMs?: number;
}

export interface HubSendOptions {
  /** Ids of the channels to send on. @default every channel of the hub */
  channels?: readonly string[];
}

/** One channel's outcome of `hub.send`: the message it sent, or why it did not. */
export type HubSendResult = { channel: string; message: Message } | { channel: string; error: Error };

/** Hub events: a channel's own event with the channel id added as the last argument. */
export interface HubEvents {
  /** A channel's stream failed and is being retried (by its listen engine, or by the hub with backoff). */
  error: [error: Error, channelId: string];
  /** A channel is about to wait for a spent bucket. */
  rateLimit: [state: RateLimitState, waitMs: number, channelId: string];
  /** A channel is about to retry a request. */
  retry: [error: Error, attempt: number, channelId: string];
}

export type HubEvent = keyof HubEvents;

export interface Hub {
  /** The channels, in the order given. */
  readonly channels: readonly Channel[];
  /** The `store` option, if any (the hub itself keeps nothing in it). */
  readonly store: Store | undefined;
  /** New inbound messages of every channel, merged fairly; each channel keeps its own guarantees. */
  listen(options?: HubListenOptions): AsyncIterable<Message>;
  /** Answer a message through the channel that produced it (`message.channel`). */
  reply(message: Message, draft: Draft): Promise<Message>;
  /** Send on several channels (all by default): one result or error per channel, in the order asked. */
  send(draft: Draft, options?: HubSendOptions): Promise<HubSendResult[]>;
  /** The channel with this id; TypeError when the hub has none. */
  channel(id: string): Channel;
  on<E extends HubEvent>(event: E, fn: (...args: HubEvents[E]) => void): this;
  off<E extends HubEvent>(event: E, fn: (...args: HubEvents[E]) => void): this;
  /** End every listen, close every channel. */
  close(): Promise<void>;
}

/** Put channels behind one stream and one send: `createHub([twitter({...}), email({...})])`. */
export function createHub(channels: readonly Channel[], options: HubOptions = {}): Hub {
  if (!Array.isArray(channels)) throw new TypeError('createHub(): expected an array of channels');
  const seen = new Set<string>();
  for (const channel of channels) {
    if (typeof channel?.listen !== 'function' || typeof channel.id !== 'string') {
      throw new TypeError('createHub(): every item must be a Channel (from twitter(), email(), defineChannel(), ...)');
    }
    if (seen.has(channel.id)) throw new TypeError(`createHub(): two channels have the id '${channel.id}'; give one an \`id\` option`);
    seen.add(channel.id);
  }
  return new ChannelHub([...channels], options);
}

const DEFAULT_MIN_DELAY_MS = 1_000;
const DEFAULT_MAX_DELAY_MS = 60_000;

class ChannelHub implements Hub {
  readonly channels: readonly Channel[];
  readonly store: Store | undefined;
  readonly #emitter = new EventEmitter();
  readonly #byId = new Map<string, Channel>();
  readonly #closing = new AbortController();
  readonly #forwarders: Array<() => void> = [];
  /** Errors a channel emitted as 'error' (already reported), so the listen they end is not reported twice. */
  readonly #reported = new WeakSet<object>();
  readonly #restartBackoff: Backoff;
  #closed: Promise<void> | undefined;

  constructor(channels: Channel[], options: HubOptions) {
    this.channels = channels;
    this.store = options.store;
    this.#restartBackoff = {
      firstDelayMs: options.restart?.minDelayMs ?? DEFAULT_MIN_DELAY_MS,
      maxDelayMs: options.restart?.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
    };
    for (const channel of channels) {
      this.#byId.set(channel.id, channel);
      this.#forward(channel);
    }
  }

  async *listen(options: HubListenOptions = {}): AsyncGenerator<Message, void, undefined> {
    const { mergedListen } = await import('./hub-merge.js');
    yield* mergedListen(
      {
        channels: this.channels,
        closing: this.#closing.signal,
        restartBackoff: this.#restartBackoff,
        // An error the channel emitted as 'error' itself was reported then: not again.
        failed: (error, channelId) => {
          if (!this.#reported.delete(error as object)) this.#emitter.emit('error', toError(error), channelId);
        },
      },
      options,
    );
  }

  async reply(message: Message, draft: Draft): Promise<Message> {
    if (typeof message !== 'object' || message === null || typeof message.channel !== 'string') {
      throw new TypeError('hub.reply(): expected a Message (from hub.listen() or a channel)');
    }
    return this.#channelOf(message.channel, 'hub.reply()').reply(message, draft);
  }

  async send(draft: Draft, options: HubSendOptions = {}): Promise<HubSendResult[]> {
    const targets = (options.channels ?? this.channels.map((channel) => channel.id)).map((id) => this.#channelOf(id, 'hub.send()'));
    // Every channel is tried whatever the others do; one failure is one result, never a rejection.
    return Promise.all(
      targets.map(async (channel): Promise<HubSendResult> => {
        try {
          return { channel: channel.id, message: await channel.send(draft) };
        } catch (error) {
          return { channel: channel.id, error: toError(error) };
        }
      }),
    );
  }

  channel(id: string): Channel {
    return this.#channelOf(id, 'hub.channel()');
  }

  on<E extends HubEvent>(event: E, fn: (...args: HubEvents[E]) => void): this {
    this.#emitter.on(event, fn as (...args: unknown[]) => void);
    return this;
  }

  off<E extends HubEvent>(event: E, fn: (...args: HubEvents[E]) => void): this {
    this.#emitter.off(event, fn as (...args: unknown[]) => void);
    return this;
  }

  close(): Promise<void> {
    this.#closed ??= (async () => {
      this.#closing.abort();
      for (const detach of this.#forwarders.splice(0)) detach();
      await Promise.allSettled(this.channels.map((channel) => channel.close()));
    })();
    return this.#closed;
  }

  #channelOf(id: string, caller: string): Channel {
    const channel = this.#byId.get(id);
    if (!channel) throw new TypeError(`${caller}: the hub has no channel '${id}' (it has ${[...this.#byId.keys()].map((known) => `'${known}'`).join(', ') || 'none'})`);
    return channel;
  }

  /** Re-emit a channel's events with its id added. */
  #forward(channel: Channel): void {
    const onError = (error: Error) => {
      this.#reported.add(error);
      this.#emitter.emit('error', error, channel.id);
    };
    const onRateLimit = (state: RateLimitState, waitMs: number) => this.#emitter.emit('rateLimit', state, waitMs, channel.id);
    const onRetry = (error: Error, attempt: number) => this.#emitter.emit('retry', error, attempt, channel.id);
    channel.on('error', onError).on('rateLimit', onRateLimit).on('retry', onRetry);
    this.#forwarders.push(() => channel.off('error', onError).off('rateLimit', onRateLimit).off('retry', onRetry));
  }

}
