/**
 * memory.listenMiB: heap growth (after garbage collection) of a process whose listen() consumes
 * 1,000,000 mentions over real sockets from a sandbox running in another process (so the emulator's
 * own memory is not counted). Needs `node --expose-gc` (npm run bench sets it).
 */
import { fork } from 'node:child_process';
import { MemoryStore } from '../src/index.js';
import { twitter } from '../src/twitter/index.js';
import { heapAfterGc, MIB } from './heap.js';

export async function benchMemory(count = Number(process.env.BENCH_MESSAGES ?? 1_000_000)) {
  const start = new Date(Date.now() - count - 60_000);
  const child = fork(new URL('./firehose-sandbox.ts', import.meta.url), [String(count), String(start.getTime())], { execArgv: ['--import', 'tsx'] });
  try {
    const sandbox = await new Promise<{ baseUrl: string; accessToken: string; userId: string }>((resolve, reject) => {
      child.once('message', (message) => resolve(message as never));
      child.once('exit', (code) => reject(new Error(`the sandbox process exited with ${code}`)));
    });
    const channel = twitter({ ...sandbox, store: new MemoryStore(), pollIntervalMs: 1 });
    const before = heapAfterGc();
    let peak = before;
    let received = 0;
    const started = performance.now();
    for await (const message of channel.listen({ since: new Date(start.getTime() - 1000) })) {
      if (message.author.isSelf) throw new Error('own message delivered');
      received += 1;
      if (received % 100_000 === 0) peak = Math.max(peak, heapAfterGc());
      if (received === count) break;
    }
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, heapAfterGc());
    await channel.close();
    return { listenMiB: (peak - before) / MIB, messagesPerSecond: received / seconds, received };
  } finally {
    child.kill();
  }
}
