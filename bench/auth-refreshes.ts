/**
 * auth.refreshesPerExpiry: 4 worker processes run one X channel with a managed OAuth 2.0 grant on one
 * RedisStore (a real redis-server) while the X emulator's access tokens run out three times (the
 * fleet of test/redis/oauth2-workers.test.ts). The figure is the refresh requests X received (granted
 * and refused) ÷ the token lifetimes that ended; goal 1. A client that coordinates within its process
 * only (twitter-api-v2's refresher plugin) would send up to 4 per expiry here, 3 of them refused, since
 * X rotates the refresh token on every refresh. Needs redis-server on the PATH.
 */
import { hasRedisServer, startRedisServer } from '../test/redis/redis-server.js';
import { answerThroughExpiries, type ExpiryRun } from '../test/redis/oauth2-fleet.js';

const FRESH_WINDOW_MS = 3_000;
const EXPIRIES = 3;

export interface RefreshesResult {
  refreshesPerExpiry: number;
  expiries: number;
  refreshes: number;
  refused: number;
  unanswered: number;
}

/**
 * Lifetimes that ended, on the emulator's clock: a refresh opens the next lifetime when it comes at
 * least the fresh window after the one before (or the grant); one sooner is a second refresh in the same lifetime.
 */
function expiriesOf(run: ExpiryRun): number {
  let lifetimeStart = run.grantedAt;
  let expiries = 0;
  for (const at of run.refreshedAt) {
    if (at - lifetimeStart < FRESH_WINDOW_MS) continue;
    expiries += 1;
    lifetimeStart = at;
  }
  return expiries;
}

export async function benchRefreshes(): Promise<RefreshesResult | undefined> {
  if (!hasRedisServer()) return undefined; // the bench reports the figure as missing
  const redis = await startRedisServer();
  try {
    const run = await answerThroughExpiries({ redisUrl: redis.url, workers: 4, expiries: EXPIRIES, freshWindowMs: FRESH_WINDOW_MS, mentionEveryMs: 100 });
    // A refused refresh ends that worker's listen(): the figure still counts its refresh, and the table says why.
    const failures = run.workers.flatMap((worker) => worker.failures);
    if (failures.length > 0) console.log(`auth.refreshesPerExpiry: ${failures.length} worker failure(s): ${failures.join('; ')}`);
    const expiries = expiriesOf(run);
    return {
      refreshesPerExpiry: Math.round(((run.refreshes + run.refused) / expiries) * 1000) / 1000,
      expiries,
      refreshes: run.refreshes,
      refused: run.refused,
      unanswered: run.mentions.filter((mention) => run.replies.get(mention.id) !== 1).length,
    };
  } finally {
    await redis.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchRefreshes()));
}
