/**
 * Discourse history and private messages against the emulator: messages() pages back through
 * /posts.json?before= (the server repeats the post whose id equals `before`: never delivered twice),
 * private messages get a title Discourse accepts, and a webhook without a signature is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidDraftError, MemoryStore, NotFoundError } from 'everywhere';
import { discourse } from 'everywhere/discourse';
import { collect } from '../conformance/helpers.js';
import { API_KEY, discourseWorld, FORUM } from './discourse-world.js';

let close: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

async function world(webhookSecret?: string) {
  const setup = await discourseWorld(webhookSecret ? { webhookSecret } : {});
  const channel = discourse({ baseUrl: FORUM, apiKey: API_KEY, apiUsername: setup.emulator.botUsername, store: new MemoryStore(), ...(webhookSecret ? { webhookSecret } : {}) });
  close.push(() => setup.close(), () => channel.close());
  return { ...setup, channel };
}

describe('Discourse history and private messages', () => {
  it('pages through more than one page of latest posts, newest first, each post once', async () => {
    const { emulator, channel } = await world();
    const topic = emulator.topic({ by: 'customer', title: 'A busy topic with many answers', raw: 'Answer number 0 in the busy topic' });
    for (let index = 1; index < 120; index++) emulator.reply({ by: 'customer', topicId: topic.topicId, raw: `Answer number ${index} in the busy topic` });
    const history = await collect(channel.messages());
    expect(history.map((message) => message.text)).toEqual(Array.from({ length: 120 }, (_, index) => `Answer number ${119 - index} in the busy topic`));
    const pages = emulator.requests.filter((request) => request.method === 'GET' && request.path.startsWith('/posts.json'));
    expect(pages.length).toBeGreaterThanOrEqual(3); // 50 a page
    expect(pages.slice(1).every((request) => /[?&]before=\d+/.test(request.path))).toBe(true);
  });

  it('stops after `limit` without reading pages it does not need', async () => {
    const { emulator, channel } = await world();
    const topic = emulator.topic({ by: 'customer', title: 'Another busy topic with answers', raw: 'Answer number 0 in another topic' });
    for (let index = 1; index < 120; index++) emulator.reply({ by: 'customer', topicId: topic.topicId, raw: `Answer number ${index} in another topic` });
    const recent = await collect(channel.messages({ limit: 10 }));
    expect(recent).toHaveLength(10);
    expect(emulator.requests.filter((request) => request.path.startsWith('/posts.json'))).toHaveLength(1);
  });

  it('sends a private message with a title Discourse accepts, and answers inside it', async () => {
    const { emulator, channel } = await world();
    const sent = await channel.send({ text: 'A\nquick note about your order', to: 'customer' });
    expect(sent).toMatchObject({ kind: 'direct', subject: 'A quick note about your order' });
    const topic = emulator.forum.topics.get(Number(sent.threadId))!;
    expect(topic).toMatchObject({ archetype: 'private_message', title: 'A quick note about your order' });
    const answer = emulator.reply({ by: 'customer', topicId: topic.id, raw: 'Thank you, all clear now.' });
    const [, received] = await collect(channel.thread(sent));
    expect(received).toMatchObject({ id: String(answer.id), kind: 'direct' });
    const reply = await channel.reply(received!, { text: 'Glad to help, have a good day!' });
    expect(reply).toMatchObject({ kind: 'direct', threadId: sent.threadId });
    const body = JSON.parse(emulator.requests.filter((request) => request.method === 'POST').at(-1)!.body) as Record<string, unknown>;
    expect(body).toEqual({ raw: 'Glad to help, have a good day!', topic_id: topic.id, reply_to_post_number: 2 });
  });

  it('refuses a private message title Discourse would refuse, before any post (the forum’s lengths read once)', async () => {
    const { emulator, channel } = await world();
    expect(await channel.send({ text: 'A note about your order.', to: 'customer', subject: 'X' }).catch((caught: unknown) => caught)).toBeInstanceOf(InvalidDraftError);
    expect(await channel.send({ text: 'Too short', to: 'customer' }).catch((caught: unknown) => caught)).toBeInstanceOf(InvalidDraftError);
    expect(emulator.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /site/settings.json']);
  });

  it('answers 401 to a webhook without a signature, 200 to a signed ping', async () => {
    const { emulator, channel } = await world('a-webhook-secret-for-tests');
    const post = emulator.topic({ by: 'customer', title: 'Unsigned deliveries are refused', raw: 'This one comes without any signature.' });
    const unsigned = await channel.webhook!(new Request(`${FORUM}/hook`, { method: 'POST', body: JSON.stringify(emulator.webhookPayload(post)), headers: { 'x-discourse-event': 'post_created' } }));
    expect(unsigned.status).toBe(401);
    const signedPing = await emulator.deliverWebhook(channel.webhook!, { ping: 'OK' }, 'ping');
    expect(signedPing.status).toBe(200);
  });

  it('names a topic it cannot see not found, and keeps the key out of every error', async () => {
    const { emulator, channel } = await world();
    const missing = await collect(channel.thread('999999')).catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(NotFoundError);
    emulator.topic({ by: 'customer', title: 'A topic to answer twice over', raw: 'Please answer this one twice.' });
    const [inbound] = await collect(channel.messages({ limit: 1 }));
    await channel.reply(inbound!, { text: 'The same answer, sent a first time.', idempotencyKey: null });
    // The same text elsewhere (the same create again within 120 s would be answered from Discourse's memo).
    const refused = await channel.send({ subject: 'The same answer as a topic', text: 'The same answer, sent a first time.', idempotencyKey: null }).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(InvalidDraftError);
    for (const error of [missing, refused] as Error[]) {
      expect([error.message, error.stack, JSON.stringify(error), JSON.stringify(error.cause)].join()).not.toContain(API_KEY);
    }
  });
});
