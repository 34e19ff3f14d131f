/**
 * The X channel end to end against the emulator (msw at https://api.x.com): both spellings of the spec,
 * webhook events in v1.1 and v2 shapes delivered once beside the poll, the access-tier refusal, and an
 * interrupted send found again on the platform.
 */
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, DeliveryUnknownError, MemoryStore, type Message } from 'everywhere';
import { TwitterEmulator, TWITTER_BUCKETS } from 'everywhere/testing';
import { twitter } from 'everywhere/twitter';
import { grownBy, take, until } from '../conformance/helpers.js';
import { documentedTwitterHandlers } from './twitter-world.js';

const TOKEN = 'x-channel-test-token';
const SECRET = 'x-channel-consumer-secret';
const FAST = { limit: 100_000, windowMs: 900_000 };
/** Webhook tests poll an hour apart: after the first poll, a delivery can only have come through the webhook. */
const HOUR = 3_600_000;
let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function world(spelling: 'tweets' | 'posts' = 'tweets', options: { directMessages?: boolean; pollIntervalMs?: number } = {}) {
  const emulator = new TwitterEmulator({
    accessToken: TOKEN,
    consumerSecret: SECRET,
    spelling,
    limits: { [TWITTER_BUCKETS.mentions]: FAST, [TWITTER_BUCKETS.dmEvents]: FAST, [TWITTER_BUCKETS.lookup]: FAST, [TWITTER_BUCKETS.search]: FAST },
  });
  const documented = documentedTwitterHandlers(emulator); // every exchange checked against X's OpenAPI document
  const server = setupServer(...documented.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const controller = new AbortController();
  const store = new MemoryStore();
  const channel = twitter({ accessToken: TOKEN, userId: emulator.self.id, consumerSecret: SECRET, store, pollIntervalMs: 30, ...options });
  cleanup.push(() => documented.assertDocumented(), () => server.close(), () => controller.abort(), () => channel.close());
  return { emulator, channel, controller, store };
}

describe('X channel', () => {
  it('reads the newer spelling (referenced_posts, includes.posts) like the classic one', async () => {
    const { emulator, channel } = world('posts');
    const root = emulator.mention({ from: 'jane', text: 'first' });
    emulator.mention({ from: 'jane', text: 'a follow-up', inReplyTo: root.id });
    const [latest] = await take(channel.messages()[Symbol.asyncIterator](), 1);
    expect(latest).toMatchObject({ kind: 'reply', parentId: root.id, threadId: root.id, author: { handle: 'jane' } });
  });

  it('delivers a webhook mention at once, and not again when the poll finds it', async () => {
    const { emulator, channel, controller, store } = world('tweets', { pollIntervalMs: HOUR });
    const iterator = channel.listen({ signal: controller.signal })[Symbol.asyncIterator]();
    const firstPoll = grownBy(() => emulator.count('GET', '/2/users'), 1);
    const first = iterator.next();
    await until(firstPoll, 5000, 'the first poll'); // listen() has started; the next poll is an hour away
    const tweet = emulator.mention({ from: 'jane', text: 'pushed and polled' });
    const response = await emulator.deliverWebhook(channel.webhook!, emulator.webhookEvent(tweet));
    expect(response.status).toBe(200);
    expect((await first).value).toMatchObject({ id: tweet.id, text: expect.stringContaining('pushed and polled'), threadId: tweet.id });
    emulator.mention({ from: 'omar', text: 'the next one' });
    await iterator.return!(); // done with the pushed mention
    // A restarted listener polls at once and finds both mentions, oldest first: the next one is next.
    const restarted = twitter({ accessToken: TOKEN, userId: emulator.self.id, consumerSecret: SECRET, store, pollIntervalMs: HOUR });
    cleanup.push(() => restarted.close());
    const [next] = await take(restarted.listen({ signal: controller.signal })[Symbol.asyncIterator](), 1);
    expect(next!.text).toContain('the next one');
  });

  it('normalizes a v1.1 DM event and a v2 post object to the Messages the poll gives', async () => {
    const { emulator, channel, controller } = world('tweets', { pollIntervalMs: HOUR });
    const iterator = channel.listen({ signal: controller.signal })[Symbol.asyncIterator]();
    const firstPoll = grownBy(() => emulator.count('GET', '/2/dm_events'), 1);
    const pending = iterator.next();
    await until(firstPoll, 5000, 'the first poll'); // the next poll is an hour away
    const dm = emulator.directMessage({ from: 'omar', text: 'a private question' });
    await emulator.deliverWebhook(channel.webhook!, emulator.webhookEvent(dm));
    const pushed = (await pending).value as Message;
    const polled = (await take(channel.messages()[Symbol.asyncIterator](), 1))[0]!;
    const comparable = (message: Message) => ({ ...message, raw: undefined, createdAt: message.createdAt.getTime() });
    expect(comparable(pushed)).toEqual(comparable(polled));

    const post = emulator.mention({ from: 'li', text: 'a v2 delivery' });
    const v2 = { data: { id: post.id, text: post.text, author_id: post.author_id, conversation_id: post.conversation_id, created_at: post.created_at }, includes: { users: [{ id: post.author_id, username: 'li', name: 'li' }] } };
    await emulator.deliverWebhook(channel.webhook!, v2);
    const [viaV2] = await take(iterator, 1);
    expect(viaV2).toMatchObject({ id: post.id, kind: 'post', threadId: post.conversation_id, author: { id: post.author_id, handle: 'li' } });
  });

  it('delivers nothing from a delivery with a bad signature', async () => {
    const { emulator, channel, controller } = world('tweets', { pollIntervalMs: HOUR });
    const iterator = channel.listen({ signal: controller.signal })[Symbol.asyncIterator]();
    const pending = iterator.next();
    // After listen()'s first poll, the next is an hour away: what arrives now came through the webhook.
    await until(() => emulator.requests.filter((request) => request.method === 'GET').length >= 2, 5000, "listen()'s first poll");
    const tweet = emulator.mention({ from: 'mallory', text: 'a forged mention, only pushed' });
    const forged = await channel.webhook!(new Request('https://bot.example/x', { method: 'POST', body: JSON.stringify(emulator.webhookEvent(tweet)), headers: { 'x-twitter-webhooks-signature': 'sha256=AAAA' } }));
    expect(forged.status).toBe(401);
    // A signed delivery after it is the next message: the forged one was never queued.
    const signed = emulator.mention({ from: 'jane', text: 'a mention, signed' }); // a webhook delivers only what the mentions timeline holds
    expect((await emulator.deliverWebhook(channel.webhook!, emulator.webhookEvent(signed))).status).toBe(200);
    expect((await pending).value).toMatchObject({ id: signed.id });
  });

  it("says an access-tier refusal is about the app's tier, not the token", async () => {
    const { emulator, channel } = world();
    emulator.fail({
      status: 403,
      body: { title: 'Client Forbidden', type: 'https://api.twitter.com/2/problems/client-forbidden', reason: 'client-not-enrolled', detail: 'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project.' },
    });
    const error = await channel.messages()[Symbol.asyncIterator]().next().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).message).toMatch(/access tier .*client-not-enrolled/);
  });

  it('keeps mentions flowing with directMessages: false when the tier cannot read DMs', async () => {
    const tierRefusal = {
      match: { method: 'GET', path: '/2/dm_events' },
      status: 403,
      times: 1000,
      body: { title: 'Client Forbidden', type: 'https://api.twitter.com/2/problems/client-forbidden', reason: 'client-not-enrolled', detail: 'Your access tier cannot read direct messages.' },
    };
    const refused = world();
    refused.emulator.fail(tierRefusal);
    await expect(refused.channel.listen({ signal: refused.controller.signal })[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(AuthError);

    const { emulator, channel, controller } = world('tweets', { directMessages: false });
    emulator.fail(tierRefusal);
    const iterator = channel.listen({ signal: controller.signal })[Symbol.asyncIterator]();
    const firstPoll = grownBy(() => emulator.count('GET', '/2/users'), 1);
    const pending = iterator.next();
    await until(firstPoll, 5000, 'the first poll of mentions'); // listen() has started: a mention from now on is new
    emulator.mention({ from: 'jane', text: 'still heard' });
    expect((await pending).value).toMatchObject({ text: expect.stringContaining('still heard') });
    expect((await take(channel.messages()[Symbol.asyncIterator](), 1))[0]!.text).toContain('still heard');
    expect(emulator.count('GET', '/2/dm_events')).toBe(0);
  });

  it('reads a token function per request, and looks its own id up once when userId is absent', async () => {
    const { emulator } = world();
    let calls = 0;
    const channel = twitter({ accessToken: () => (calls++, TOKEN), pollIntervalMs: 30 });
    cleanup.push(() => channel.close());
    await channel.send({ text: 'First post of the day.' });
    await channel.send({ text: 'Second post of the day.' });
    expect(emulator.count('GET', '/2/users/me')).toBe(1);
    expect(calls).toBe(3); // users/me and two posts
    expect(emulator.postsBy(emulator.self.id)).toHaveLength(2);
  });

  it('finds the post of a send whose process died before saving its result, and sends nothing', async () => {
    const { emulator, channel, store } = world();
    const landed = await channel.send({ text: 'Incident 42 is resolved.' });
    // What a process that died mid-request leaves: the key started, no result.
    await store.set(`${channel.id}:sent:incident-42:started`, '1');
    const posts = emulator.postsBy(emulator.self.id).length;
    const found = await channel.send({ text: 'Incident 42 is resolved.', idempotencyKey: 'incident-42' });
    expect(found.id).toBe(landed.id);
    expect(emulator.postsBy(emulator.self.id)).toHaveLength(posts);
    await store.set(`${channel.id}:sent:never-posted:started`, '1');
    const unknown = await channel.send({ text: 'This one never reached X.', idempotencyKey: 'never-posted' }).catch((caught: unknown) => caught);
    expect(unknown).toBeInstanceOf(DeliveryUnknownError);
    expect((unknown as DeliveryUnknownError).maybeDelivered).toBe(true);
    expect(emulator.postsBy(emulator.self.id)).toHaveLength(posts);
  });
});
