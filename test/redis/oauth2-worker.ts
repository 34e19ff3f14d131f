/**
 * One worker process of the OAuth 2.0 fleet (test/redis/oauth2-fleet.ts, run with tsx through
 * child_process.fork): an X channel with a managed grant (`twitter({ oauth2 })`) on one RedisStore
 * shared with the other workers, answering every mention listen() gives it until the parent says 'stop'.
 *
 * argv[2] is the job as JSON. The grant comes afterwards, in the parent's `{ grant }` message, so its
 * first token starts living when every worker is up. Every worker is built from the same grant, as
 * replicas of one service are built from the same configuration.
 */
import { RedisStore } from '../../src/redis/index.js';
import { twitter } from '../../src/twitter/index.js';

export interface OAuth2WorkerJob {
  redisUrl: string;
  /** The X emulator's base URL (its token endpoint is `<baseUrl>/2/oauth2/token`). */
  baseUrl: string;
  userId: string;
  /** Mentions from then on are listened to. */
  since: string;
}

/** The grant as the parent hands it over IPC (a Date does not survive JSON). */
export interface OAuth2WorkerGrant {
  clientId: string;
  refreshToken: string;
  accessToken: string;
  expiresAt: string;
}

export type OAuth2WorkerReport =
  | { ready: true }
  | { handled: string }
  | { refreshed: true }
  | { failed: string }
  /** Each time this process sends the API an access token it had not sent before: how many so far (never the token). */
  | { accessTokens: number }
  | { done: true };

const job = JSON.parse(process.argv[2]!) as OAuth2WorkerJob;
const report = (message: OAuth2WorkerReport) => process.send?.(message);
const store = new RedisStore({ url: job.redisUrl });
const controller = new AbortController();
const bearers = new Set<string>();

/** Notes the bearer of each API request: the proof that this process moved to every new token. */
const noteBearer: typeof fetch = (input, init) => {
  const headers = input instanceof Request ? input.headers : new Headers(init?.headers);
  const authorization = headers.get('authorization');
  if (authorization?.startsWith('Bearer ') && !bearers.has(authorization)) {
    bearers.add(authorization);
    report({ accessTokens: bearers.size });
  }
  return fetch(input, init);
};

function grantFromParent(): Promise<OAuth2WorkerGrant> {
  return new Promise((resolve) =>
    process.on('message', (message: unknown) => {
      if (message === 'stop') controller.abort();
      else if (typeof message === 'object' && message !== null && 'grant' in message) resolve((message as { grant: OAuth2WorkerGrant }).grant);
    }),
  );
}

async function answerMentions(grant: OAuth2WorkerGrant): Promise<void> {
  const channel = twitter({
    oauth2: { clientId: grant.clientId, refreshToken: grant.refreshToken, accessToken: grant.accessToken, expiresAt: new Date(grant.expiresAt) },
    userId: job.userId,
    baseUrl: job.baseUrl,
    store,
    pollIntervalMs: 50,
    directMessages: false,
    fetch: noteBearer,
  });
  channel.on('tokens', () => report({ refreshed: true }));
  channel.on('error', (error) => report({ failed: `${error.name}: ${error.message}` }));
  try {
    for await (const message of channel.listen({ signal: controller.signal, leaseMs: 2000, since: new Date(job.since) })) {
      await channel.reply(message, { text: `answer to ${message.id}` });
      report({ handled: message.id });
    }
  } finally {
    await channel.close();
  }
}

try {
  const grant = grantFromParent();
  await store.connect();
  report({ ready: true });
  await answerMentions(await grant);
  report({ done: true });
} catch (error) {
  report({ failed: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  process.exitCode = 1;
} finally {
  await store.close();
  process.disconnect?.();
}
