/**
 * The Discourse channel against the emulator: a long topic whole and in order, 429 waits for the larger
 * of Retry-After and extras.wait_seconds, 422 refusals as InvalidDraftError (never retried), webhooks,
 * drafts refused before any request, and the key in no error.
 */
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthError, InvalidDraftError, MemoryStore, type Message } from 'everywhere';
import { discourse } from 'everywhere/discourse';
import { collect, grownBy, take, until } from '../conformance/helpers.js';
import { API_KEY, discourseWorld, FORUM } from './discourse-world.js';

const SECRET = 'discourse-webhook-secret-test';
let close: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

/** Webhook tests poll an hour apart: after the first poll, a delivery can only have come through the webhook. */
const HOUR = 3_600_000;

async function world(options: { webhookSecret?: boolean; extraWaitSeconds?: number; pollIntervalMs?: number } = {}) {
  const setup = await discourseWorld({ webhookSecret: SECRET, ...(options.extraWaitSeconds ? { extraWaitSeconds: options.extraWaitSeconds } : {}) });
  const controller = new AbortController();
  const store = new MemoryStore();
  const channel = discourse({ baseUrl: FORUM, apiKey: API_KEY, apiUsername: setup.emulator.botUsername, store, pollIntervalMs: options.pollIntervalMs ?? 30, ...(options.webhookSecret ? { webhookSecret: SECRET } : {}) });
  close.push(() => setup.close(), () => controller.abort(), () => channel.close());
  return { ...setup, channel, controller, store };
}

const posts = (emulator: Awaited<ReturnType<typeof world>>['emulator']) => emulator.requests.filter((request) => request.method === 'POST').length;

