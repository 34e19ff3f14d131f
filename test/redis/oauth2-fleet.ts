/**
 * Worker processes (test/redis/oauth2-worker.ts under tsx) sharing one X channel with a managed OAuth 2.0
 * grant through one RedisStore, while the X emulator, served on 127.0.0.1 from this process, lets its
 * access tokens run out. Used by test/redis/oauth2-workers.test.ts and bench/auth.ts.
 *
 * Expiry runs on real time, since the processes share it. A channel refreshes a token that has less
 * than 60 s left, so the emulator's tokens live 60 s plus `freshWindowMs`: each is used for
 * `freshWindowMs`, then its lifetime is over for the channel and one refresh is due.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serveEmulators } from '../../src/testing/serve-emulators.js';
import { TwitterEmulator, TWITTER_BUCKETS } from '../../src/testing/twitter/index.js';
import type { OAuth2WorkerGrant, OAuth2WorkerJob, OAuth2WorkerReport } from './oauth2-worker.js';

const WORKER = fileURLToPath(new URL('./oauth2-worker.ts', import.meta.url));
/** The channel's margin: it refreshes a token with less than this left. */
const REFRESH_MARGIN_MS = 60_000;
const OPEN = { limit: 1_000_000, windowMs: 900_000 };

export interface ExpiryRunOptions {
  redisUrl: string;
  workers: number;
  /** The run ends once this many token lifetimes have ended (and every mention is answered). */
  expiries: number;
  /** How long each token is used before the channel must refresh it. */
  freshWindowMs: number;
  /** A customer mentions the bot this often, from the grant until the last expiry; then five more at once. */
  mentionEveryMs: number;
}

export interface ExpiryRun {
  /** Refresh grants the emulator answered with new tokens. */
  refreshes: number;
  /** Refresh grants it refused (a refresh token sent twice, or unknown). */
  refused: number;
  /**
   * For each refresh, how long after the tokens it replaced were issued it reached the emulator
   * (for the first, after the grant). A refresh before `freshWindowMs` would be a second one in a lifetime.
   */
  refreshAfterIssueMs: number[];
  /** API requests X refused with 401 (an expired token sent). */
  unauthorized: number;
  /** Mention ids, in the order they were posted, and when. */
  mentions: Array<{ id: string; at: number }>;
  /** When the emulator issued the grant, and when each refresh reached it (epoch ms). */
  grantedAt: number;
  refreshedAt: number[];
  /** Replies per mention id, counted on the emulator. */
  replies: Map<string, number>;
  /** Per worker: the mentions it answered, the refreshes it made, the access tokens it sent, its failures. */
  workers: Array<{ handled: string[]; refreshes: number; accessTokens: number; failures: string[]; exit: number | string }>;
  /** From the grant until the last worker stopped. */
  elapsedMs: number;
}

interface WorkerProcess {
  child: ChildProcess;
  reports: OAuth2WorkerReport[];
  exited: Promise<number | string>;
}

function forkWorker(job: OAuth2WorkerJob): WorkerProcess {
  const child = fork(WORKER, [JSON.stringify(job)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const worker: WorkerProcess = {
    child,
    reports: [],
    exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1))),
  };
  child.on('message', (report: OAuth2WorkerReport) => worker.reports.push(report));
  // A message to a worker that has just failed and left (EPIPE): its failure is already in its reports.
  child.on('error', (error) => worker.reports.push({ failed: `IPC: ${error.message}` }));
  return worker;
}

