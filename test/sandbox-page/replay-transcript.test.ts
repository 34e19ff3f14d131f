/**
 * replayTranscript (everywhere/testing): a conversation saved from the sandbox page becomes a
 * regression test. The transcript here was saved by the browser test (sandbox-page-browser.test.ts).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { sandboxBot } from '../../examples/sandbox-hub.js';
import { createSandbox, replayTranscript, type Sandbox, type Transcript } from '../../src/testing/index.js';

const saved = JSON.parse(readFileSync(new URL('./fixtures/browser-transcript.json', import.meta.url), 'utf8')) as Transcript;

let sandbox: Sandbox | undefined;
let controller: AbortController | undefined;
let bot: Promise<void> | undefined;
afterEach(async () => {
  controller?.abort();
  await bot;
  await sandbox?.close();
  sandbox = controller = bot = undefined;
});

async function until(check: () => boolean, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`waited in vain for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('replayTranscript', () => {
  it('writes the saved customers again in a fresh sandbox, and the bot answers each once', async () => {
    sandbox = await createSandbox();
    const x = sandbox.twitter.emulator;
    controller = new AbortController();
    bot = sandboxBot(sandbox, controller.signal);
    await until(() => x.requests.length > 0 && sandbox!.googleBusiness.emulator.requests.length > 0, 'the bot to listen');

    const result = replayTranscript(sandbox, saved);
    const customers = saved.entries.filter((entry) => entry.by === 'customer');
    expect(result.skipped).toEqual([]);
    expect(result.replayed.map((entry) => entry.n)).toEqual(customers.map((entry) => entry.n));
    expect(x.tweets.filter((tweet) => tweet.author_id !== x.self.id).map((tweet) => tweet.text)).toEqual(customers.filter((entry) => entry.platform === 'twitter').map((entry) => entry.text));

    const answersIn = (conversation: string) => x.tweets.filter((tweet) => tweet.author_id === x.self.id && tweet.conversation_id === conversation).length;
    const mentions = result.replayed.filter((entry) => customers.find((customer) => customer.n === entry.n)!.platform === 'twitter');
    await until(() => mentions.every((mention) => answersIn(mention.threadId) === 1), 'an answer to every mention');
    await until(() => [...sandbox!.googleBusiness.emulator.reviews.values()].every((review) => review.reply), 'an answer to the review');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const mention of mentions) expect(answersIn(mention.threadId)).toBe(1);
    const botEntries = saved.entries.filter((entry) => entry.by === 'bot' && entry.platform === 'twitter');
    expect(x.tweets.filter((tweet) => tweet.author_id === x.self.id).map((tweet) => tweet.text).sort()).toEqual(botEntries.map((entry) => entry.text).sort());
  }, 60_000);

  it('stops at upTo, and maps a reply to the message that replaced its parent', async () => {
    sandbox = await createSandbox();
    const transcript: Transcript = {
      format: 'everywhere-sandbox-transcript',
      version: 1,
      savedAt: new Date().toISOString(),
      entries: [
        { n: 1, by: 'customer', platform: 'discourse', place: 'topic', threadId: '70', author: '@ana', text: 'Where is my invoice please?', at: 1, nativeId: '700', action: { platform: 'discourse', kind: 'post', text: 'Where is my invoice please?', customer: 'ana' } },
        { n: 2, by: 'bot', platform: 'discourse', place: 'topic', threadId: '70', author: '@bot', text: 'Thanks ana!', at: 2, nativeId: '701' },
        { n: 3, by: 'customer', platform: 'discourse', place: 'topic', threadId: '70', author: '@ana', text: 'Any news on this one?', at: 3, nativeId: '702', action: { platform: 'discourse', kind: 'reply', text: 'Any news on this one?', customer: 'ana', inReplyTo: '701' } },
        { n: 4, by: 'customer', platform: 'twitter', place: 'timeline', threadId: '9', author: '@li', text: 'hello', at: 4, nativeId: '9', action: { platform: 'twitter', kind: 'mention', text: 'hello', customer: 'li' } },
      ],
    };
    const result = replayTranscript(sandbox, transcript, { upTo: 3 });
    expect(result.replayed.map((entry) => entry.n)).toEqual([1, 3]);
    expect(result.replayed[1]!.threadId).toBe(result.replayed[0]!.threadId);
    expect(sandbox.twitter.emulator.tweets).toHaveLength(0);
  });

  it('refuses what is not a transcript with a TypeError, before writing anything', async () => {
    sandbox = await createSandbox();
    expect(() => replayTranscript(sandbox!, { entries: [] })).toThrow(TypeError);
    expect(() => replayTranscript(sandbox!, { ...saved, entries: [{ ...saved.entries[0], by: 'robot' }] })).toThrow(/entries\[0\]\.by/);
    expect(() => replayTranscript(sandbox!, saved, { upTo: -2 })).toThrow(/upTo/);
    expect(sandbox.twitter.emulator.tweets).toHaveLength(0);
  });

  it('skips, with the reason, an action the platform refuses, and goes on', async () => {
    sandbox = await createSandbox();
    const bad = { ...saved, entries: [{ ...saved.entries[0]!, action: { platform: 'twitter', kind: 'reply', text: 'x', customer: 'jane', inReplyTo: '123' } }, ...saved.entries.slice(1)] } as Transcript;
    const result = replayTranscript(sandbox, bad);
    expect(result.skipped).toEqual([{ n: 1, reason: 'no post 123 to reply to' }]);
    expect(result.replayed.length).toBe(saved.entries.filter((entry) => entry.by === 'customer').length - 1);
  });
});
