/**
 * RedisStore: the Store many processes share, so they share quota, cursors, claims and sent-once
 * keys. Plain keys are strings with PX expiry; `claim` is SET NX PX; `take` is one Lua script
 * (redis-scripts.ts) running the rules of src/core/bucket.ts atomically.
 */
import type { Redis } from 'ioredis';
import type { RateLimitState, Store } from '../core/channel.js';
import { addressOfClient, addressOfUrl, connect, DEFAULT_REDIS_URL, isReplyError, unreachable, type RedisAddress } from './redis-connection.js';
import { TAKE_SCRIPT, TAKE_SCRIPT_SHA } from './redis-scripts.js';

export interface RedisStoreOptions {
  /**
   * The server, e.g. `redis://127.0.0.1:6379/0` or `redis://:password@host:6379`. Ignored when `client` is given.
   * @default 'redis://127.0.0.1:6379'
   */
  url?: string;
  /**
   * An ioredis client of your own (its options, TLS, Sentinel). The store uses it as it is and
   * never closes it. Commands then wait or fail as that client's options say.
   */
  client?: Redis;
  /**
   * Put before every key, so several applications can share one Redis database.
   * @default 'everywhere:'
   */
  prefix?: string;
}

export class RedisStore implements Store {
  /** Other processes see this store: listen() keeps its per-message markers. */
  readonly local = false;
  readonly prefix: string;
  readonly #url: string;
  readonly #address: RedisAddress;
  readonly #ownClient: boolean;
  #client: Promise<Redis> | undefined;
  #closed = false;

  constructor(options: RedisStoreOptions = {}) {
    if (typeof options !== 'object' || options === null) throw new TypeError('RedisStore(): expected an options object');
    if (options.prefix !== undefined && typeof options.prefix !== 'string') {
      throw new TypeError("RedisStore(): option 'prefix' is invalid: expected a string");
    }
    if (options.url !== undefined && typeof options.url !== 'string') {
      throw new TypeError("RedisStore(): option 'url' is invalid: expected a string");
    }
    this.prefix = options.prefix ?? 'everywhere:';
    this.#url = options.url ?? DEFAULT_REDIS_URL;
    this.#ownClient = options.client === undefined;
    if (options.client) {
      this.#address = addressOfClient(options.client);
      this.#client = Promise.resolve(options.client);
    } else {
      this.#address = addressOfUrl(this.#url);
    }
  }

  /** Connect now rather than at the first operation, so a wrong URL shows at startup. */
  async connect(): Promise<void> {
    await this.#redis();
  }

  async get(key: string): Promise<string | undefined> {
    const value = await this.#run((redis) => redis.get(this.#key(key)));
    return value ?? undefined;
  }

  async set(key: string, value: string, options?: { ttlMs?: number }): Promise<void> {
    const ttlMs = options?.ttlMs;
    if (ttlMs === undefined) {
      await this.#run((redis) => redis.set(this.#key(key), value));
    } else if (ttlMs <= 0) {
      // Already expired, as MemoryStore treats it; Redis refuses PX 0.
      await this.#run((redis) => redis.del(this.#key(key)));
    } else {
      await this.#run((redis) => redis.set(this.#key(key), value, 'PX', Math.ceil(ttlMs)));
    }
  }

  async delete(key: string): Promise<void> {
    await this.#run((redis) => redis.del(this.#key(key)));
  }

  /** SET NX PX: exactly one caller gets the key until its lease lapses (https://redis.io/docs/latest/commands/set/). */
  async claim(key: string, ttlMs: number): Promise<boolean> {
    const answer = await this.#run((redis) => redis.set(this.#key(key), '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX'));
    return answer === 'OK';
  }

  async take(bucket: string, cost: number, state?: RateLimitState): Promise<{ ok: boolean; waitMs: number }> {
    const args = [
      String(cost),
      String(Date.now()),
      state ? '1' : '0',
      optional(state?.limit),
      optional(state?.remaining),
      optional(state?.resetAt?.getTime()),
    ];
    const key = `${this.prefix}bucket:${bucket}`;
    const answer = (await this.#run(async (redis) => {
      try {
        return await redis.evalsha(TAKE_SCRIPT_SHA, 1, key, ...args);
      } catch (error) {
        // First use on this server (or after SCRIPT FLUSH): send the script itself, which caches it.
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        return redis.eval(TAKE_SCRIPT, 1, key, ...args);
      }
    })) as [number, number];
    return { ok: answer[0] === 1, waitMs: answer[1] };
  }

  /** Quit the connection if this store opened it; a client passed in stays open. */
  async close(): Promise<void> {
    this.#closed = true;
    const pending = this.#client;
    this.#client = undefined;
    if (!pending || !this.#ownClient) return;
    const client = await pending.catch(() => undefined);
    if (!client) return;
    try {
      await client.quit();
    } catch {
      client.disconnect();
    }
  }

  #key(key: string): string {
    return this.prefix + key;
  }

  #redis(): Promise<Redis> {
    if (this.#closed) return Promise.reject(new Error('RedisStore is closed'));
    if (!this.#client) {
      const pending = connect(this.#url, this.#address);
      // A failed first connection is not kept: the next operation tries again.
      pending.catch(() => {
        if (this.#client === pending) this.#client = undefined;
      });
      this.#client = pending;
    }
    return this.#client;
  }

  async #run<T>(operation: (redis: Redis) => Promise<T>): Promise<T> {
    const redis = await this.#redis();
    try {
      return await operation(redis);
    } catch (error) {
      if (isReplyError(error)) throw error;
      throw unreachable(this.#address, error, 'command');
    }
  }
}

function optional(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}
