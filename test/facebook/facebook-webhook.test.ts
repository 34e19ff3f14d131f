import { afterEach, describe, expect, it } from 'vitest';
import type { Channel, Message } from '../../src/index.js';
import { FacebookEmulator } from '../../src/testing/facebook/index.js';
import { nothingWithin } from '../conformance/helpers.js';
import { createFacebook, CUSTOMER } from './facebook-world.js';

const controllers: AbortController[] = [];
const channels: Channel[] = [];
afterEach(async () => {
  controllers.splice(0).forEach((controller) => controller.abort());
  await Promise.all(channels.splice(0).map((channel) => channel.close()));
});

function setup(options: Parameters<typeof createFacebook>[1] = {}) {
  const emulator = new FacebookEmulator();
  const postId = emulator.post({ message: 'New opening hours from Monday.', at: new Date(Date.now() - 60_000) });
  const channel = createFacebook(emulator, { pollIntervalMs: 50, ...options });
  channels.push(channel);
  return { emulator, postId, channel, webhook: channel.webhook! };
}

function listen(channel: Channel) {
  const controller = new AbortController();
  controllers.push(controller);
  return channel.listen({ since: new Date(Date.now() - 5000), signal: controller.signal })[Symbol.asyncIterator]();
}

describe('webhook handshake', () => {
  it('answers hub.challenge when the verify token matches, 403 otherwise', async () => {
    const { webhook } = setup();
    const ok = await webhook(new Request('https://bot.example/facebook?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444'));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await webhook(new Request('https://bot.example/facebook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444'));
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain('1158201444');
    const noMode = await webhook(new Request('https://bot.example/facebook?hub.verify_token=verify-me&hub.challenge=1'));
    expect(noMode.status).toBe(403);
  });
});

describe('webhook events', () => {
  it('a bad or missing X-Hub-Signature-256 is a 401 and nothing is delivered', async () => {
    const { emulator, postId, channel, webhook } = setup({ pollIntervalMs: 60_000 });
    const iterator = listen(channel);
    const first = iterator.next(); // the first poll runs now, before the comment
    await new Promise((resolve) => setTimeout(resolve, 100));
    const id = emulator.comment({ from: CUSTOMER, message: 'Forged?', on: postId });
    const payload = emulator.feedCommentPayload(id);
    const forged = await emulator.deliverWebhook(webhook, payload, { signature: 'sha256=' + '0'.repeat(64) });
    const missing = await emulator.deliverWebhook(webhook, payload, { signature: null });
    const otherSecret = await new FacebookEmulator({ appSecret: 'another-secret' }).deliverWebhook(webhook, payload);
    expect([forged.status, missing.status, otherSecret.status]).toEqual([401, 401, 401]);
    const next = await Promise.race([first, new Promise((resolve) => setTimeout(() => resolve('nothing'), 300))]);
    expect(next).toBe('nothing');
  });

  it('delivers a signed comment at once, and the poll of the same comment does not deliver it again', async () => {
    const { emulator, postId, channel, webhook } = setup({ pollIntervalMs: 60_000 });
    const iterator = listen(channel);
    const first = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 100)); // the first poll has run: the next is a minute away
    const id = emulator.comment({ from: CUSTOMER, message: 'Do you open on Sunday?', on: postId });
    const response = await emulator.deliverWebhook(webhook, emulator.feedCommentPayload(id));
    expect(response.status).toBe(200);
    const pushed = (await first).value as Message;
    expect(pushed).toMatchObject({ id, kind: 'comment', threadId: postId, parentId: postId, text: 'Do you open on Sunday?', author: { id: CUSTOMER.id, isSelf: false } });

    // A second listener with the same store polls right away: it sees the comment and must not deliver it.
    const again = await emulator.deliverWebhook(webhook, emulator.feedCommentPayload(id)); // Meta redelivers too
    expect(again.status).toBe(200);
    expect(await nothingWithin(iterator, 300)).toBeUndefined();
  });

  it('a webhook and a poll of the same comment, the poll first, deliver it once', async () => {
    const { emulator, postId, channel, webhook } = setup({ pollIntervalMs: 50 });
    const iterator = listen(channel);
    const pending = iterator.next();
    const id = emulator.comment({ from: CUSTOMER, message: 'Is the shop open?', on: postId });
    const polled = (await pending).value as Message;
    expect(polled.id).toBe(id);
    await emulator.deliverWebhook(webhook, emulator.feedCommentPayload(id));
    expect(await nothingWithin(iterator, 300)).toBeUndefined();
  });

  it('delivers a Messenger message once from webhook and poll, skips echoes of the Page', async () => {
    const { emulator, channel, webhook } = setup({ pollIntervalMs: 60_000 });
    const iterator = listen(channel);
    const first = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const mid = emulator.messengerMessage({ from: CUSTOMER.id, name: CUSTOMER.name, text: 'Where is my parcel?' });
    await emulator.deliverWebhook(webhook, emulator.messagingPayload(mid));
    const pushed = (await first).value as Message;
    expect(pushed).toMatchObject({ id: mid, kind: 'direct', threadId: CUSTOMER.id, author: { id: CUSTOMER.id, isSelf: false } });
    const answer = await channel.reply(pushed, { text: 'It arrives tomorrow.' });
    const echo = await emulator.deliverWebhook(webhook, emulator.messagingPayload(answer.id));
    expect(echo.status).toBe(200);
    expect(await nothingWithin(iterator, 300)).toBeUndefined();
  });

  it('reads the older feed shape (sender_id / sender_name, numeric ids) as recorded by restfb', async () => {
    const { emulator, postId, channel, webhook } = setup({ pollIntervalMs: 60_000 });
    const iterator = listen(channel);
    const first = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const seconds = Math.floor(Date.now() / 1000);
    const payload = {
      object: 'page',
      entry: [{ id: emulator.pageId, time: seconds, changes: [{ field: 'feed', value: { item: 'comment', verb: 'add', comment_id: `${postId.split('_')[1]}_77`, post_id: postId, parent_id: postId, sender_id: 7000000002, sender_name: 'Tester', created_time: seconds, message: 'and the next one' } }] }],
    };
    await emulator.deliverWebhook(webhook, payload);
    const message = (await first).value as Message;
    expect(message).toMatchObject({ text: 'and the next one', author: { id: '7000000002', name: 'Tester' } });
  });
});
