/**
 * Redis lost mid-run (issue 7 "Bad input"): the hub's listen pauses, reports a NetworkError with
 * the channel id, and resumes when Redis is back; a send meanwhile fails with a typed error rather
 * than bypassing the shared quota.
 */
import { describe, expect, it } from 'vitest';
import { NetworkError } from '../../src/index.js';
import { createHub } from '../../src/core/hub.js';
import { RedisStore } from '../../src/redis/index.js';
import { fakeChannel } from '../support/fake-channel.js';
import { FakePlatform } from '../support/fake-platform.js';
import { redisAvailable, startRedisServer } from './redis-server.js';

describe.runIf(redisAvailable())('the hub over RedisStore when Redis goes away', () => {
  it('listen pauses while Redis is down and resumes when it is back; nothing is lost', async () => {
    const redis = await startRedisServer();
    const store = new RedisStore({ url: redis.url });
    const platform = new FakePlatform();
    const hub = createHub([fakeChannel({ platform, id: 'feed:one', store, pollIntervalMs: 10 })], { restart: { minDelayMs: 50, maxDelayMs: 200 } });
    const errors: Array<[unknown, string]> = [];
    hub.on('error', (error, channelId) => errors.push([error, channelId]));
    const since = new Date(Date.now() - 1000);
    const delivered = new Set<string>();
    try {
      platform.inbound('before');
      for await (const message of hub.listen({ since, leaseMs: 500 })) {
        delivered.add(message.text);
        if (message.text === 'before') {
          await redis.stop();
          platform.inbound('during'); // written while the store is away
          await expect.poll(() => errors.length, { timeout: 10_000 }).toBeGreaterThan(0);
          await redis.restart();
        }
        if (delivered.has('during')) break;
      }
      expect([...delivered]).toContain('during');
      const [error, channelId] = errors[0]!;
      expect(error).toBeInstanceOf(NetworkError);
      expect(channelId).toBe('feed:one');
    } finally {
      await hub.close();
      await store.close();
      await redis.stop();
    }
  });

  it('a send while Redis is down fails with NetworkError and sends nothing', async () => {
    const redis = await startRedisServer();
    const store = new RedisStore({ url: redis.url });
    // Nothing listens on the base URL: a request that got out would fail as a 'fake' NetworkError.
    const channel = fakeChannel({ baseUrl: 'http://127.0.0.1:9/fake', store });
    await store.connect();
    await redis.stop();
    const parent = { id: '1', channel: channel.id, platform: 'fake', kind: 'post' as const, threadId: '1', author: { id: 'c', isSelf: false }, text: '', attachments: [], createdAt: new Date(), raw: {} };
    const error = await channel.reply(parent, { text: 'hello', idempotencyKey: null }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ platform: 'redis', channel: 'store' }); // refused at the quota, before any request
    await channel.close();
    await store.close();
  });
});