describe('Discourse channel', () => {
  it('gives a topic of 45 posts whole and in order', async () => {
    const { emulator, channel } = await world();
    const first = emulator.topic({ by: 'customer', title: 'A long conversation about billing', raw: 'Post number 1 of the long conversation' });
    for (let number = 2; number <= 45; number++) emulator.reply({ by: number % 2 ? 'customer' : emulator.botUsername, topicId: first.topicId, raw: `Post number ${number} of the long conversation`, replyToPostNumber: number - 1 });
    const thread = await collect(channel.thread(String(first.topicId)));
    expect(thread.map((message) => message.text)).toEqual(Array.from({ length: 45 }, (_, index) => `Post number ${index + 1} of the long conversation`));
    expect(thread[1]).toMatchObject({ kind: 'reply', parentId: thread[0]!.id, threadId: String(first.topicId), subject: 'A long conversation about billing' });
    expect(emulator.count('GET', `/t/${first.topicId}/posts.json`)).toBe(2); // 20 with the topic, then 20 and 5 by id
  });

  it('waits for the larger of Retry-After and extras.wait_seconds after a 429', async () => {
    const { emulator, channel } = await world({ extraWaitSeconds: 2 }); // wait_seconds = Retry-After + 2
    // Windows open on the whole second before the first request: 2 s long, both sends fall in the same one
    // wherever in a second they start (with 1 s, a first send at x.990 s let the second into a new window).
    emulator.setLimit('POST /posts.json', { limit: 1, windowMs: 2000 });
    // Fake time: the wait is the one the channel chose, measured on the clock the emulator stamps requests with.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      await channel.send({ text: 'The first announcement of the day.', subject: 'First announcement today' });
      const second = channel.send({ text: 'The second announcement of the day.', subject: 'Second announcement today' });
      // The send hashes its body (Web Crypto, off the faked clock) before it goes out: let it reach the 429 first.
      for (let turn = 0; turn < 10_000 && !emulator.requests.some((request) => request.status === 429); turn++) await new Promise((resolve) => setImmediate(resolve));
      await vi.advanceTimersByTimeAsync(10_000);
      await second;
    } finally {
      vi.useRealTimers();
    }
    const attempts = emulator.requests.filter((request) => request.method === 'POST');
    expect(attempts.map((request) => request.status)).toEqual([200, 429, 200]);
    const refused = attempts[1]!;
    const retried = attempts[2]!;
    // Retry-After said 1 to 2 s, wait_seconds 2 s more (3 to 4 s): the retry came after the larger.
    expect(retried.at - refused.at).toBeGreaterThanOrEqual(3000);
  });

  it('turns a 422 into InvalidDraftError with Discourse’s reasons, and posts once', async () => {
    const { emulator, channel } = await world();
    const id = await (async () => emulator.topic({ by: 'customer', title: 'Where is the export button?', raw: 'I cannot find the export button anywhere.' }).id)();
    const inbound = (await take(channel.messages()[Symbol.asyncIterator](), 1))[0]!;
    expect(inbound.id).toBe(String(id));
    await channel.reply(inbound, { text: 'It is under Settings, then Export.', idempotencyKey: null });
    // The same text in another topic (the same create again within 120 s would be answered from Discourse's memo).
    const other = emulator.topic({ by: 'customer', title: 'Where is the import button?', raw: 'I cannot find the import button anywhere.' });
    const elsewhere = { ...inbound, id: String(other.id), threadId: String(other.topicId), raw: { ...(inbound.raw as object), post_number: 1, topic_id: other.topicId } };
    const error = await channel.reply(elsewhere, { text: 'It is under Settings, then Export.', idempotencyKey: null }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidDraftError);
    expect((error as InvalidDraftError).reasons).toEqual(['Body is too similar to what you recently posted']);
    expect(posts(emulator)).toBe(2);
  });

  it('refuses drafts Discourse would refuse, before any post (the forum’s lengths read once)', async () => {
    const { emulator, channel } = await world();
    for (const draft of [{ text: 'A topic needs a title to be opened.' }, { text: 'A title Discourse would refuse.', subject: 'Too short' }, { text: 'short', subject: 'A title long enough here' }]) {
      expect(await channel.send(draft).catch((caught: unknown) => caught)).toBeInstanceOf(InvalidDraftError);
    }
    expect(emulator.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /site/settings.json']);
  });

  it('checks webhook signatures, answers pings, and delivers a post seen by both webhook and poll once', async () => {
    const { emulator, channel, controller, store } = await world({ webhookSecret: true, pollIntervalMs: HOUR });
    const ping = await emulator.deliverWebhook(channel.webhook!, { ping: 'OK' }, 'ping');
    expect(ping.status).toBe(200);
    const iterator = channel.listen({ signal: controller.signal })[Symbol.asyncIterator]();
    const firstPoll = grownBy(() => emulator.count('GET', '/posts.json'), 1);
    const pending = iterator.next();
    await until(firstPoll, 5000, 'the first poll'); // the next poll is an hour away
    const post = emulator.topic({ by: 'customer', title: 'Is the API down right now?', raw: 'Every call answers 500 since an hour.' });
    const forged = await channel.webhook!(new Request(`${FORUM}/hook`, { method: 'POST', body: JSON.stringify(emulator.webhookPayload(post)), headers: { 'x-discourse-event': 'post_created', 'x-discourse-event-signature': 'sha256=00' } }));
    expect(forged.status).toBe(401);
    expect((await emulator.deliverWebhook(channel.webhook!, emulator.webhookPayload(post))).status).toBe(200);
    const delivered = (await pending).value as Message;
    expect(delivered).toMatchObject({ id: String(post.id), kind: 'post', subject: 'Is the API down right now?', text: 'Every call answers 500 since an hour.', html: '<p>Every call answers 500 since an hour.</p>' });
    await iterator.return!(); // done with it
    // A restarted listener polls at once and finds the pushed post and one nobody pushed, oldest first: only the second is new.
    const unpushed = emulator.topic({ by: 'customer', title: 'And the status page is down too', raw: 'The status page does not load either.' });
    const restarted = discourse({ baseUrl: FORUM, apiKey: API_KEY, apiUsername: emulator.botUsername, store, pollIntervalMs: HOUR, webhookSecret: SECRET });
    close.push(() => restarted.close());
    expect(((await restarted.listen({ signal: controller.signal })[Symbol.asyncIterator]().next()).value as Message).id).toBe(String(unpushed.id));
    const body = JSON.stringify({ post: {} });
    const unsigned = await channel.webhook!(new Request(`${FORUM}/hook`, { method: 'POST', body, headers: { 'x-discourse-event': 'post_created', 'x-discourse-event-signature': `sha256=${createHmac('sha256', 'another-secret').update(body).digest('hex')}` } }));
    expect(unsigned.status).toBe(401);
  });

  it('keeps the API key out of errors, and names bad options', async () => {
    await world();
    const refused = discourse({ baseUrl: FORUM, apiKey: () => 'revoked-key-0f9e8d7c', apiUsername: 'support_bot' });
    close.push(() => refused.close());
    const error = (await refused.send({ text: 'Hello everyone, a greeting from us.', subject: 'Hello everyone there' }).catch((caught: unknown) => caught)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect([error.message, error.stack, JSON.stringify(error), JSON.stringify(error.cause)].join()).not.toContain('revoked-key-0f9e8d7c');
    expect(() => discourse({ apiKey: 'secret-key-value', apiUsername: 'bot' } as never)).toThrow(/option 'baseUrl'/);
    expect(() => discourse({ baseUrl: FORUM, apiKey: 'secret-key-value', apiUsername: '', category: 1.5 })).toThrow(TypeError);
    const badOption = (() => {
      try {
        discourse({ baseUrl: FORUM, apiKey: 'secret-key-value', apiUsername: 'bot', category: -1 });
      } catch (caught) {
        return (caught as Error).message;
      }
    })();
    expect(badOption).toMatch(/option 'category'/);
    expect(badOption).not.toContain('secret-key-value');
  });
});
