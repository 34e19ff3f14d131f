/**
 * The default store: one process, in memory. Keys with a TTL expire lazily on read and in a sweep
 * every few thousand writes, so a long-running listener keeps a bounded heap.
 */
import type { RateLimitState, Store } from './channel.js';
import { mergeBucket, takeFromBucket, type BucketRecord } from './bucket.js';

interface Entry {
  value: string;
  expiresAt?: number;
}

const SWEEP_EVERY_WRITES = 4096;

export class MemoryStore implements Store {
  readonly local = true;
  readonly #entries = new Map<string, Entry>();
  readonly #buckets = new Map<string, BucketRecord>();
  #writes = 0;

  async get(key: string): Promise<string | undefined> {
    return this.#read(key);
  }

  async set(key: string, value: string, options?: { ttlMs?: number }): Promise<void> {
    this.#write(key, value, options?.ttlMs);
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  // Every operation runs to completion without awaiting, so each is atomic within the process.
  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (this.#read(key) !== undefined) return false;
    this.#write(key, '1', ttlMs);
    return true;
  }

  async take(bucket: string, cost: number, state?: RateLimitState): Promise<{ ok: boolean; waitMs: number }> {
    const now = Date.now();
    const merged = mergeBucket(this.#buckets.get(bucket) ?? {}, state, now);
    const { bucket: next, result } = takeFromBucket(merged, cost, now);
    this.#buckets.set(bucket, next);
    return result;
  }

  async close(): Promise<void> {
    this.#entries.clear();
    this.#buckets.clear();
  }

  #read(key: string): string | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  #write(key: string, value: string, ttlMs: number | undefined): void {
    const entry: Entry = { value };
    if (ttlMs !== undefined) entry.expiresAt = Date.now() + ttlMs;
    this.#entries.delete(key); // re-insert so iteration order follows write time
    this.#entries.set(key, entry);
    if (++this.#writes % SWEEP_EVERY_WRITES === 0) this.#sweep();
  }

  #sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.#entries.delete(key);
    }
  }
}
