/**
 * `defineChannel` turns an adapter's parts into a Channel: the core adds draft checks, sent-once,
 * `limit`/`since` on messages(), the listen engine, events and close(). Every adapter of this
 * package uses it, and a third party can write an adapter in one file with it.
 */
import type {
  Capabilities,
  Channel,
  ChannelEvent,
  ChannelEvents,
  Draft,
  ListenOptions,
  Message,
  MessagesOptions,
  Platform,
  RateLimitState,
  ThreadOptions,
} from './channel.js';
import type { AdapterContext } from './adapter-context.js';
import { ChannelContext } from './context.js';
import { InvalidDraftError, UnsupportedError } from './errors.js';
import { HttpClient, type HttpRequest } from './http/http-client.js';
import type { PlatformHttp } from './http/platform-http.js';
import { isHandled, ListenEngine } from './listen/listen-engine.js';
import type { ListenSource } from './listen/listen-source.js';
import { PushQueue, type PushedItem } from './listen/push-queue.js';
import { normalizeCommonOptions, type CommonOptions } from './options.js';
import { idempotencyKeyOf, sendOnce } from './sent-once.js';

/** The core's HTTP engine as an adapter sees it: quota, retries, typed errors and redaction included. */
export interface AdapterHttpClient {
  /** Send one request and parse its answer with `request.schema`; every failure is a typed `ChannelError`. */
  request<T>(request: HttpRequest<T>): Promise<T>;
}

/** What the core hands an adapter while it is being set up. */
export interface ChannelTools {
  context: AdapterContext;
  /** The core's HTTP engine, configured for this platform. */
  createHttpClient(platform: PlatformHttp): AdapterHttpClient;
  /** Feed a message from a webhook or a push connection into listen(). */
  push(item: PushedItem): void;
  /**
   * Whether listen() has handled a message of the named source (its cursor covers it, or it is marked done).
   * `messageId` is needed to find the mark of a source keyed by id (`ListenSource.keyById`).
   */
  isHandled(source: string, position: string, messageId?: string): Promise<boolean>;
}

/** What an adapter implements. Drafts reach `send`/`reply` already checked by the core. */
export interface ChannelImplementation {
  capabilities: Capabilities;
  /** Platform checks of a draft (length in the platform's counting, attachments): throw InvalidDraftError. */
  validateDraft?(draft: Draft, to: Message | undefined): void;
  send(draft: Draft): Promise<Message>;
  reply(to: Message, draft: Draft): Promise<Message>;
  /** Newest first, lazily; the core applies `limit` and `since`, the adapter may use them to ask less. */
  messages(options: MessagesOptions): AsyncIterable<Message>;
  /** Oldest first. */
  thread(of: Message | string, options: ThreadOptions): AsyncIterable<Message>;
  sources: ListenSource[];
  webhook?(request: Request): Promise<Response>;
  /**
   * After an interrupted send: find what it may have posted. `null` when the platform shows it was not
   * posted (it is sent now); `undefined` when the adapter cannot tell (the caller gets DeliveryUnknownError).
   */
  recover?(draft: Draft, to: Message | undefined): Promise<Message | null | undefined>;
  close?(): Promise<void>;
}

export interface ChannelSetup {
  id: string;
  platform: Platform;
  options?: CommonOptions;
  /** @default 60000 */
  defaultPollIntervalMs?: number;
  /**
   * The prefix of this channel's rate-limit buckets. Channels that give the same scope share their
   * buckets (in one store): a quota the platform counts per app key, not per account (Flickr).
   * @default the channel id
   */
  bucketScope?: string;
  /**
   * Buckets whose prefix is not the channel's: each named bucket is shared by every channel that gives it
   * the same scope (X's 24-hour cap per app, counted for all the app's accounts, beside their own windows).
   */
  bucketScopes?: Record<string, string>;
}

/** Turn an adapter's parts into a Channel (the adapter kit's entry; see the README's "The adapter kit"). */
export function defineChannel(setup: ChannelSetup, implement: (tools: ChannelTools) => ChannelImplementation): Channel {
  return defineCoreChannel(setup, implement);
}

/**
 * The tools as the core builds them, with its internal classes. For this package's email adapter only,
 * whose SMTP sends reserve quota through the core's quota engine (no HTTP client to do it for them).
 */
export interface CoreChannelTools extends ChannelTools {
  context: ChannelContext;
  createHttpClient(platform: PlatformHttp): HttpClient;
}

/** `defineChannel` with the core's own tools: internal, not exported from the package root. */
export function defineCoreChannel(setup: ChannelSetup, implement: (tools: CoreChannelTools) => ChannelImplementation): Channel {
  const options = normalizeCommonOptions(setup.options ?? {}, { pollIntervalMs: setup.defaultPollIntervalMs ?? 60_000 });
  const id = setup.options?.id ?? setup.id;
  const context = new ChannelContext(id, setup.platform, options, setup.bucketScope ?? id, setup.bucketScopes);
  const pushed = new PushQueue();
  let sources: readonly ListenSource[] = [];
  const implementation = implement({
    context,
    createHttpClient: (platform) => new HttpClient(context, platform),
    push: (item) => pushed.push(item),
    async isHandled(name, position, messageId) {
      const source = sources.find((candidate) => candidate.name === name);
      if (!source) throw new TypeError(`isHandled(): the channel has no listen source '${name}'`);
      return isHandled(context, source, position, messageId);
    },
  });
  sources = implementation.sources;
  return new DefinedChannel(context, implementation, pushed, setup.options?.store === undefined);
}

