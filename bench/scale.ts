/**
 * Scale figure for `npm run bench`: 4 worker processes share one channel's quota (20 replies per
 * 1 s window) through one RedisStore on a real redis-server and send 200 replies between them.
 * `workers4Ratio` = elapsed ÷ the least time the quota allows (goal ≤ 1.15); `duplicates` = replies
 * beyond one per job (goal 0). Needs redis-server on the PATH.
 */
import { serveEmulators } from '../src/testing/serve-emulators.js';
import { FakePlatform } from '../test/support/fake-platform.js';
import { hasRedisServer, startRedisServer } from '../test/redis/redis-server.js';
import { sendAcrossWorkers } from '../test/redis/worker-fleet.js';

export interface ScaleResult {
  workers4Ratio: number;
  duplicates: number;
  elapsedMs: number;
  idealMs: number;
  refused: number;
}

const WINDOW = { limit: 20, windowMs: 1_000 };
const TOTAL = 200;

export async function runScale(): Promise<ScaleResult | undefined> {
  if (!hasRedisServer()) return undefined; // the bench reports the figure as missing
  const redis = await startRedisServer();
  const emulator = new FakePlatform({ limits: { 'POST /messages': WINDOW } });
  const server = await serveEmulators({ fake: emulator });
  try {
    const result = await sendAcrossWorkers({ redisUrl: redis.url, baseUrl: server.baseUrl('fake'), emulator, workers: 4, total: TOTAL, ...WINDOW, prefix: 'scale' });
    const counts = emulator.answerCounts();
    let duplicates = 0;
    for (const [parent, count] of counts) if (parent.startsWith('scale-') && parent !== 'scale-warm-up') duplicates += count - 1;
    return {
      workers4Ratio: Math.round((result.elapsedMs / result.idealMs) * 1000) / 1000,
      duplicates,
      elapsedMs: result.elapsedMs,
      idealMs: result.idealMs,
      refused: emulator.limiter.refused,
    };
  } finally {
    await server.close();
    await redis.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runScale()));
}
