/**
 * A restart writes the customers again only once the restarted bot listens: a message written before a
 * channel's first poll is history and never answered. A bot that takes longer than the page's 5 s stop
 * timeout to start (a loaded machine, a slow first import) still answers every customer written again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SANDBOX_OPTIONS, sandboxBot } from '../../examples/sandbox-hub.js';
import { startSandboxPage, type SandboxPage } from '../../src/sandbox-page/index.js';
import { until } from '../conformance/helpers.js';
import { postJson } from './page-api.js';

const START_DELAY_MS = 6000;
let page: SandboxPage;

beforeAll(async () => {
  // The bot starts its channels 6 s after it is started, each time.
  const slowBot = async (sandbox: Parameters<typeof sandboxBot>[0], signal: AbortSignal) => {
    await new Promise((resolve) => setTimeout(resolve, START_DELAY_MS));
    if (!signal.aborted) await sandboxBot(sandbox, signal);
  };
  page = await startSandboxPage({ sandboxOptions: SANDBOX_OPTIONS, bot: slowBot });
});
afterAll(async () => {
  await page?.close();
});

const answers = () => page.sandbox.twitter.emulator.tweets.filter((tweet) => tweet.author_id === page.sandbox.twitter.emulator.self.id);

const WAIT_MS = 30_000;

it('a restarted bot that starts slowly answers the customers written again', async () => {
  await until(() => page.sandbox.twitter.emulator.requests.length > 0, WAIT_MS, 'the bot to poll X');
  expect((await postJson(page.url, '/api/customer', { platform: 'twitter', kind: 'mention', text: 'my parcel is late', customer: 'jane' })).status).toBe(201);
  await until(() => answers().length === 1, WAIT_MS, 'the first answer');

  const { status } = await postJson(page.url, '/api/restart', { upTo: 1 });
  expect(status).toBe(200);
  expect(page.sandbox.twitter.emulator.requests.length).toBeGreaterThan(0); // the customer wrote once the bot listened
  await until(() => answers().length === 1, WAIT_MS, 'the answer in the fresh sandbox');
  expect(answers()[0]!.text).toContain('Thanks');
}, 60_000);
