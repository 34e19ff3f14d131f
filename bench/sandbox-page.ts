/**
 * sandbox.pageLoadMs and sandbox.render10kMs: the sandbox page in Debian's Chromium (as its browser
 * test opens it). pageLoadMs: from navigation to the page drawn with its state, on an empty sandbox
 * (the median of 5 loads). render10kMs: the same with 10,000 messages in the sandbox (the median of 3).
 * newMessage10kMs: with those 10,000 shown, from sending a customer's message by the form to seeing
 * it in its column: the page stays responsive. Undefined when Chromium is missing.
 */
import { startSandboxPage } from '../src/sandbox-page/index.js';
import { createSandbox } from '../src/testing/sandbox.js';
import { chromiumUnusable, launchChromium } from '../test/support/chromium.js';

const MESSAGES = 10_000;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchSandboxPage(): Promise<{ pageLoadMs: number; render10kMs: number; newMessage10kMs: number } | undefined> {
  if (chromiumUnusable()) return undefined;
  const browser = await launchChromium();
  try {
    const load = async (url: string) => {
      const tab = await browser.context.newPage();
      const started = performance.now();
      await tab.goto(url);
      await tab.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      return { tab, ms: performance.now() - started };
    };

    const empty = await startSandboxPage();
    const loads: number[] = [];
    for (let run = 0; run < 5; run++) {
      const { tab, ms } = await load(empty.url);
      loads.push(ms);
      await tab.close();
    }
    await empty.close();

    // 10,000 messages: mentions from 1,000 customers on X, comments on the Page, forum topics.
    const sandbox = await createSandbox();
    const launch = sandbox.facebook.emulator.post({ message: 'Our spring collection is out!' });
    for (let index = 0; index < MESSAGES; index++) {
      const customer = `customer${index % 1000}`;
      if (index % 3 === 0) sandbox.twitter.emulator.mention({ from: customer, text: `question number ${index}` });
      else if (index % 3 === 1) sandbox.facebook.emulator.comment({ from: { id: String(7_000_000_000 + (index % 1000)), name: customer }, message: `question number ${index}`, on: launch });
      else sandbox.discourse.emulator.topic({ by: customer, title: `A question, number ${index}`, raw: `question number ${index}, asked in the forum` });
    }
    const full = await startSandboxPage({ sandbox });
    const renders: number[] = [];
    let newMessage10kMs = 0;
    for (let run = 0; run < 3; run++) {
      const { tab, ms } = await load(full.url);
      renders.push(ms);
      if (run === 2) {
        await tab.getByLabel('Text', { exact: true }).fill('is anyone there?');
        const started = performance.now();
        await tab.getByRole('button', { name: 'Send as the customer' }).click();
        await tab.locator('section.platform[data-platform="twitter"] .message', { hasText: 'is anyone there?' }).waitFor({ timeout: 60_000 });
        newMessage10kMs = performance.now() - started;
      }
      await tab.close();
    }
    await full.close();
    await sandbox.close();
    return { pageLoadMs: median(loads), render10kMs: median(renders), newMessage10kMs };
  } finally {
    await browser.close();
  }
}
