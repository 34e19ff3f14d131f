/**
 * One listen engine for every adapter: polls the adapter's sources, merges pushed messages
 * (webhooks, IMAP IDLE), skips the channel's own messages and what is already handled, and saves
 * each source's cursor only after the consumer has finished with a message (when the loop asks for
 * the next one or leaves). Workers sharing a store split the stream with a lease per message.
 */
import type { ListenOptions, Message } from '../channel.js';
import type { ChannelContext } from '../context.js';
import { AuthError, ChannelError, NetworkError, NotFoundError, RateLimitError, UnsupportedError } from '../errors.js';
import { parseJson } from '../json.js';
import { backoffDelay, retry } from '../retry.js';
import { toError } from '../to-error.js';
import { CursorTracker } from './cursor-tracker.js';
import { ListenRelease } from './listen-release.js';
import { comparePositions, messageKey, type ListenItem, type ListenSource } from './listen-source.js';
import type { PushedItem, PushQueue } from './push-queue.js';

const DEFAULT_LEASE_MS = 30_000;
// Markers of messages handled ahead of the cursor live this long; a poll reaches them far sooner.
const DONE_TTL_MS = 3 * 24 * 60 * 60 * 1000;
// After failed polls in a row; the store when it cannot be reached.
const POLL_BACKOFF = { firstDelayMs: 1000, maxDelayMs: 5 * 60 * 1000 };
// A poll that returns while another source's is still running waits this long for it, so the two are delivered
// in the order the messages were written, not in the order their polls happened to return.
const ROUND_GRACE_MS = 1000;
const STORE_BACKOFF = { firstDelayMs: 100, maxDelayMs: 5000 };

interface SourceState {
  source: ListenSource;
  compare: (a: string, b: string) => number;
  cursorKey: string;
  cursor: string | undefined;
  since: Date;
  tracker: CursorTracker;
  /** Messages another worker holds, by position: taken over when their lease lapses. */
  others: Map<string, Entry>;
  nextPollAt: number;
  failures: number;
}

interface Entry {
  item: ListenItem;
  /** The poll source it came from; undefined for a pushed message. */
  state: SourceState | undefined;
  /** Names the message in the store, the same whether it was polled or pushed. */
  key: string;
  /** The poll source that also sees a pushed message: its saved cursor may already cover it. */
  source?: string;
}

interface SavedCursor {
  position?: string;
  since: string;
}

/**
 * Whether a message of a source is handled: the source's saved cursor covers it, or its done marker is set
 * (found by `id` for a source keyed by id).
 */
export async function isHandled(context: ChannelContext, source: ListenSource, position: string, id?: string): Promise<boolean> {
  if ((await context.store.get(doneKey(context, messageKey(source, position, id)))) !== undefined) return true;
  const saved = parseSaved(await context.store.get(cursorKey(context, source.name)))?.position;
  return saved !== undefined && (source.compare ?? comparePositions)(position, saved) <= 0;
}

export class ListenEngine {
  constructor(
    private readonly context: ChannelContext,
    private readonly sources: readonly ListenSource[],
    private readonly pushed: PushQueue,
  ) {}

  async *listen(options: ListenOptions = {}): AsyncGenerator<Message, void, undefined> {
    const controller = new AbortController();
    const abort = () => controller.abort(options.signal?.reason);
    if (options.signal?.aborted) return;
    options.signal?.addEventListener('abort', abort, { once: true });
    const run = new ListenRun(this.context, this.sources, this.pushed, controller.signal, options.leaseMs ?? DEFAULT_LEASE_MS);
    let out: Entry | undefined;
    // A store that cannot be reached (Redis restarting) pauses the loop until it is back; nothing is skipped.
    const patiently = <T>(operation: () => Promise<T>) => retryWhileUnreachable(operation, controller.signal, (error) => this.context.emit('error', error));
    try {
      await patiently(() => run.load(options.since ?? new Date()));
      for (;;) {
        const entry = await patiently(() => run.next());
        if (!entry) return;
        out = entry;
        run.startLease(entry);
        this.context.emit('message', entry.item.message);
        try {
          yield entry.item.message;
        } catch (error) {
          if (!(error instanceof ListenRelease)) throw error;
          out = undefined;
          await run.release(entry);
          return;
        }
        out = undefined;
        await patiently(() => run.finish(entry));
      }
    } finally {
      if (out) await patiently(() => run.finish(out!)).catch(() => undefined); // leaving the loop means the consumer is done with it
      run.stop();
      options.signal?.removeEventListener('abort', abort);
      controller.abort();
    }
  }
}

