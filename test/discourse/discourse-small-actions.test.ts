/**
 * Small actions ("closed the topic", "invited @sam": post_type 3) sit in a topic's post stream and
 * arrive as post_created webhooks like any post. They are not something anyone wrote: thread() leaves
 * them out, and listen() never hands them to a bot to answer, by poll or by webhook.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore, type Message } from 'everywhere';
import { discourse } from 'everywhere/discourse';
import { collect, grownBy, take, until } from '../conformance/helpers.js';
import { API_KEY, discourseWorld, FORUM } from './discourse-world.js';

const SECRET = 'small-actions-webhook-secret';
let close: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

/** Webhook tests poll an hour apart: after the first poll, a delivery can only have come through the webhook. */
const HOUR = 3_600_000;

async function world(pollIntervalMs = 30) {
  const setup = await discourseWorld({ webhookSecret: SECRET });
  const controller = new AbortController();
  const channel = discourse({ baseUrl: FORUM, apiKey: API_KEY, apiUsername: setup.emulator.botUsername, store: new MemoryStore(), pollIntervalMs, webhookSecret: SECRET });
  close.push(() => setup.close(), () => controller.abort(), () => channel.close());
  return { ...setup, channel, controller };
}

describe('Discourse small actions', () => {
  it('leaves them out of a thread, and keeps the reply numbering of the rest', async () => {
    const { emulator, channel } = await world();
    const first = emulator.topic({ by: 'customer', title: 'The export button is missing', raw: 'I cannot find the export button anywhere.' });
    emulator.smallAction({ topicId: first.topicId });
    const answer = emulator.reply({ by: 'customer', topicId: first.topicId, raw: 'Found it, it was under Settings all along.', replyToPostNumber: 1 });
    const thread = await collect(channel.thread(String(first.topicId)));
    expect(thread.map((message) => message.id)).toEqual([String(first.id), String(answer.id)]);
    expect(thread[1]!.parentId).toBe(String(first.id));
  });

  it('never delivers one from a private message to listen()', async () => {
    const { emulator, channel, controller } = await world();
    const iterator = channel.listen({ signal: controller.signal })[Symbol.asyncIterator]();
    const firstPoll = grownBy(() => emulator.count('GET', '/private-posts.json'), 1);
    const pending = take(iterator, 1);
    await until(firstPoll, 5000, 'the first poll of private messages'); // listen() has started: a message from now on is new
    const question = emulator.privateMessage({ by: 'customer', title: 'A question about my invoice', raw: 'Could you resend the October invoice?' });
    emulator.smallAction({ topicId: question.topicId, by: 'customer' }); // e.g. "invited @accounting"
    const [delivered] = await pending;
    expect(delivered).toMatchObject({ id: String(question.id), kind: 'direct' });
    // The customer's next message is the next one delivered: the small action between them was not.
    const next = emulator.reply({ by: 'customer', topicId: question.topicId, raw: 'It is for the October order, thank you.' });
    expect((await take(iterator, 1))[0]).toMatchObject({ id: String(next.id) });
  });

  it('acknowledges a small action’s webhook and delivers nothing', async () => {
    const { emulator, channel, controller } = await world(HOUR);
    const iterator = channel.listen({ signal: controller.signal })[Symbol.asyncIterator]();
    const firstPoll = grownBy(() => emulator.count('GET', '/posts.json'), 1);
    const first = iterator.next();
    await until(firstPoll, 5000, 'the first poll'); // the next poll is an hour away
    const topic = emulator.topic({ by: 'customer', title: 'Is the API down right now?', raw: 'Every call answers 500 since an hour.' });
    const closed = emulator.smallAction({ topicId: topic.topicId });
    expect((await emulator.deliverWebhook(channel.webhook!, emulator.webhookPayload(closed))).status).toBe(200);
    expect((await emulator.deliverWebhook(channel.webhook!, emulator.webhookPayload(topic))).status).toBe(200);
    expect(((await first).value as Message).id).toBe(String(topic.id));
    // The next pushed post is the next one delivered: the small action's delivery queued nothing.
    const reply = emulator.reply({ by: 'customer', topicId: topic.topicId, raw: 'It works again now, thanks for the quick fix.' });
    expect((await emulator.deliverWebhook(channel.webhook!, emulator.webhookPayload(reply))).status).toBe(200);
    expect(((await iterator.next()).value as Message).id).toBe(String(reply.id));
  });
});
