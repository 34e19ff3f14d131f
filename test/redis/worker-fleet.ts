/**
 * Starting worker processes (test/redis/worker.ts under tsx) and running the shared-quota send job
 * across them; used by the multi-worker tests and by bench/scale.ts.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RedisStore } from '../../src/redis/index.js';
import { fakeChannel } from '../support/fake-channel.js';
import { FAKE_SELF, type FakePlatform } from '../support/fake-platform.js';
import type { WorkerJob, WorkerReport } from './worker.js';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  reports: WorkerReport[];
  /** Message ids this worker answered. */
  handled: string[];
  /** Resolves with the exit code (or the signal that ended it). */
  exited: Promise<number | string>;
}

export function forkWorker(job: WorkerJob, onReport?: (report: WorkerReport) => void): WorkerProcess {
  const child = fork(WORKER, [JSON.stringify(job)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const worker: WorkerProcess = {
    child,
    reports: [],
    handled: [],
    exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1))),
  };
  child.on('message', (report: WorkerReport) => {
    worker.reports.push(report);
    if ('handled' in report) worker.handled.push(report.handled);
    onReport?.(report);
  });
  return worker;
}

export interface SendJobResult {
  /** From the moment every worker was told to go until the emulator applied the last reply. */
  elapsedMs: number;
  /** The least time the quota allows for the same replies: until the last window they need opens. */
  idealMs: number;
  replies: number;
  exitCodes: Array<number | string>;
}

/**
 * `workers` processes answer `total` job ids between them through one channel and one RedisStore,
 * while the emulator allows `limit` replies per `windowMs`.
 */
export async function sendAcrossWorkers(options: {
  redisUrl: string;
  baseUrl: string;
  emulator: FakePlatform;
  workers: number;
  total: number;
  limit: number;
  windowMs: number;
  prefix: string;
}): Promise<SendJobResult> {
  const jobs = Array.from({ length: options.total }, (_, index) => `${options.prefix}-${index}`);
  const fleet: WorkerProcess[] = [];
  let ready = 0;
  const everyoneReady = new Promise<void>((resolve) => {
    const onReport = (report: WorkerReport) => 'ready' in report && ++ready === options.workers && resolve();
    fleet.push(
      ...Array.from({ length: options.workers }, (_, worker) =>
        forkWorker(
          { redisUrl: options.redisUrl, baseUrl: options.baseUrl, mode: 'send', jobs: jobs.filter((_, index) => index % options.workers === worker) },
          onReport,
        ),
      ),
    );
  });
  await everyoneReady;
  await warmUp(options.redisUrl, options.baseUrl, options.prefix);
  // Start on a fresh window, so the ideal is whole windows.
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
  const start = Date.now();
  for (const worker of fleet) worker.child.send('go');
  const exitCodes = await Promise.all(fleet.map((worker) => worker.exited));
  const replies = options.emulator.records
    .filter((record) => record.author === FAKE_SELF && record.parentId?.startsWith(`${options.prefix}-`))
    .map((record) => Date.parse(record.createdAt)) // when the platform applied it
    .filter((at) => at >= start);
  const last = replies.at(-1) ?? start;
  // The emulator opens windows on whole seconds; the last reply cannot come before the window that holds it opens.
  const windows = Math.ceil(options.total / options.limit);
  const idealMs = Math.floor(start / 1000) * 1000 + (windows - 1) * options.windowMs - start;
  return { elapsedMs: last - start, idealMs, replies: replies.length, exitCodes };
}

/**
 * One reply before the workers start, so the shared bucket knows its limit. Without it, cold
 * processes each send a first request into an unreported (open) bucket at the same moment and the
 * store cannot count them: a core quota gap reported in the issue 7 notes (bucket.ts, "probes").
 */
async function warmUp(redisUrl: string, baseUrl: string, prefix: string): Promise<void> {
  const store = new RedisStore({ url: redisUrl });
  const channel = fakeChannel({ baseUrl, store });
  try {
    const parent = { id: `${prefix}-warm-up`, channel: channel.id, platform: 'fake', kind: 'post' as const, threadId: 'w', author: { id: 'customer', isSelf: false }, text: '', attachments: [], createdAt: new Date(), raw: {} };
    await channel.reply(parent, { text: 'warm-up', idempotencyKey: null });
  } finally {
    await channel.close();
    await store.close();
  }
}