class DefinedChannel implements Channel {
  readonly id: string;
  readonly platform: Platform;
  readonly capabilities: Capabilities;
  readonly webhook?: (request: Request) => Promise<Response>;
  readonly #engine: ListenEngine;
  readonly #listening = new Set<AbortController>();

  constructor(
    private readonly context: ChannelContext,
    private readonly implementation: ChannelImplementation,
    pushed: PushQueue,
    private readonly ownsStore: boolean,
  ) {
    this.id = context.id;
    this.platform = context.platform;
    this.capabilities = implementation.capabilities;
    this.#engine = new ListenEngine(context, implementation.sources, pushed);
    if (implementation.webhook) this.webhook = (request) => implementation.webhook!(request);
  }

  send(draft: Draft): Promise<Message> {
    return this.#send(draft, undefined, () => this.implementation.send(draft));
  }

  async reply(to: Message, draft: Draft): Promise<Message> {
    if (to.channel !== this.id) {
      throw new TypeError(`reply(): the message came from channel '${to.channel}', not '${this.id}'; reply through that channel (or hub.reply)`);
    }
    return this.#send(draft, to, () => this.implementation.reply(to, draft));
  }

  async *messages(options: MessagesOptions = {}): AsyncGenerator<Message, void, undefined> {
    this.context.throwIfClosed();
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    if (limit <= 0) return;
    let count = 0;
    for await (const message of this.implementation.messages(options)) {
      if (options.since && message.createdAt < options.since) return;
      if (message.author.isSelf) continue; // inbound history: what others wrote
      yield message;
      if (++count >= limit) return;
    }
  }

  async *thread(of: Message | string, options: ThreadOptions = {}): AsyncGenerator<Message, void, undefined> {
    this.context.throwIfClosed();
    yield* this.implementation.thread(of, options);
  }

  async *listen(options: ListenOptions = {}): AsyncGenerator<Message, void, undefined> {
    this.context.throwIfClosed();
    const controller = new AbortController();
    const abort = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', abort, { once: true });
    if (options.signal?.aborted) abort();
    this.#listening.add(controller);
    try {
      yield* this.#engine.listen({ ...options, signal: controller.signal });
    } finally {
      options.signal?.removeEventListener('abort', abort);
      this.#listening.delete(controller);
    }
  }

  rateLimits(): RateLimitState[] {
    return [...this.context.rateLimits.values()].map((state) => ({ ...state }));
  }

  on<E extends ChannelEvent>(event: E, fn: (...args: ChannelEvents[E]) => void): this {
    this.context.emitter.on(event, fn as (...args: unknown[]) => void);
    return this;
  }

  off<E extends ChannelEvent>(event: E, fn: (...args: ChannelEvents[E]) => void): this {
    this.context.emitter.off(event, fn as (...args: unknown[]) => void);
    return this;
  }

  async close(): Promise<void> {
    // First: every call from now on is refused, and every quota wait ends, so no request starts after this.
    this.context.markClosed();
    for (const controller of this.#listening) controller.abort();
    await this.implementation.close?.();
    if (this.ownsStore) await this.context.store.close?.();
  }

  /** Checks every platform shares, then the adapter's own; all before any request. */
  #check(draft: Draft, to: Message | undefined): void {
    this.context.throwIfClosed();
    const errorOptions = this.context.errorOptions();
    if (typeof draft !== 'object' || draft === null || typeof draft.text !== 'string') {
      throw new InvalidDraftError('a draft needs a text string', errorOptions);
    }
    if (draft.text.trim() === '') throw new InvalidDraftError('the text is empty', errorOptions);
    const capabilities = this.capabilities;
    if (draft.to !== undefined && !to) {
      if (draft.to.trim() === '') throw new InvalidDraftError("'to' is empty: name the recipient of the direct message", errorOptions);
      if (!capabilities.direct) throw new UnsupportedError(`${this.platform} has no direct messages`, errorOptions);
    }
    if (draft.to === undefined && !to && !capabilities.post) {
      // Where messages only go to someone (email), a missing recipient is a flaw of the draft.
      if (capabilities.direct) throw new InvalidDraftError(`${this.platform} sends only to a recipient: set 'to'`, errorOptions);
      throw new UnsupportedError(`${this.platform} cannot post without a recipient`, errorOptions);
    }
    if (draft.attachments?.length && !capabilities.attachments) {
      throw new InvalidDraftError(`${this.platform} does not take attachments from this channel`, errorOptions);
    }
    this.implementation.validateDraft?.(draft, to);
  }

  /** The draft checked, then sent once per idempotency key (when it has one). */
  async #send(draft: Draft, to: Message | undefined, send: () => Promise<Message>): Promise<Message> {
    this.#check(draft, to);
    const key = await idempotencyKeyOf(draft, to);
    if (key === undefined) return send();
    const recover = this.implementation.recover;
    return sendOnce(this.context, { key, send, ...(recover ? { recover: () => recover.call(this.implementation, draft, to) } : {}) });
  }
}
