/**
 * Quota reservation before every request, through `store.take` so processes sharing a store share
 * the quota. A spent bucket is waited for (`onLimit: 'wait'`, up to `maxWaitMs`) or refused with
 * `RateLimitError` before anything is sent (`'throw'`).
 */
import { RESET_GUARD_MS } from '../bucket.js';
import type { RateLimitState } from '../channel.js';
import type { ChannelContext } from '../context.js';
import { RateLimitError } from '../errors.js';
import { sleep } from '../sleep.js';

export class Quota {
  // Buckets this process has had at least one answer for. Until then one request probes alone,
  // so that 300 parallel sends learn the limit from the first answer instead of all hitting it.
  readonly #probed = new Set<string>();
  readonly #probes = new Map<string, Promise<void>>();

  constructor(private readonly context: ChannelContext) {}

  /** Reserve `cost` (one request, or a platform's units) in each bucket; returns a function to call once the answer is in. */
  async reserve(buckets: readonly string[], signal?: AbortSignal, cost = 1): Promise<() => void> {
    const releases: Array<() => void> = [];
    for (const bucket of buckets) releases.push(await this.#reserveOne(bucket, signal, cost));
    return () => releases.forEach((release) => release());
  }

  /** Merge what the platform reported into the shared bucket. */
  async report(state: RateLimitState): Promise<void> {
    this.context.rateLimits.set(state.bucket, state);
    await this.context.store.take(state.bucket, 0, state);
  }

  /** Mark a bucket spent until `resetAt` (a 429, a throttling code, a Retry-After). */
  async exhaust(bucket: string, resetAt: Date): Promise<void> {
    const known = this.context.rateLimits.get(bucket);
    const state: RateLimitState = { bucket, remaining: 0, resetAt };
    if (known?.limit !== undefined) state.limit = known.limit;
    await this.report(state);
  }

  async #reserveOne(bucket: string, signal: AbortSignal | undefined, cost: number): Promise<() => void> {
    for (;;) {
      signal?.throwIfAborted();
      this.context.throwIfClosed();
      const probe = this.#probes.get(bucket);
      if (probe) {
        await probe;
        continue;
      }
      // Decided before any await, so concurrent callers see the probe at once.
      const release = this.#probed.has(bucket) ? noop : this.#startProbe(bucket);
      let answer: { ok: boolean; waitMs: number };
      try {
        answer = await this.context.store.take(bucket, cost);
      } catch (error) {
        release();
        throw error;
      }
      const { ok, waitMs } = answer;
      if (ok) return release;
      release();
      const state = this.context.rateLimits.get(bucket) ?? { bucket };
      const resetAt = new Date(Date.now() + waitMs);
      const { onLimit, maxWaitMs } = this.context.options.rateLimit;
      // A wait within RESET_GUARD_MS is the end of a window (nothing is granted that close to a reset, even from
      // a bucket with room), not a spent bucket: it is waited with onLimit 'throw' too.
      if ((onLimit === 'throw' && waitMs > RESET_GUARD_MS) || waitMs > maxWaitMs) {
        throw new RateLimitError(`rate limit of ${bucket} reached; it resets at ${resetAt.toISOString()}`, {
          ...this.context.errorOptions(),
          resetAt,
        });
      }
      this.context.emit('rateLimit', { ...state, resetAt }, waitMs);
      // close() ends the wait (with the channel's closed error): nothing waits to go out after it.
      const wait = this.context.waitSignal(signal);
      try {
        await sleep(waitMs, wait.signal);
      } finally {
        wait.dispose();
      }
    }
  }

  #startProbe(bucket: string): () => void {
    let release!: () => void;
    const probe = new Promise<void>((resolve) => {
      release = () => {
        this.#probed.add(bucket);
        this.#probes.delete(bucket);
        resolve();
      };
    });
    this.#probes.set(bucket, probe);
    return release;
  }
}

function noop() {}
