/**
 * Running many workers: every process builds the same channels on one RedisStore, so they share
 * each channel's quota and split its stream (each message is answered by one of them; a worker
 * that dies mid-message loses its lease and another takes the message over).
 *
 *   redis-server --port 6379 --bind 127.0.0.1 --save '' --appendonly no &
 *   npx tsx examples/multi-worker.ts          # the sandbox and 3 workers; REDIS_URL to use another Redis
 *
 * In production each worker is its own process or machine; here the parent forks them.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createHub } from 'everywhere';
import { RedisStore } from 'everywhere/redis';
import { createSandbox } from 'everywhere/testing';
import { twitter } from 'everywhere/twitter';
import { supportBot } from './support-bot.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const WORKERS = 3;

async function worker(twitterOptions: Parameters<typeof twitter>[0]): Promise<void> {
  const store = new RedisStore({ url: REDIS_URL, prefix: 'multi-worker-example:' });
  await store.connect(); // a wrong URL shows now, as a NetworkError naming host and port
  const hub = createHub([twitter({ ...twitterOptions, id: 'twitter:sandbox', store, pollIntervalMs: 500 })]);
  hub.on('error', (error, channelId) => console.error(`[worker ${process.pid}] ${channelId}: ${error.message}`));
  const controller = new AbortController();
  process.once('SIGTERM', () => controller.abort());
  await supportBot(hub, { signal: controller.signal, log: (line) => console.log(`[worker ${process.pid}] ${line}`) });
  await hub.close();
  await store.close();
}

async function main(): Promise<void> {
  const sandbox = await createSandbox();
  const workers = Array.from({ length: WORKERS }, () =>
    fork(fileURLToPath(import.meta.url), ['worker', JSON.stringify(sandbox.twitter.options)], { execArgv: ['--import', 'tsx'] }),
  );
  await new Promise((resolve) => setTimeout(resolve, 3_000)); // let the workers start listening
  for (let index = 1; index <= 9; index++) sandbox.twitter.emulator.mention({ from: `customer${index}`, text: `question ${index}: where is my order?` });
  await new Promise((resolve) => setTimeout(resolve, 8_000));
  for (const child of workers) child.kill('SIGTERM');
  await Promise.all(workers.map((child) => new Promise((resolve) => child.once('exit', resolve))));
  await sandbox.close();
}

if (process.argv[2] === 'worker') await worker(JSON.parse(process.argv[3]!));
else await main();
