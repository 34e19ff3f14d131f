/**
 * X webhooks against the emulator's Account Activity deliveries: the webhook answers before any API call
 * of its own (X allows 3 s; the account's id and a reply's conversation are looked up after the answer),
 * and it delivers exactly what the mentions timeline gives (never a repost, the account's own post, or a
 * quote that does not name the account), so push and poll agree.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore, type Channel, type Message } from 'everywhere';
import { twitter } from 'everywhere/twitter';
import { take, until } from '../conformance/helpers.js';
import { TOKEN, twitterWorld } from './twitter-world.js';

let close: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

async function webhookWorld(options: { userId?: boolean } = {}) {
  const setup = await twitterWorld();
  // Polls an hour apart: a message that arrives came through the webhook.
  const channel: Channel = twitter({
    accessToken: TOKEN,
    consumerSecret: setup.emulator.consumerSecret,
    pollIntervalMs: 3_600_000,
    store: new MemoryStore(),
    ...(options.userId === false ? {} : { userId: setup.emulator.self.id }),
  });
  const controller = new AbortController();
  const iterator = channel.listen({ signal: controller.signal })[Symbol.asyncIterator]();
  close.push(
    () => setup.close(),
    () => channel.close(),
    () => controller.abort(),
  );
  return { ...setup, channel, iterator };
}

describe('X webhooks answer at once and agree with the mentions timeline', () => {
  it("answers a reply's delivery before looking its conversation up, then delivers it in its thread", async () => {
    const setup = await webhookWorld();
    const next = setup.iterator.next();
    // listen()'s first poll (mentions and DMs) is over before the delivery, so every request counted below is the webhook's.
    await until(() => setup.emulator.requests.filter((request) => request.method === 'GET').length >= 2, 5000, "listen()'s first poll");
    const root = setup.emulator.post({ from: setup.emulator.self.username, text: 'Ask us anything.' });
    const mention = setup.emulator.post({ from: 'customer', text: 'Is my order on its way?', inReplyTo: root.id });
    const response = await setup.emulator.deliverWebhook(setup.channel.webhook!.bind(setup.channel), setup.emulator.webhookEvent(mention));
    expect(response.status).toBe(200);
    expect(setup.emulator.webhookDeliveries.at(-1)).toMatchObject({ status: 200, withinDeadline: true, requestsBeforeAnswer: 0 });
    const delivered = (await next).value as Message;
    expect(delivered).toMatchObject({ id: mention.id, threadId: root.id });
  });

  it('a fresh channel with no known id still answers before any API call', async () => {
    const setup = await twitterWorld();
    close.push(() => setup.close());
    const channel = twitter({ accessToken: TOKEN, consumerSecret: setup.emulator.consumerSecret, pollIntervalMs: 3_600_000 });
    close.push(() => channel.close());
    const mention = setup.emulator.mention({ from: 'customer', text: 'Hello?' });
    await setup.emulator.deliverWebhook(channel.webhook!.bind(channel), setup.emulator.webhookEvent(mention));
    expect(setup.emulator.webhookDeliveries.at(-1)).toMatchObject({ status: 200, requestsBeforeAnswer: 0 });
  });

  it("a lookup that fails after the answer is an 'error' event; the delivery was still answered 200", async () => {
    const setup = await twitterWorld();
    close.push(() => setup.close());
    const channel = twitter({ accessToken: TOKEN, consumerSecret: setup.emulator.consumerSecret, pollIntervalMs: 3_600_000, retry: { retries: 0 } });
    close.push(() => channel.close());
    const errors: Error[] = [];
    const emitted = new Promise<void>((resolve) => channel.on('error', (error: Error) => resolve(void errors.push(error))));
    setup.emulator.fail({ match: { method: 'GET', path: '/2/users/me' }, status: 503, body: { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status: 503 } });
    const mention = setup.emulator.mention({ from: 'customer', text: 'Anyone?' });
    const response = await setup.emulator.deliverWebhook(channel.webhook!.bind(channel), setup.emulator.webhookEvent(mention));
    expect(response.status).toBe(200);
    await emitted;
    expect(errors[0]!.message).toContain('503');
  });

  it('delivers from every kind of post exactly what the mentions timeline holds', async () => {
    const setup = await webhookWorld();
    const { emulator } = setup;
    const own = emulator.post({ from: emulator.self.username, text: 'Our shop opens at 9 tomorrow.' });
    const posts = [
      own,
      emulator.repost({ from: 'fan', of: own.id }),
      emulator.quote({ from: 'fan', of: own.id, text: 'Finally!' }),
      emulator.quote({ from: 'fan', of: own.id, text: `@${emulator.self.username} with coffee?` }),
      emulator.mention({ from: 'customer', text: 'Can I pick up my order at 9?' }),
      emulator.post({ from: 'customer', text: 'See you at 9!', inReplyTo: own.id }),
    ];
    const pushedSoon = take(setup.iterator, 3);
    await until(() => emulator.requests.filter((request) => request.method === 'GET').length >= 2, 5000, "listen()'s first poll");
    for (const post of posts) expect((await emulator.deliverWebhook(setup.channel.webhook!.bind(setup.channel), emulator.webhookEvent(post))).status).toBe(200);
    const timeline: string[] = [];
    for await (const message of setup.channel.messages()) timeline.push(message.id);
    expect(timeline).toHaveLength(3);
    const pushed = await pushedSoon;
    expect(pushed.map((message) => message.id).sort()).toEqual([...timeline].sort());
  });
});
