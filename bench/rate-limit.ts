/**
 * rateLimit.*: 300 posts through the sandbox (a real 127.0.0.1 server) with a bucket of 50 per
 * 2-second window. Ours: one channel, 300 parallel sends. Naive: plain ky with its own retry, which
 * reads X's x-rate-limit-reset after a 429. Ideal = (⌈300 ÷ 50⌉ − 1) × 2 s = 10 s.
 */
import ky from 'ky';
import { TwitterEmulator, TWITTER_BUCKETS, serveEmulators } from '../src/testing/index.js';
import { twitter } from '../src/twitter/index.js';

const SENDS = 300;
const LIMIT = 50;
const WINDOW_MS = 2000;
const IDEAL_MS = (Math.ceil(SENDS / LIMIT) - 1) * WINDOW_MS;

async function sandbox() {
  const emulator = new TwitterEmulator({ limits: { [TWITTER_BUCKETS.createTweet]: { limit: LIMIT, windowMs: WINDOW_MS } } });
  const server = await serveEmulators({ twitter: emulator });
  return { emulator, server, baseUrl: server.baseUrl('twitter') };
}

// Windows open on whole seconds (as X reports resets in epoch seconds): start just after one, so the
// first window is a full one and the ideal is the real floor.
async function atSecondBoundary(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
}

const served429 = (emulator: TwitterEmulator) => emulator.requests.filter((request) => request.status === 429).length;

async function ours(): Promise<{ ratio: number; requests429: number }> {
  const { emulator, server, baseUrl } = await sandbox();
  const channel = twitter({ baseUrl, accessToken: emulator.accessToken, userId: emulator.self.id });
  await atSecondBoundary();
  const started = performance.now();
  await Promise.all(Array.from({ length: SENDS }, (_, index) => channel.send({ text: `Status update ${index}: all systems normal.` })));
  const elapsed = performance.now() - started;
  if (emulator.postsBy(emulator.self.id).length !== SENDS) throw new Error('not every post landed');
  const requests429 = served429(emulator);
  await channel.close();
  await server.close();
  return { ratio: elapsed / IDEAL_MS, requests429 };
}

async function naive(): Promise<{ ratio: number; requests429: number }> {
  const { emulator, server, baseUrl } = await sandbox();
  const client = ky.create({
    prefixUrl: baseUrl,
    headers: { authorization: `Bearer ${emulator.accessToken}` },
    retry: { limit: 20, methods: ['post'], statusCodes: [429], afterStatusCodes: [429], maxRetryAfter: 60_000 },
    timeout: 120_000,
  });
  await atSecondBoundary();
  const started = performance.now();
  await Promise.all(Array.from({ length: SENDS }, (_, index) => client.post('2/tweets', { json: { text: `Status update ${index}: all systems normal.` } }).json()));
  const elapsed = performance.now() - started;
  const requests429 = served429(emulator);
  await server.close();
  return { ratio: elapsed / IDEAL_MS, requests429 };
}

export async function benchRateLimit() {
  const mine = await ours();
  const baseline = await naive();
  return { ratio: mine.ratio, requests429: mine.requests429, naiveRatio: baseline.ratio, naive429: baseline.requests429 };
}