/** Resolves once `condition()` holds; rejects after `timeoutMs` with `what` (a hung run fails, it does not hang). */
async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function answerThroughExpiries(options: ExpiryRunOptions): Promise<ExpiryRun> {
  const tokenLifetimeMs = REFRESH_MARGIN_MS + options.freshWindowMs;
  const emulator = new TwitterEmulator({
    tokenLifetimeMs,
    limits: { [TWITTER_BUCKETS.mentions]: OPEN, [TWITTER_BUCKETS.createTweet]: OPEN, [TWITTER_BUCKETS.createTweetDaily]: OPEN },
  });
  const server = await serveEmulators({ twitter: emulator });
  const job: OAuth2WorkerJob = { redisUrl: options.redisUrl, baseUrl: server.baseUrl('twitter'), userId: emulator.self.id, since: new Date(Date.now() - 1000).toISOString() };
  const fleet = Array.from({ length: options.workers }, () => forkWorker(job));
  const mentions: Array<{ id: string; at: number }> = [];
  let stream: ReturnType<typeof setInterval> | undefined;
  try {
    const failures = () => fleet.flatMap((worker) => worker.reports.flatMap((report) => ('failed' in report ? [report.failed] : [])));
    const startMs = 30_000 + options.workers * 5_000; // tsx start-up on a loaded 2-core machine
    await until(() => fleet.every((worker) => worker.reports.some((report) => 'ready' in report)) || failures().length > 0, startMs, 'the workers to connect to Redis');
    if (failures().length > 0) throw new Error(`a worker failed: ${failures().join('; ')}`);

    const grant = emulator.authorizeOAuth2();
    const handed: OAuth2WorkerGrant = { clientId: grant.clientId, refreshToken: grant.refreshToken, accessToken: grant.accessToken, expiresAt: grant.expiresAt.toISOString() };
    const grantedAt = grant.expiresAt.getTime() - tokenLifetimeMs; // when the emulator issued it
    for (const worker of fleet) worker.child.send({ grant: handed });
    const mention = () => mentions.push({ id: emulator.mention({ from: 'customer', text: `question ${mentions.length + 1}` }).id, at: Date.now() });
    stream = setInterval(mention, options.mentionEveryMs);

    const lifetimesMs = (options.expiries + 2) * options.freshWindowMs + 20_000;
    await until(() => emulator.oauth2.refreshes >= options.expiries || failures().length > 0, lifetimesMs, `${options.expiries} refreshes`);
    clearInterval(stream);
    for (let index = 0; index < 5; index++) mention(); // and a few for the tokens of the last refresh
    const replies = () => {
      const counts = new Map<string, number>();
      for (const tweet of emulator.postsBy(emulator.self.id)) {
        const parent = tweet.referenced_tweets?.find((reference) => reference.type === 'replied_to')?.id;
        if (parent !== undefined) counts.set(parent, (counts.get(parent) ?? 0) + 1);
      }
      return counts;
    };
    await until(() => mentions.every((mention) => replies().has(mention.id)) || failures().length > 0, 20_000, 'a reply to every mention');
    // Every worker polls on its own: wait until each has sent the newest token (or the run fails on the count).
    const tokensSent = (worker: WorkerProcess) => Math.max(0, ...worker.reports.map((report) => ('accessTokens' in report ? report.accessTokens : 0)));
    await until(() => fleet.every((worker) => tokensSent(worker) > options.expiries) || failures().length > 0, 10_000, 'every worker to send the newest token');

    for (const worker of fleet) if (worker.child.connected) worker.child.send('stop');
    const exits = await Promise.all(fleet.map((worker) => worker.exited));
    const elapsedMs = Date.now() - grantedAt;

    const tokenRequests = emulator.requests.filter((request) => request.method === 'POST' && request.path === '/2/oauth2/token');
    const granted = tokenRequests.filter((request) => request.status === 200).map((request) => request.at);
    return {
      refreshes: emulator.oauth2.refreshes,
      refused: emulator.oauth2.refused,
      refreshAfterIssueMs: granted.map((at, index) => at - (index === 0 ? grantedAt : granted[index - 1]!)),
      unauthorized: emulator.requests.filter((request) => request.status === 401).length,
      mentions,
      grantedAt,
      refreshedAt: granted,
      replies: replies(),
      workers: fleet.map((worker, index) => ({
        handled: worker.reports.flatMap((report) => ('handled' in report ? [report.handled] : [])),
        refreshes: worker.reports.filter((report) => 'refreshed' in report).length,
        accessTokens: tokensSent(worker),
        failures: worker.reports.flatMap((report) => ('failed' in report ? [report.failed] : [])),
        exit: exits[index]!,
      })),
      elapsedMs,
    };
  } finally {
    clearInterval(stream);
    for (const worker of fleet) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    await server.close();
  }
}
