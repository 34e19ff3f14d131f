/**
 * Getting an ioredis client: loaded lazily (ioredis is an optional peer dependency, so importing
 * `everywhere/redis` costs nothing until a store is used), connected once, and every failure to
 * reach Redis turned into a typed NetworkError that names host and port but never the password.
 */
import type { Redis, RedisOptions } from 'ioredis';
import { NetworkError, type ChannelErrorOptions } from '../core/errors.js';

/** The default server: a local Redis on its standard port (https://redis.io/docs/latest/operate/oss_and_stack/management/config/). */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

// Fail fast while Redis is away instead of queueing: a send must not wait unbounded, nor bypass
// the shared quota, and listen() pauses and retries by itself (ioredis options:
// https://github.com/redis/ioredis/blob/main/lib/redis/RedisOptions.ts).
const CLIENT_OPTIONS: RedisOptions = {
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  connectTimeout: 5_000,
  // Keep reconnecting in the background, at most every 2 s, so the store recovers when Redis is back.
  retryStrategy: (attempt: number) => Math.min(100 * attempt, 2_000),
};

/** Where the store talks to, for error messages: host and port only. */
export interface RedisAddress {
  host: string;
  port: number;
  /** Secrets found in the URL (password, user), scrubbed from every error. */
  secrets: string[];
}

export function addressOfUrl(url: string): RedisAddress {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Never echo the URL: it may hold a password.
    throw new TypeError("RedisStore(): option 'url' is invalid: expected a URL like redis://127.0.0.1:6379/0");
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new TypeError("RedisStore(): option 'url' is invalid: expected the redis: or rediss: scheme");
  }
  const secrets = [decodeURIComponent(parsed.password), parsed.password, decodeURIComponent(parsed.username)].filter((value) => value.length >= 3);
  return { host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || 6379), secrets };
}

export function addressOfClient(client: Redis): RedisAddress {
  const options = client.options ?? {};
  const secrets = [options.password].filter((value): value is string => typeof value === 'string' && value.length >= 3);
  return { host: options.host ?? '127.0.0.1', port: options.port ?? 6379, secrets };
}

export function errorOptions(address: RedisAddress, cause?: unknown): ChannelErrorOptions {
  return { platform: 'redis', channel: 'store', secrets: address.secrets, ...(cause !== undefined ? { cause } : {}) };
}

/** A failure to reach Redis, as the typed error the rest of the package understands. */
export function unreachable(address: RedisAddress, cause: unknown, when: 'connect' | 'command'): NetworkError {
  const reason = describeCause(cause);
  const what = when === 'connect' ? `cannot connect to Redis at ${address.host}:${address.port}` : `Redis at ${address.host}:${address.port} is unreachable`;
  return new NetworkError(`${what} (${reason})`, errorOptions(address, cause));
}

/** An answer from Redis itself (a script error, a wrong type): not a network failure. */
export function isReplyError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ReplyError';
}

/** Load ioredis, create a client for `url` and wait until it is ready. */
export async function connect(url: string, address: RedisAddress): Promise<Redis> {
  let RedisClass: typeof Redis;
  try {
    const imported = (await import('ioredis')) as unknown as { Redis?: typeof Redis; default?: typeof Redis };
    RedisClass = (imported.Redis ?? imported.default)!;
  } catch (cause) {
    throw new Error("RedisStore needs the 'ioredis' package: install it with `npm install ioredis`", { cause });
  }
  const client = new RedisClass(url, CLIENT_OPTIONS);
  let lastError: unknown;
  // Without a listener ioredis prints every failed reconnect; the store reports failures itself.
  client.on('error', (error: unknown) => (lastError = error));
  try {
    await client.connect();
    return client;
  } catch (cause) {
    client.disconnect();
    throw unreachable(address, lastError ?? cause, 'connect');
  }
}

function describeCause(cause: unknown): string {
  const code = (cause as { code?: unknown })?.code;
  if (typeof code === 'string') return code;
  if (cause instanceof Error) return cause.message;
  return String(cause);
}
