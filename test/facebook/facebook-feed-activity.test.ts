/**
 * What a busy Page's feed carries besides comments on its newest posts: comments on any post with recent
 * activity, posts by visitors, and mentions of the Page elsewhere; by polling and by webhooks (payloads
 * shaped as restfb/restfb records them, see src/testing/facebook/facebook-webhooks.ts), each delivered once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel, Message } from '../../src/index.js';
import { FacebookEmulator } from '../../src/testing/facebook/index.js';
import { take, until } from '../conformance/helpers.js';
import { createFacebook, CUSTOMER } from './facebook-world.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const controllers: AbortController[] = [];
const channels: Channel[] = [];
afterEach(async () => {
  controllers.splice(0).forEach((controller) => controller.abort());
  await Promise.all(channels.splice(0).map((channel) => channel.close()));
});

function listen(channel: Channel, since = new Date(Date.now() - 60_000)) {
  channels.push(channel);
  const controller = new AbortController();
  controllers.push(controller);
  return channel.listen({ since, signal: controller.signal })[Symbol.asyncIterator]();
}

/** A Page with 40 posts, one a day, the newest yesterday. */
function pageWithHistory() {
  const emulator = new FacebookEmulator();
  const posts: string[] = [];
  for (let day = 40; day >= 1; day--) posts.push(emulator.post({ message: `Daily news ${day}`, at: new Date(Date.now() - day * DAY) }));
  return { emulator, oldest: posts[0]! };
}

describe('polling', () => {
  it('delivers a new comment on a post older than the 25 newest (it has recent activity)', async () => {
    const { emulator, oldest } = pageWithHistory();
    const id = emulator.comment({ from: CUSTOMER, message: 'Is this offer still on?', on: oldest });
    const [message] = await take(listen(createFacebook(emulator, { pollIntervalMs: 50 })), 1);
    expect(message).toMatchObject({ id, kind: 'comment', threadId: oldest, text: 'Is this offer still on?' });
  });

  it('delivers a visitor post on the Page, and not the Page\'s own posts', async () => {
    const { emulator } = pageWithHistory();
    emulator.post({ message: 'Our own announcement' });
    const visitor = emulator.post({ message: 'My order has not arrived', from: CUSTOMER });
    const [message] = await take(listen(createFacebook(emulator, { pollIntervalMs: 50 })), 1);
    expect(message).toMatchObject({ id: visitor, kind: 'post', threadId: visitor, author: { id: CUSTOMER.id, isSelf: false }, text: 'My order has not arrived' });
  });

  it('delivers a mention of the Page elsewhere (/{page-id}/tagged), once', async () => {
    const emulator = new FacebookEmulator();
    const mention = emulator.mention({ from: CUSTOMER, message: 'Great service from Acme Support today!' });
    const iterator = listen(createFacebook(emulator, { pollIntervalMs: 50 }));
    const [message] = await take(iterator, 1);
    expect(message).toMatchObject({ id: mention, kind: 'post', author: { id: CUSTOMER.id }, text: 'Great service from Acme Support today!' });
    const later = emulator.comment({ from: CUSTOMER, message: 'and a comment', on: emulator.post({ message: 'Hi', at: new Date(Date.now() - 1000) }) });
    expect(((await iterator.next()).value as Message).id).toBe(later);
  });
});

describe('feed and mention webhooks', () => {
  async function listening() {
    const emulator = new FacebookEmulator();
    const channel = createFacebook(emulator, { pollIntervalMs: HOUR });
    const iterator = listen(channel, new Date(Date.now() - 5000));
    const next = iterator.next();
    const polled = (part: string) => emulator.requests.some((request) => request.method === 'GET' && request.url.pathname.endsWith(part));
    await until(() => polled('/feed') && polled('/conversations') && polled('/tagged'), 5000, 'the first polls');
    return { emulator, webhook: channel.webhook!, iterator, next };
  }

  it('a visitor post (item: status, then item: post without created_time) is delivered at once, each once', async () => {
    const { emulator, webhook, iterator, next } = await listening();
    const status = emulator.post({ message: 'Are you open today?', from: CUSTOMER });
    await emulator.deliverWebhook(webhook, emulator.feedPostPayload(status, 'status'));
    expect((await next).value).toMatchObject({ id: status, kind: 'post', author: { id: CUSTOMER.id, isSelf: false }, text: 'Are you open today?' });
    await emulator.deliverWebhook(webhook, emulator.feedPostPayload(status, 'status')); // redelivered
    const post = emulator.post({ message: 'Photo of my broken item', from: CUSTOMER });
    await emulator.deliverWebhook(webhook, emulator.feedPostPayload(post, 'post'));
    expect(((await iterator.next()).value as Message)).toMatchObject({ id: post, kind: 'post', text: 'Photo of my broken item' });
  });

  it('mentions in a post elsewhere and in a comment are delivered; a mention on the Page\'s own feed comes once, from the feed change', async () => {
    const { emulator, webhook, iterator, next } = await listening();
    const mention = emulator.mention({ from: CUSTOMER, message: 'Thanks Acme Support!' });
    await emulator.deliverWebhook(webhook, emulator.mentionPayload(mention));
    expect((await next).value).toMatchObject({ id: mention, kind: 'post', text: 'Thanks Acme Support!' });
    const ownPost = emulator.post({ message: 'Tag us in your photos', at: new Date(Date.now() - 1000) });
    const comment = emulator.comment({ from: CUSTOMER, message: 'Acme Support you rock', on: ownPost });
    await emulator.deliverWebhook(webhook, emulator.mentionPayload(comment));
    await emulator.deliverWebhook(webhook, emulator.feedCommentPayload(comment));
    expect(((await iterator.next()).value as Message)).toMatchObject({ id: comment, kind: 'comment' });
    const last = emulator.post({ message: 'last', from: CUSTOMER });
    await emulator.deliverWebhook(webhook, emulator.feedPostPayload(last));
    expect(((await iterator.next()).value as Message).id).toBe(last);
  });
});
