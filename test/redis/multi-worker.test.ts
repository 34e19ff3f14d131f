/**
 * Scaling out (the contract's delivery guarantees of listen() and its shared rate limits): worker PROCESSES sharing one
 * RedisStore on a real redis-server share the quota of one channel and split its stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveEmulators, type EmulatorServer } from '../../src/testing/serve-emulators.js';
import { FAKE_SELF, FakePlatform } from '../support/fake-platform.js';
import { redisAvailable, startRedisServer, type RedisServer } from './redis-server.js';
import { forkWorker, sendAcrossWorkers, type WorkerProcess } from './worker-fleet.js';

const WINDOW = { limit: 20, windowMs: 1_000 };

describe.runIf(redisAvailable())('many worker processes, one RedisStore', () => {
  let redis: RedisServer;
  let server: EmulatorServer;
  let emulator: FakePlatform;
  beforeAll(async () => {
    redis = await startRedisServer();
    emulator = new FakePlatform({ limits: { 'POST /messages': WINDOW } });
    server = await serveEmulators({ fake: emulator });
  });
  afterAll(async () => {
    await server?.close();
    await redis?.stop();
  });

  for (const workers of [2, 4]) {
    it(`${workers} workers send 200 replies within the shared quota: no 429, never more than 20 in a window`, async () => {
      emulator.limiter.reset();
      const result = await sendAcrossWorkers({ redisUrl: redis.url, baseUrl: server.baseUrl('fake'), emulator, workers, total: 200, ...WINDOW, prefix: `send${workers}` });
      expect(result.exitCodes).toEqual(Array(workers).fill(0));
      expect(result.replies).toBe(200);
      expect(emulator.limiter.refused).toBe(0);
      expect(emulator.limiter.maxInWindow).toBeLessThanOrEqual(20);
      expect(emulator.requests.filter((request) => request.status === 429)).toHaveLength(0);
    }, 60_000);
  }

  async function answerInbound(prefix: string, kill: boolean) {
    emulator.setLimit('POST /messages', undefined); // these tests are about splitting the stream, not the quota
    const inbound = () => emulator.records.filter((record) => record.author !== FAKE_SELF).length;
    const before = inbound();
    const since = new Date(Date.now() - 1000).toISOString();
    const ids = Array.from({ length: 1000 }, (_, index) => emulator.inbound(`${prefix} question ${index}`).id);
    let handled = 0;
    let killed: WorkerProcess | undefined;
    const fleet: WorkerProcess[] = [];
    for (let index = 0; index < 4; index++) {
      fleet.push(
        forkWorker({ redisUrl: redis.url, baseUrl: server.baseUrl('fake'), mode: 'listen', leaseMs: 1000, since, channelId: `inbox:${prefix}` }, (report) => {
          if (!('handled' in report)) return;
          handled += 1;
          if (kill && !killed && handled >= 500) {
            killed = fleet[0]!;
            killed.child.kill('SIGKILL'); // mid-message, most likely: its leases lapse and the others take over
          }
        }),
      );
    }
    const answered = () => {
      const counts = emulator.answerCounts();
      return ids.filter((id) => counts.has(id)).length;
    };
    await expect.poll(answered, { timeout: 90_000, interval: 200 }).toBe(1000);
    for (const worker of fleet) if (worker !== killed && worker.child.connected) worker.child.send('stop');
    await Promise.all(fleet.map((worker) => worker.exited));
    const counts = emulator.answerCounts();
    expect(ids.filter((id) => counts.get(id) !== 1)).toEqual([]); // each answered exactly once
    expect(inbound() - before).toBe(1000);
    return { fleet, killed };
  }

  it('1,000 inbound messages across 4 workers are each answered exactly once, and split between them', async () => {
    const { fleet } = await answerInbound('plain', false);
    const perWorker = fleet.map((worker) => worker.handled.length);
    expect(perWorker.every((count) => count > 0)).toBe(true); // the stream was split, not served by one
    expect(perWorker.reduce((sum, count) => sum + count, 0)).toBe(1000); // and nobody handled one twice
  }, 120_000);

  it('still exactly once when one worker is killed with SIGKILL halfway', async () => {
    const { killed, fleet } = await answerInbound('killed', true);
    expect(killed).toBeDefined();
    expect(await killed!.exited).toBe('SIGKILL');
    const survivors = fleet.filter((worker) => worker !== killed);
    expect(survivors.some((worker) => worker.handled.length > 0)).toBe(true);
  }, 120_000);
});
