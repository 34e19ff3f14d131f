/**
 * The sandbox page in a real browser (Debian's Chromium through playwright-core): write a mention as a
 * customer on X and see the demo bot's answer in the X column; inject a 429 storm and see it in the
 * request log while the bot still answers everyone once; use the form and the log by keyboard; save
 * the transcript, open it again. Makes docs/sandbox-page.png (when missing, or with
 * EVERYWHERE_UPDATE_SCREENSHOT=1) and the transcript that replay-transcript.test.ts replays.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SANDBOX_OPTIONS, sandboxBot } from '../../examples/sandbox-hub.js';
import { startSandboxPage, type SandboxPage } from '../../src/sandbox-page/index.js';
import { readTranscript } from '../../src/sandbox-page/transcript.js';
import { chromiumUnusable, launchChromium, type Chromium } from '../support/chromium.js';
import { realServerAvailable } from '../support/requires-real-server.js';

const SCREENSHOT = 'docs/sandbox-page.png';
export const BROWSER_TRANSCRIPT = 'test/sandbox-page/fixtures/browser-transcript.json';
const ANSWER_MS = 30_000;

const usable = realServerAvailable({
  server: 'Chromium',
  unusable: chromiumUnusable(),
  tests: 'the sandbox page in a browser (test/sandbox-page/sandbox-page-browser.test.ts)',
  fix: 'Install it: apt-get install -y chromium (.ci/run does).',
});

describe.runIf(usable)('the sandbox page in Chromium', () => {
  let page: SandboxPage;
  let browser: Chromium;
  let tab: Page;

  beforeAll(async () => {
    page = await startSandboxPage({ sandboxOptions: SANDBOX_OPTIONS, bot: sandboxBot });
    browser = await launchChromium();
    tab = await browser.context.newPage();
    await tab.goto(page.url);
    await tab.waitForSelector('body[data-ready="true"]');
  });
  afterAll(async () => {
    await browser?.close();
    await page?.close();
  });

  const xColumn = () => tab.locator('section.platform[data-platform="twitter"]');
  const botAnswersTo = (name: string) => xColumn().locator('.message.bot', { hasText: `Thanks ${name}!` });
  /** The bot's replies to `name` as X stores them: what "answered once" means. */
  const storedAnswers = (name: string) => page.sandbox.twitter.emulator.tweets.filter((tweet) => tweet.author_id === page.sandbox.twitter.emulator.self.id && tweet.text.includes(`Thanks ${name}!`)).length;

  async function writeMention(customer: string, text: string) {
    await tab.getByLabel('Platform', { exact: true }).selectOption('twitter');
    await tab.getByLabel('What', { exact: true }).selectOption('mention');
    await tab.getByLabel('Customer', { exact: true }).fill(customer);
    await tab.getByLabel('Text', { exact: true }).fill(text);
    // By keyboard: from the text to the button, then Enter.
    await tab.getByLabel('Text', { exact: true }).press('Tab');
    await tab.keyboard.press('Enter');
    await expect.poll(() => tab.locator('#form-result').textContent()).toContain(`as @${customer}`);
  }

  it('shows a customer mention and the bot answer in the X column, labelled in words', async () => {
    await writeMention('jane', 'my parcel is a week late, order #1182');
    await botAnswersTo('jane').waitFor({ timeout: ANSWER_MS });
    const thread = xColumn().locator('.thread', { hasText: 'order #1182' });
    await expect.poll(() => thread.locator('.message').allInnerTexts()).toEqual([
      expect.stringMatching(/^\[customer\] @jane · .+\n*@everywhere_bot my parcel is a week late, order #1182$/),
      expect.stringMatching(/^\[bot\] @everywhere_bot · .+\n*@jane Thanks jane! /),
    ]);
    expect(await thread.locator('time').first().getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('writes a review with stars by the form, and the bot answers it in the Google reviews column', async () => {
    await tab.getByLabel('Platform', { exact: true }).selectOption('google-business');
    await tab.getByLabel('Customer', { exact: true }).fill('Alex');
    await tab.getByLabel('2 stars').check();
    await tab.getByLabel('Text', { exact: true }).fill('Nice shop, but my order took two weeks.');
    await tab.getByRole('button', { name: 'Send as the customer' }).click();
    const column = tab.locator('section.platform[data-platform="google-business"]');
    await column.locator('.message.bot').waitFor({ timeout: ANSWER_MS });
    expect(await column.locator('.message.customer').innerText()).toContain('★★☆☆☆ (2 of 5 stars)');
  });

  it('shows a 429 storm in the request log while the bot still answers each customer once', async () => {
    await tab.getByLabel('On', { exact: true }).selectOption('twitter');
    await tab.getByRole('button', { name: '429 storm (3 s)' }).click();
    await expect.poll(() => tab.locator('#fault-result').textContent()).toContain('rate-limited');
    const customers = ['ann', 'bob', 'cy'];
    for (const name of customers) await writeMention(name, `is the shop open today? (${name})`);
    await tab.locator('#log tbody tr[data-platform="twitter"][data-status="429"]').first().waitFor({ timeout: ANSWER_MS });
    // X's own 429 (the bot polls other platforms at 250 ms too: Discourse's 60 a minute answers 429 as well).
    expect(await tab.locator('#log tbody tr[data-platform="twitter"][data-status="429"]').first().innerText()).toMatch(/429 \(error\)[\s\S]*x-rate-limit-remaining: 0/);
    for (const name of customers) await botAnswersTo(name).waitFor({ timeout: ANSWER_MS });
    // Once each, on the page and in what X stores, well after the storm: nobody answered twice.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const name of ['jane', ...customers]) {
      expect(await botAnswersTo(name).count()).toBe(1);
      expect(storedAnswers(name)).toBe(1);
    }
    if (!existsSync(SCREENSHOT) || process.env.EVERYWHERE_UPDATE_SCREENSHOT === '1') {
      mkdirSync('docs', { recursive: true });
      await tab.evaluate(() => {
        (document.activeElement as HTMLElement | null)?.blur();
        window.scrollTo(0, 0);
      });
      await tab.screenshot({ path: SCREENSHOT, fullPage: true });
    }
  });

  it('opens a request of the log by keyboard, with its answer JSON', async () => {
    // A 429 of its own, in the log shown for X only: the log shows the newest 200 rows, and with the bot polling
    // nine platforms every 250 ms the last test's 429s are gone from it after a few seconds (sooner on a slow run).
    await tab.locator('#log-platform').selectOption('twitter');
    await tab.getByLabel('On', { exact: true }).selectOption('twitter');
    await tab.getByRole('button', { name: '429 storm (3 s)' }).click();
    const first = tab.locator('#log tbody tr[data-platform="twitter"][data-status="429"] button').first();
    await first.waitFor({ timeout: ANSWER_MS });
    await first.focus();
    await tab.keyboard.press('Enter');
    const dialog = tab.locator('#request-dialog');
    await dialog.waitFor({ state: 'visible' });
    expect(await tab.locator('#answer-json').innerText()).toContain('"title": "Too Many Requests"');
    expect(await tab.locator('#request-json').innerText()).not.toContain(page.sandbox.twitter.options.accessToken);
    await tab.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await tab.locator('#log-platform').selectOption('');
  });

  it('saves the transcript and opens it again: a fresh sandbox where every customer is answered once more', async () => {
    const [download] = await Promise.all([tab.waitForEvent('download'), tab.getByRole('link', { name: 'Save the transcript (JSON)' }).click()]);
    const saved = readTranscript(readFileSync((await download.path())!, 'utf8'));
    const customers = saved.entries.filter((entry) => entry.by === 'customer' && entry.platform === 'twitter');
    expect(customers.map((entry) => entry.author)).toEqual(['@jane', '@ann', '@bob', '@cy']);
    expect(customers.every((entry) => entry.action?.platform === 'twitter' && entry.action.kind === 'mention')).toBe(true);
    expect(saved.entries.filter((entry) => entry.by === 'bot' && entry.platform === 'twitter')).toHaveLength(4);
    if (!existsSync(BROWSER_TRANSCRIPT) || process.env.EVERYWHERE_UPDATE_SCREENSHOT === '1') {
      mkdirSync('test/sandbox-page/fixtures', { recursive: true });
      writeFileSync(BROWSER_TRANSCRIPT, `${JSON.stringify(saved, null, 2)}\n`);
    }

    const before = page.sandbox;
    await tab.locator('#open-transcript').setInputFiles((await download.path())!);
    await expect.poll(() => tab.locator('#transcript-result').textContent(), { timeout: ANSWER_MS }).toContain('Opened: 5 customer messages written again');
    expect(page.sandbox).not.toBe(before);
    for (const name of ['jane', 'ann', 'bob', 'cy']) await botAnswersTo(name).waitFor({ timeout: ANSWER_MS });
    await tab.locator('section.platform[data-platform="google-business"] .message.bot').waitFor({ timeout: ANSWER_MS });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect([...page.sandbox.googleBusiness.emulator.reviews.values()].map((review) => [review.starRating, review.reply !== undefined])).toEqual([['TWO', true]]);
    for (const name of ['jane', 'ann', 'bob', 'cy']) {
      expect(await botAnswersTo(name).count()).toBe(1);
      expect(storedAnswers(name)).toBe(1);
    }
  }, 120_000);

  it('restarts from a message of the transcript: only the customers up to it write again', async () => {
    const first = tab.locator('#transcript li', { hasText: '@jane' }).first();
    await first.getByRole('button', { name: /^Restart from message \d+$/ }).click();
    await expect.poll(() => tab.locator('#transcript-result').textContent(), { timeout: ANSWER_MS }).toContain('Restarted: 1 customer messages written again');
    await botAnswersTo('jane').waitFor({ timeout: ANSWER_MS });
    expect(await xColumn().locator('.message.customer').allInnerTexts()).toEqual([expect.stringContaining('order #1182')]);
    expect(page.sandbox.twitter.emulator.tweets.filter((tweet) => tweet.author_id !== page.sandbox.twitter.emulator.self.id)).toHaveLength(1);
  }, 60_000);
});
