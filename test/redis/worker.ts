/**
 * One worker process of the multi-worker tests and the scale bench (run with tsx through
 * child_process.fork). Its job comes as JSON in argv[2]:
 *   { mode: 'send', jobs: string[] }   once the parent says 'go', answer each job id once, up to 10 at a time, then exit
 *   { mode: 'listen', leaseMs }        answer every inbound message until the parent says 'stop'
 * It tells the parent what it did with process.send.
 */
import { RedisStore } from '../../src/redis/index.js';
import type { Message } from '../../src/index.js';
import { fakeChannel } from '../support/fake-channel.js';

export interface WorkerJob {
  redisUrl: string;
  baseUrl: string;
  mode: 'send' | 'listen';
  jobs?: string[];
  leaseMs?: number;
  since?: string;
  /** @default 'fake:bot' */
  channelId?: string;
}

export type WorkerReport = { ready: true } | { handled: string } | { sent: number } | { failed: string } | { done: true };

const job = JSON.parse(process.argv[2]!) as WorkerJob;
const report = (message: WorkerReport) => process.send?.(message);
const store = new RedisStore({ url: job.redisUrl });
const channel = fakeChannel({ baseUrl: job.baseUrl, store, pollIntervalMs: 50, ...(job.channelId ? { id: job.channelId } : {}) });
channel.on('error', (error) => report({ failed: `${error.name}: ${error.message}` }));

function parent(id: string): Message {
  return { id, channel: channel.id, platform: 'fake', kind: 'post', threadId: id, author: { id: 'customer', isSelf: false }, text: '', attachments: [], createdAt: new Date(), raw: {} };
}

/** Resolves when the parent says 'go', so every worker starts at once (the quota is measured from then). */
function go(): Promise<void> {
  return new Promise((resolve) => process.on('message', (message) => message === 'go' && resolve()));
}

async function send(jobs: string[]): Promise<void> {
  const started = go();
  report({ ready: true });
  await started;
  let next = 0;
  let sent = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const id = jobs[next++]!;
      await channel.reply(parent(id), { text: `answer to ${id}` });
      sent += 1;
    }
  };
  await Promise.all(Array.from({ length: 10 }, lane));
  report({ sent });
}

async function listen(): Promise<void> {
  const controller = new AbortController();
  process.on('message', (message) => {
    if (message === 'stop') controller.abort();
  });
  report({ ready: true });
  const since = job.since ? new Date(job.since) : undefined;
  for await (const message of channel.listen({ signal: controller.signal, leaseMs: job.leaseMs ?? 1000, ...(since ? { since } : {}) })) {
    await channel.reply(message, { text: `answer to ${message.id}` });
    report({ handled: message.id });
  }
}

try {
  await store.connect();
  if (job.mode === 'send') await send(job.jobs ?? []);
  else await listen();
  report({ done: true });
} catch (error) {
  report({ failed: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  process.exitCode = 1;
} finally {
  await channel.close();
  await store.close();
  process.disconnect?.();
}
