/**
 * RedisStore on a real redis-server: the shared store suite, then what only Redis has: the key
 * prefix, a client passed in, and failures to reach Redis as typed errors without the password.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError } from '../../src/index.js';
import { RedisStore } from '../../src/redis/index.js';
import { testStore } from 'everywhere/testing';
import { freePort, redisAvailable, startRedisServer, type RedisServer } from './redis-server.js';

describe.runIf(redisAvailable())('RedisStore on redis-server', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  testStore('RedisStore', () => new RedisStore({ url: server.url }), { describe, it });

  it('puts the prefix before every key, so two prefixes do not see each other', async () => {
    const first = new RedisStore({ url: server.url, prefix: 'app-one:' });
    const second = new RedisStore({ url: server.url, prefix: 'app-two:' });
    try {
      await first.set('shared-name', 'one');
      expect(await second.get('shared-name')).toBeUndefined();
      expect(await second.claim('shared-name', 10_000)).toBe(true);
      const { Redis } = await import('ioredis');
      const raw = new Redis(server.url);
      expect(await raw.get('app-one:shared-name')).toBe('one');
      expect(await raw.exists('app-one:bucket:b')).toBe(0);
      await first.take('b', 0, { bucket: 'b', limit: 5, remaining: 4, resetAt: new Date(Date.now() + 60_000) });
      expect(await raw.hgetall('app-one:bucket:b')).toMatchObject({ limit: '5', remaining: '4' });
      expect(await raw.pttl('app-one:bucket:b')).toBeGreaterThan(60 * 60 * 1000); // kept past its reset, then gone
      await raw.quit();
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('uses a client passed in and leaves it open on close()', async () => {
    const { Redis } = await import('ioredis');
    const client = new Redis(server.url);
    const store = new RedisStore({ client, prefix: 'own-client:' });
    await store.set('k', 'v');
    await store.close();
    expect(await client.get('own-client:k')).toBe('v');
    expect(client.status).toBe('ready');
    await client.quit();
  });

  it('Redis lost mid-run: operations fail with NetworkError, then work again when it is back', async () => {
    const own = await startRedisServer();
    const store = new RedisStore({ url: own.url });
    try {
      await store.set('k', 'v');
      await own.stop();
      const failure = await store.take('bucket', 1).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(NetworkError);
      expect((failure as NetworkError).message).toContain(`127.0.0.1:${own.port}`);
      await expect(store.claim('c', 1000)).rejects.toBeInstanceOf(NetworkError);
      await own.restart();
      await expect.poll(() => store.set('k', 'back').then(() => true, () => false), { timeout: 10_000, interval: 100 }).toBe(true);
      expect(await store.get('k')).toBe('back');
    } finally {
      await store.close();
      await own.stop();
    }
  });
});

describe('RedisStore without a server', () => {
  it('Redis unreachable at start: a NetworkError naming host and port, never the password', async () => {
    const port = await freePort(); // nothing listens there
    const password = 'hunter2-very-secret';
    const store = new RedisStore({ url: `redis://worker:${password}@127.0.0.1:${port}/0` });
    const error = await store.get('anything').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'network', platform: 'redis', channel: 'store' });
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    const everything = JSON.stringify(error) + String((error as Error).message) + JSON.stringify((error as Error).cause ?? null) + String((error as Error).cause);
    expect(everything).not.toContain(password);
    await store.close();
  });

  it('refuses a URL that is not redis: without echoing it', () => {
    expect(() => new RedisStore({ url: 'http://user:pw-secret-1@example.com' })).toThrow(TypeError);
    expect(() => new RedisStore({ url: 'http://user:pw-secret-1@example.com' })).not.toThrow(/pw-secret-1/);
  });
});
