/**
 * Credentials that last, across processes: four worker PROCESSES run one X channel with a managed
 * OAuth 2.0 grant on one RedisStore (a real redis-server) while its access tokens run out three times.
 * X rotates the refresh token on every refresh and refuses a used one, so a second refresh in the same
 * lifetime either spends a token another worker is about to send (refused) or shows up as one refresh
 * too many. Expiry runs on real time (the processes share no fake clock): each token is used for
 * 3 s, then it has less than the channel's 60 s margin left.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerThroughExpiries } from './oauth2-fleet.js';
import { redisAvailable, startRedisServer, type RedisServer } from './redis-server.js';

const WORKERS = 4;
const EXPIRIES = 3;
const FRESH_WINDOW_MS = 3_000;

describe.runIf(redisAvailable())('four worker processes on one X oauth2 grant and one RedisStore', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('through three expiries: exactly one refresh per expiry, no refused refresh token, every mention answered once', async () => {
    const run = await answerThroughExpiries({ redisUrl: redis.url, workers: WORKERS, expiries: EXPIRIES, freshWindowMs: FRESH_WINDOW_MS, mentionEveryMs: 100 });

    expect(run.workers.map((worker) => worker.failures)).toEqual(Array(WORKERS).fill([]));
    expect(run.workers.map((worker) => worker.exit)).toEqual(Array(WORKERS).fill(0));
    // One refresh per lifetime: three in all, each only once the tokens it replaced had had their time.
    expect(run.refreshes).toBe(EXPIRIES);
    expect(run.refreshAfterIssueMs).toHaveLength(EXPIRIES);
    for (const afterIssue of run.refreshAfterIssueMs) expect(afterIssue).toBeGreaterThanOrEqual(FRESH_WINDOW_MS);
    expect(run.refused).toBe(0);
    expect(run.unauthorized).toBe(0); // every refresh came before X saw an expired token
    // The refreshing worker's 'tokens' events add up to the refreshes; every worker sent each of the four access tokens.
    expect(run.workers.reduce((sum, worker) => sum + worker.refreshes, 0)).toBe(EXPIRIES);
    expect(run.workers.map((worker) => worker.accessTokens)).toEqual(Array(WORKERS).fill(EXPIRIES + 1));

    // Mentions kept coming in every lifetime (the three that ended and the fourth), and each has exactly one reply.
    const lifetimes = [run.grantedAt, ...run.refreshedAt, Infinity];
    for (let lifetime = 0; lifetime <= EXPIRIES; lifetime++) {
      const within = run.mentions.filter((mention) => mention.at >= lifetimes[lifetime]! && mention.at < lifetimes[lifetime + 1]!);
      expect(within.length, `mentions in lifetime ${lifetime + 1}`).toBeGreaterThan(0);
    }
    const ids = run.mentions.map((mention) => mention.id);
    expect(ids.filter((id) => run.replies.get(id) !== 1)).toEqual([]);
    const handled = run.workers.flatMap((worker) => worker.handled);
    expect([...handled].sort()).toEqual([...ids].sort()); // each handled by one worker, once
  }, 60_000);
});
