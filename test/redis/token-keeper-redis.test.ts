/**
 * The token keeper on a real redis-server: three keepers, each with its own RedisStore connection
 * (as three processes would have), refresh an expiring X grant once, through two expiries.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChannelContext } from '../../src/core/context.js';
import { createTokenKeeper } from '../../src/core/oauth2/token-keeper.js';
import { normalizeCommonOptions } from '../../src/core/options.js';
import { RedisStore } from '../../src/redis/index.js';
import { TwitterEmulator, twitterHandlers } from 'everywhere/testing';
import { redisAvailable, startRedisServer, type RedisServer } from './redis-server.js';

const ENCRYPTION_KEY = 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=';

describe.runIf(redisAvailable())('token keeper on RedisStore', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('three keepers on three connections: one refresh per expiry, no refresh token refused, the stored set sealed', async () => {
    // X's two-hour tokens; the clock (Date only: timers and Redis's own leases run in real time) jumps past each expiry.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    const emulator = new TwitterEmulator();
    const http = setupServer(...twitterHandlers(emulator));
    http.listen({ onUnhandledRequest: 'error' });
    const grant = emulator.authorizeOAuth2();
    const stores = [0, 1, 2].map(() => new RedisStore({ url: server.url, prefix: 'keeper-test:' }));
    try {
      const keepers = stores.map((store) =>
        createTokenKeeper({
          oauth2: { ...grant, tokenUrl: 'https://api.x.com/2/oauth2/token' },
          // Each keeper its own channel context on its own connection; the set lives under "twitter:1:oauth2:tokens".
          context: new ChannelContext('twitter:1', 'twitter', normalizeCommonOptions({ store }, { pollIntervalMs: 1000 })),
          encryptionKey: ENCRYPTION_KEY,
        }),
      );
      for (const expiry of [1, 2]) {
        vi.setSystemTime(Date.now() + 7_200_000);
        const tokens = await Promise.all(keepers.flatMap((keeper) => [keeper.accessToken(), keeper.accessToken()]));
        expect(new Set(tokens).size).toBe(1);
        expect(emulator.oauth2.refreshes).toBe(expiry);
      }
      expect(emulator.oauth2.refused).toBe(0);
      const stored = (await stores[0]!.get('twitter:1:oauth2:tokens'))!;
      expect(stored.startsWith('aes-gcm:')).toBe(true);
      expect(stored).not.toContain(grant.refreshToken);
    } finally {
      vi.useRealTimers();
      http.close();
      for (const store of stores) await store.close();
    }
  });
});
