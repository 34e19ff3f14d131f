/**
 * What listen() sees: `categories`, `tags`, `only: 'mentions'` (/notifications.json), and `parentId` on
 * replies from the poll and from webhooks (reply_to_post_number → the parent's id). On the emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore, type Message } from 'everywhere';
import { discourse, type DiscourseOptions } from 'everywhere/discourse';
import { grownBy, take, until } from '../conformance/helpers.js';
import { API_KEY, discourseWorld, FORUM } from './discourse-world.js';

let close: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

const SECRET = 'view-webhook-secret';

async function listening(options: Partial<DiscourseOptions> = {}) {
  const setup = await discourseWorld({ webhookSecret: SECRET });
  const controller = new AbortController();
  const channel = discourse({ baseUrl: FORUM, apiKey: API_KEY, apiUsername: setup.emulator.botUsername, store: new MemoryStore(), pollIntervalMs: 30, ...options });
  close.push(() => setup.close(), () => channel.close(), () => controller.abort());
  const iterator = channel.listen({ signal: controller.signal })[Symbol.asyncIterator]();
  const path = options.only === 'mentions' ? '/notifications.json' : '/posts.json';
  const firstPoll = grownBy(() => setup.emulator.count('GET', path), 1);
  const next = (count: number) => take(iterator, count);
  return { ...setup, channel, iterator, next, started: () => until(firstPoll, 5000, 'the first poll') };
}

describe('what listen() sees', () => {
  it('categories: only public posts in them (private messages always)', async () => {
    const { emulator, next, started } = await listening({ categories: [5] });
    const pending = next(2);
    await started();
    emulator.topic({ by: 'customer', title: 'Off-topic: my holiday photos', raw: 'Here are my photos from the trip.', categoryId: 1 });
    const wanted = emulator.topic({ by: 'customer', title: 'Support: the export is broken', raw: 'The export answers an error since Monday.', categoryId: 5 });
    const direct = emulator.privateMessage({ by: 'customer', title: 'A private question', raw: 'Can you look at my account please?' });
    expect((await pending).map((message) => message.id).sort()).toEqual([String(wanted.id), String(direct.id)].sort());
  });

  it('tags: only posts in topics with one of them', async () => {
    const { emulator, next, started } = await listening({ tags: ['Billing'] });
    const pending = next(1);
    await started();
    emulator.topic({ by: 'customer', title: 'A question about the roadmap', raw: 'When does the new editor ship?', tags: ['roadmap'] });
    const wanted = emulator.topic({ by: 'customer', title: 'A question about my invoice', raw: 'My invoice shows the wrong VAT.', tags: ['billing', 'vat'] });
    expect((await pending).map((message) => message.id)).toEqual([String(wanted.id)]);
  });

  it("only: 'mentions': posts that mention the account or answer it, and private messages", async () => {
    const { emulator, next, started } = await listening({ only: 'mentions' });
    const bot = emulator.botUsername;
    const botTopic = emulator.topic({ by: bot, title: 'Release notes for version 4.2', raw: 'Version 4.2 is out with a new export.' });
    const pending = next(3);
    await started();
    emulator.topic({ by: 'customer', title: 'Unrelated chatter in the lounge', raw: 'Anyone watching the game tonight?' });
    const mention = emulator.topic({ by: 'customer', title: 'Help with the export please', raw: `@${bot} can you help me with the export?` });
    const answer = emulator.reply({ by: 'customer', topicId: botTopic.topicId, raw: 'Thanks for the release, the export works.', replyToPostNumber: 1 });
    const direct = emulator.privateMessage({ by: 'customer', title: 'A private question', raw: 'Can you look at my account please?' });
    const delivered = await pending;
    expect(delivered.map((message) => message.id).sort()).toEqual([String(mention.id), String(answer.id), String(direct.id)].sort());
    expect(delivered.find((message) => message.id === String(answer.id))).toMatchObject({ kind: 'reply', parentId: String(botTopic.id) });
  });

  it('parentId on replies from the poll and from the webhook', async () => {
    const { emulator, channel, next, started } = await listening({ webhookSecret: SECRET });
    const question = emulator.topic({ by: 'customer', title: 'How do I reset my password?', raw: 'I forgot it and the link expired.', posts: Array.from({ length: 30 }, (_, index) => `Follow-up number ${index} from the customer.`) });
    const firstPoll = started();
    const polledNext = next(1);
    await firstPoll;
    // The topic's own posts may count as new (the forum stamps them ahead of the poll's start): skip to the reply.
    const polled = emulator.reply({ by: 'agent', topicId: question.topicId, raw: 'Answering the very first question here.', replyToPostNumber: 1 });
    let [received] = await polledNext;
    for (let skipped = 0; received!.id !== String(polled.id) && skipped < 40; skipped++) [received] = await next(1);
    expect(received).toMatchObject({ id: String(polled.id), parentId: String(question.id) });
    const deep = emulator.forum.posts.get(question.id + 25)!; // beyond the topic's first 20 posts
    const pushed = emulator.reply({ by: 'agent', topicId: question.topicId, raw: 'Answering a late follow-up here.', replyToPostNumber: deep.postNumber });
    const webhookNext = next(1);
    expect((await emulator.deliverWebhook(channel.webhook!, emulator.webhookPayload(pushed))).status).toBe(200);
    const [fromWebhook] = (await webhookNext) as Message[];
    expect(fromWebhook).toMatchObject({ id: String(pushed.id), parentId: String(deep.id) });
  });

  it('bad view options are a TypeError at construction', () => {
    const base = { baseUrl: FORUM, apiKey: API_KEY, apiUsername: 'support_bot' };
    expect(() => discourse({ ...base, categories: [0] })).toThrow(TypeError);
    expect(() => discourse({ ...base, tags: [''] })).toThrow(TypeError);
    expect(() => discourse({ ...base, only: 'everything' as never })).toThrow(TypeError);
  });
});
