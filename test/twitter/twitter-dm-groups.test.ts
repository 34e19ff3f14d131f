/**
 * X DMs beyond one-to-one, against the emulator: a group DM is delivered with the group conversation
 * as its thread and answered in the group (POST /2/dm_conversations/{id}/messages), and
 * `send({ to: '@handle' })` resolves the handle with GET /2/users/by/username/{username} first.
 */
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidDraftError, MemoryStore, NotFoundError } from 'everywhere';
import { TwitterEmulator, TWITTER_BUCKETS, twitterHandlers } from 'everywhere/testing';
import { twitter } from 'everywhere/twitter';
import { collect } from '../conformance/helpers.js';

const TOKEN = 'x-dm-groups-token';
const FAST = { limit: 100_000, windowMs: 900_000 };
let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function world() {
  const emulator = new TwitterEmulator({ accessToken: TOKEN, limits: { [TWITTER_BUCKETS.mentions]: FAST, [TWITTER_BUCKETS.dmEvents]: FAST, [TWITTER_BUCKETS.conversationEvents]: FAST } });
  const server = setupServer(...twitterHandlers(emulator));
  server.listen({ onUnhandledRequest: 'error' });
  const store = new MemoryStore();
  const channel = twitter({ accessToken: TOKEN, userId: emulator.self.id, store, pollIntervalMs: 30 });
  cleanup.push(() => server.close(), () => channel.close());
  return { emulator, channel, store };
}

const writes = (emulator: TwitterEmulator) => emulator.requests.filter((request) => request.method === 'POST').map((request) => new URL(request.url).pathname);

describe('X group DMs', () => {
  it('delivers a group DM with the group as its thread, and answers it in the group, not to the sender alone', async () => {
    const { emulator, channel } = world();
    const conversation = emulator.groupConversation(['alice', 'bob']);
    const inbound = emulator.directMessage({ from: 'alice', text: 'Is the store open on Sunday?', conversation });
    const [message] = await collect(channel.messages(), 1);
    expect(message).toMatchObject({ id: inbound.id, kind: 'direct', threadId: conversation, author: { handle: 'alice', isSelf: false } });
    const answer = await channel.reply(message!, { text: 'Yes, 10 to 4.' });
    expect(answer).toMatchObject({ kind: 'direct', threadId: conversation, author: { isSelf: true } });
    expect(writes(emulator)).toEqual([`/2/dm_conversations/${conversation}/messages`]);
    expect(emulator.dmEvents.at(-1)).toMatchObject({ dm_conversation_id: conversation, sender_id: emulator.self.id, text: 'Yes, 10 to 4.' });
    const thread = [];
    for await (const item of channel.thread(answer)) thread.push(item.text);
    expect(thread).toEqual(['Is the store open on Sunday?', 'Yes, 10 to 4.']);
  });

  it('finds an interrupted group answer in the group, and sends nothing twice', async () => {
    const { emulator, channel, store } = world();
    const conversation = emulator.groupConversation(['alice', 'bob']);
    emulator.directMessage({ from: 'bob', text: 'Any news?', conversation });
    const [message] = await collect(channel.messages(), 1);
    const landed = await channel.reply(message!, { text: 'Shipped today.' });
    expect(landed.threadId).toBe(conversation);
    await store.set(`${channel.id}:sent:news-1:started`, '1');
    const found = await channel.reply(message!, { text: 'Shipped today.', idempotencyKey: 'news-1' });
    expect(found.id).toBe(landed.id);
    expect(emulator.dmEvents.filter((event) => event.sender_id === emulator.self.id)).toHaveLength(1);
  });
});

describe('X send to @handle', () => {
  it('resolves the handle with GET /2/users/by/username/{username} and sends the DM to that user', async () => {
    const { emulator, channel } = world();
    const dana = emulator.addUser({ username: 'Dana_K' });
    const sent = await channel.send({ to: '@dana_k', text: 'Your order has shipped.' });
    expect(emulator.requests.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
      'GET /2/users/by/username/dana_k',
      `POST /2/dm_conversations/with/${dana.id}/messages`,
    ]);
    expect(sent).toMatchObject({ kind: 'direct', threadId: emulator.dmEvents.at(-1)!.dm_conversation_id });
    expect(emulator.dmEvents.at(-1)).toMatchObject({ sender_id: emulator.self.id, text: 'Your order has shipped.' });
  });

  it('an unknown handle is NotFoundError and nothing is sent; a malformed one is InvalidDraftError before any request', async () => {
    const { emulator, channel } = world();
    const missing = await channel.send({ to: '@nobody_here', text: 'Hello?' }).catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as Error).message).toContain('nobody_here');
    const malformed = await channel.send({ to: '@not a handle', text: 'Hello?' }).catch((caught: unknown) => caught);
    expect(malformed).toBeInstanceOf(InvalidDraftError);
    expect(writes(emulator)).toEqual([]);
    expect(emulator.dmEvents).toHaveLength(0);
    expect(emulator.requests.map((request) => new URL(request.url).pathname)).toEqual(['/2/users/by/username/nobody_here']);
  });
});

describe('X reply with a Draft.to', () => {
  it('answers a post in its thread (Draft.to is for send), and looks no handle up', async () => {
    const { emulator, channel } = world();
    const mention = emulator.mention({ from: 'erin', text: 'Do you ship to Norway?' });
    const [message] = await collect(channel.messages(), 1);
    expect(message!.id).toBe(mention.id);
    const answer = await channel.reply(message!, { text: 'We do.', to: '@erin' });
    expect(answer).toMatchObject({ kind: 'reply', parentId: mention.id });
    expect(writes(emulator)).toEqual(['/2/tweets']);
    expect(emulator.requests.some((request) => request.path.includes('/users/by/username'))).toBe(false);

    const second = await channel.reply(message!, { text: 'Shipping takes 3 days.', to: 'not a handle' });
    expect(second).toMatchObject({ kind: 'reply', parentId: mention.id });
  });
});