class ListenRun {
  readonly #queue: Entry[] = [];
  readonly #states: SourceState[] = [];
  readonly #renewals = new Map<string, ReturnType<typeof setInterval>>();
  #nextRecheckAt = 0;
  readonly #polling = new Set<SourceState>();
  /** What finished polls returned, until the polls running beside them return too (or ROUND_GRACE_MS passed). */
  #returned: Entry[] = [];
  #returnedBy = 0;
  #wake: (() => void) | undefined;
  #fatal: unknown;

  constructor(
    private readonly context: ChannelContext,
    private readonly sources: readonly ListenSource[],
    private readonly pushed: PushQueue,
    private readonly signal: AbortSignal,
    private readonly leaseMs: number,
  ) {}

  get #store() {
    return this.context.store;
  }

  async load(since: Date): Promise<void> {
    for (const source of this.sources) {
      const key = cursorKey(this.context, source.name);
      const saved = parseSaved(await this.#store.get(key));
      const compare = source.compare ?? comparePositions;
      const state: SourceState = {
        source,
        compare,
        cursorKey: key,
        cursor: saved?.position,
        since: saved ? new Date(saved.since) : since,
        tracker: new CursorTracker(compare),
        others: new Map(),
        nextPollAt: 0,
        failures: 0,
      };
      // A first run saves where it started, so a restart before the first message still starts there.
      if (!saved) await this.#save(state);
      this.#states.push(state);
    }
  }

  /** The next message to deliver, or undefined when the signal aborted. */
  async next(): Promise<Entry | undefined> {
    for (;;) {
      if (this.signal.aborted) return undefined;
      if (this.#fatal) throw this.#fatal;
      const entry = this.#queue.shift();
      if (entry) {
        let admitted: boolean;
        try {
          admitted = await this.#admit(entry);
        } catch (error) {
          this.#queue.unshift(entry); // the store failed mid-decision: decide again when it is back
          throw error;
        }
        if (admitted) return entry;
        continue;
      }
      for (const item of this.pushed.drain()) this.#queue.push(this.#entry(item, undefined, item.source));
      if (this.#queue.length > 0) continue;
      await this.#recheckOthers();
      if (this.#queue.length > 0) continue;
      if (this.#returned.length > 0 && (this.#polling.size === 0 || Date.now() >= this.#returnedBy)) {
        this.#queue.push(...mergeByTime(this.#returned.splice(0)));
        continue;
      }
      // While a page waits for the polls beside it, none begins: it waits only for those running when it returned.
      const now = Date.now();
      if (this.#returned.length === 0) for (const state of this.#states) if (state.nextPollAt <= now && !this.#polling.has(state)) this.#startPoll(state);
      // Polls run beside the wait, so a pushed message is delivered at once, even while a slow poll is retrying.
      // The wait that loses the race is ended with it, so no timer or abort listener is left per poll.
      const waiting = new AbortController();
      const endWait = () => waiting.abort();
      this.signal.addEventListener('abort', endWait, { once: true });
      try {
        await Promise.race([this.pushed.wait(this.#idleMs(), waiting.signal), new Promise<void>((resolve) => (this.#wake = resolve))]);
      } finally {
        this.signal.removeEventListener('abort', endWait);
        waiting.abort();
        this.#wake = undefined;
      }
    }
  }

  startLease(entry: Entry): void {
    const leaseKey = this.#leaseKey(entry);
    const timer = setInterval(() => {
      this.#store.set(leaseKey, '1', { ttlMs: this.leaseMs }).catch((error: unknown) => this.context.emit('error', toError(error)));
    }, Math.max(10, Math.floor(this.leaseMs / 3)));
    (timer as { unref?: () => void }).unref?.();
    this.#renewals.set(entry.key, timer);
  }

  /** The consumer handed it back: let the lease go and save nothing, so it is delivered again. */
  async release(entry: Entry): Promise<void> {
    this.#stopRenewal(entry);
    await this.#store.delete(this.#leaseKey(entry)).catch(() => undefined);
  }

  /** The consumer is done: save the cursor (or a marker), then let the lease go. */
  async finish(entry: Entry): Promise<void> {
    this.#stopRenewal(entry);
    await this.#handled(entry);
    await this.#store.delete(this.#leaseKey(entry));
  }

  #stopRenewal(entry: Entry): void {
    clearInterval(this.#renewals.get(entry.key));
    this.#renewals.delete(entry.key);
  }

  stop(): void {
    for (const timer of this.#renewals.values()) clearInterval(timer);
    this.#renewals.clear();
  }

  #entry(item: ListenItem, state: SourceState | undefined, sourceName = state?.source.name): Entry {
    const source = state?.source ?? this.sources.find((candidate) => candidate.name === sourceName);
    const key = sourceName ? messageKey(source ?? { name: sourceName }, item.position, item.message.id) : `push:${item.message.id}`;
    return { item, state, key, source: sourceName };
  }

  /** Decide whether this worker delivers the entry now. */
  async #admit(entry: Entry): Promise<boolean> {
    const { item, state } = entry;
    if (state?.cursor !== undefined && state.compare(item.position, state.cursor) <= 0) return false;
    // A pushed message the poll already delivered: the source's cursor covers it (no done marker is kept then).
    const covering = state ? undefined : this.#states.find((candidate) => candidate.source.name === entry.source);
    if (covering?.cursor !== undefined && covering.compare(item.position, covering.cursor) <= 0) return false;
    if (item.message.author.isSelf || item.skip) {
      await this.#handled(entry);
      return false;
    }
    if ((await this.#store.get(this.#doneKey(entry))) !== undefined) {
      await this.#handled(entry);
      return false;
    }
    if (!(await this.#store.claim(this.#leaseKey(entry), this.leaseMs))) {
      if (state) {
        state.tracker.block(item.position);
        state.others.set(item.position, entry);
      }
      return false;
    }
    // Another listener may have finished it between our check and our claim: it saved before releasing.
    if (await this.#doneElsewhere(entry)) {
      await this.#store.delete(this.#leaseKey(entry));
      await this.#handled(entry);
      return false;
    }
    return true;
  }

  /** Its done marker is set, or (a polled one) the source's saved cursor covers it. */
  async #doneElsewhere(entry: Entry): Promise<boolean> {
    const { state } = entry;
    if (state) return isHandled(this.context, state.source, entry.item.position, entry.item.message.id);
    return (await this.#store.get(this.#doneKey(entry))) !== undefined;
  }

  async #handled(entry: Entry): Promise<void> {
    const { item } = entry;
    const state = entry.state ?? this.#followedSource(entry);
    let folded = false;
    if (state) {
      state.tracker.unblock(item.position);
      const position = state.tracker.handled(item.position);
      if (position !== undefined) {
        folded = state.compare(position, item.position) >= 0;
        if (state.cursor === undefined || state.compare(position, state.cursor) > 0) {
          state.cursor = position;
          await this.#save(state);
        }
      }
    }
    // Without the cursor covering it, or when other processes may read a stale cursor, mark it done.
    if (!folded || !this.#store.local) await this.#store.set(this.#doneKey(entry), '1', { ttlMs: DONE_TTL_MS });
  }

  /**
   * The poll source whose cursor a pushed message directly follows (its pusher names the position just
   * before it, `after`, and the cursor has reached that): handled, it moves the cursor as a polled one
   * does. Otherwise something of the source may lie between them, and only its done marker is kept.
   */
  #followedSource(entry: Entry): SourceState | undefined {
    const after = (entry.item as PushedItem).after;
    if (after === undefined || entry.source === undefined) return undefined;
    const state = this.#states.find((candidate) => candidate.source.name === entry.source);
    if (state?.cursor === undefined || state.compare(after, state.cursor) > 0) return undefined;
    return state;
  }

  /** Messages other workers held: drop what they finished, take over what they let lapse. */
  async #recheckOthers(): Promise<void> {
    const now = Date.now();
    if (now < this.#nextRecheckAt) return;
    this.#nextRecheckAt = now + Math.max(20, Math.floor(this.leaseMs / 4));
    for (const state of this.#states) {
      for (const [position, entry] of [...state.others]) {
        if (await this.#doneElsewhere(entry)) {
          state.others.delete(position);
          await this.#handled(entry);
        } else if ((await this.#store.get(this.#leaseKey(entry))) === undefined) {
          state.others.delete(position);
          this.#queue.push(entry); // its holder is gone: #admit claims it again
        }
      }
    }
  }

  #startPoll(state: SourceState): void {
    this.#polling.add(state);
    void this.#poll(state).finally(() => {
      this.#polling.delete(state);
      this.#wake?.();
    });
  }

  async #poll(state: SourceState): Promise<void> {
    try {
      const result = await state.source.poll({ cursor: state.cursor, since: state.since, signal: this.signal });
      state.failures = 0;
      if (this.signal.aborted) return;
      if (this.#returned.length === 0) this.#returnedBy = Date.now() + ROUND_GRACE_MS;
      for (const item of result.items) this.#returned.push(this.#entry(item, state));
      state.nextPollAt = result.more ? 0 : Date.now() + this.#pace(state);
    } catch (error) {
      if (this.signal.aborted) return;
      if (isFatal(error)) {
        this.#fatal = error;
        return;
      }
      state.failures += 1;
      this.context.emit('error', toError(error));
      const resetAt = error instanceof RateLimitError ? error.resetAt?.getTime() : undefined;
      state.nextPollAt = Math.max(resetAt ?? 0, Date.now() + backoffDelay(state.failures, POLL_BACKOFF));
    }
  }

  /** Time to the next poll: the poll interval, or longer when the quota left must last until its reset. */
  #pace(state: SourceState): number {
    let interval = this.context.options.pollIntervalMs;
    const now = Date.now();
    for (const bucket of state.source.buckets ?? []) {
      const limit = this.context.rateLimits.get(this.context.bucketName(bucket));
      if (limit?.remaining === undefined || !limit.resetAt) continue;
      interval = Math.max(interval, (limit.resetAt.getTime() - now) / Math.max(1, limit.remaining));
    }
    return interval;
  }

  #idleMs(): number {
    const now = Date.now();
    const waiting = this.#returned.length > 0;
    let wake = waiting ? this.#returnedBy : Math.min(...this.#states.filter((state) => !this.#polling.has(state)).map((state) => state.nextPollAt));
    if (this.#states.some((state) => state.others.size > 0)) wake = Math.min(wake, this.#nextRecheckAt);
    return Number.isFinite(wake) ? Math.max(0, wake - now) : this.context.options.pollIntervalMs;
  }

  async #save(state: SourceState): Promise<void> {
    // Never move the shared cursor back: another listener of this channel may have saved a later one.
    const stored = parseSaved(await this.#store.get(state.cursorKey))?.position;
    if (stored !== undefined && state.cursor !== undefined && state.compare(stored, state.cursor) > 0) return;
    const saved: SavedCursor = { since: state.since.toISOString() };
    if (state.cursor !== undefined) saved.position = state.cursor;
    await this.#store.set(state.cursorKey, JSON.stringify(saved));
  }

  #leaseKey(entry: Entry): string {
    return `${this.context.id}:listen:lease:${entry.key}`;
  }

  #doneKey(entry: Entry): string {
    return doneKey(this.context, entry.key);
  }
}

/**
 * What several polls returned (in the order they returned) as one queue, oldest message first across
 * sources. A source's own messages keep their order (its positions: the cursor moves only over what came
 * before): each is placed by the latest time of its source up to it, and the sort is stable.
 */
function mergeByTime(entries: Entry[]): Entry[] {
  const latest = new Map<SourceState | undefined, number>();
  const timed = entries.map((entry): [number, Entry] => {
    const time = Math.max(latest.get(entry.state) ?? 0, entry.item.message.createdAt.getTime());
    latest.set(entry.state, time);
    return [time, entry];
  });
  return timed.sort((a, b) => a[0] - b[0]).map((pair) => pair[1]);
}

/** Runs `operation` again, with backoff, for as long as it fails with a NetworkError (the store is unreachable). */
async function retryWhileUnreachable<T>(operation: () => Promise<T>, signal: AbortSignal, report: (error: Error) => void): Promise<T> {
  let last: unknown;
  try {
    return await retry(operation, {
      retries: Infinity,
      ...STORE_BACKOFF,
      signal,
      shouldRetry: ({ error }) => error instanceof NetworkError,
      onFailedAttempt: ({ error }) => {
        last = error;
        report(toError(error));
      },
    });
  } catch (error) {
    // Ended by an abort while waiting for the store: what is thrown is the store's failure.
    throw signal.aborted && error === signal.reason && last !== undefined ? last : error;
  }
}

// Where a source's cursor and a message's done marker live in the store.
const cursorKey = (context: ChannelContext, source: string) => `${context.id}:listen:${source}:cursor`;
const doneKey = (context: ChannelContext, messageKey: string) => `${context.id}:listen:done:${messageKey}`;

function parseSaved(value: string | undefined): SavedCursor | undefined {
  const parsed = parseJson(value) as Partial<SavedCursor> | null | undefined;
  return typeof parsed?.since === 'string' ? (parsed as SavedCursor) : undefined;
}

/** Errors that retrying cannot fix: thrown out of listen() (the hub retries the channel with backoff). */
function isFatal(error: unknown): boolean {
  if (!ChannelError.isInstance(error)) return true;
  return error instanceof AuthError || error instanceof NotFoundError || error instanceof UnsupportedError;
}
