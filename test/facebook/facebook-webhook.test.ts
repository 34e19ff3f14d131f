import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore, type Channel, type Message } from '../../src/index.js';
import { FacebookEmulator } from '../../src/testing/facebook/index.js';
import { until } from '../conformance/helpers.js';
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

/** Webhook tests poll an hour apart: after the first polls, a delivery can only have come through the webhook. */
const HOUR = 3_600_000;

/** Both listen sources (Page feed comments, Messenger conversations) have sent their first poll. */
function firstPollsSent(emulator: FacebookEmulator): Promise<void> {
  const polled = (part: string) => emulator.requests.some((request) => request.method === 'GET' && request.path.split('?')[0]!.endsWith(part));
  return until(() => polled('/feed') && polled('/conversations'), 5000, 'the first poll of each source');
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
    const { emulator, postId, channel, webhook } = setup({ pollIntervalMs: HOUR });
    const iterator = listen(channel);
    const first = iterator.next(); // the first poll runs now, before the comment
    await firstPollsSent(emulator);
    const id = emulator.comment({ from: CUSTOMER, message: 'Forged?', on: postId });
    const payload = emulator.feedCommentPayload(id);
    const forged = await emulator.deliverWebhook(webhook, payload, { signature: 'sha256=' + '0'.repeat(64) });
    const missing = await emulator.deliverWebhook(webhook, payload, { signature: null });
    const otherSecret = await new FacebookEmulator({ appSecret: 'another-secret' }).deliverWebhook(webhook, payload);
    expect([forged.status, missing.status, otherSecret.status]).toEqual([401, 401, 401]);
    // A signed delivery after them is the next message: none of the refused ones was queued.
    const signed = emulator.comment({ from: CUSTOMER, message: 'Signed.', on: postId });
    expect((await emulator.deliverWebhook(webhook, emulator.feedCommentPayload(signed))).status).toBe(200);
    expect(((await first).value as Message).id).toBe(signed);
  });

  it('delivers a signed comment at once, and the poll of the same comment does not deliver it again', async () => {
    const store = new MemoryStore();
    const { emulator, postId, channel, webhook } = setup({ pollIntervalMs: HOUR, store });
    const iterator = listen(channel);
    const first = iterator.next();
    await firstPollsSent(emulator); // the next polls are an hour away
    const id = emulator.comment({ from: CUSTOMER, message: 'Do you open on Sunday?', on: postId });
    const response = await emulator.deliverWebhook(webhook, emulator.feedCommentPayload(id));
    expect(response.status).toBe(200);
    const pushed = (await first).value as Message;
    expect(pushed).toMatchObject({ id, kind: 'comment', threadId: postId, parentId: postId, text: 'Do you open on Sunday?', author: { id: CUSTOMER.id, isSelf: false } });

    const again = await emulator.deliverWebhook(webhook, emulator.feedCommentPayload(id)); // Meta redelivers too
    expect(again.status).toBe(200);
    // A later signed comment is the next message: the redelivery was not queued.
    const later = emulator.comment({ from: CUSTOMER, message: 'And on Monday?', on: postId });
    await emulator.deliverWebhook(webhook, emulator.feedCommentPayload(later));
    expect(((await iterator.next()).value as Message).id).toBe(later);
    await iterator.return!(); // done with both
    // A restarted listener with the same store polls at once: it finds the two pushed comments and a
    // third nobody pushed, oldest first. The third is the next message: the poll did not deliver the others again.
    const unpushed = emulator.comment({ from: CUSTOMER, message: 'Only the poll sees this one.', on: postId });
    const second = createFacebook(emulator, { pollIntervalMs: HOUR, store });
    channels.push(second);
    expect(((await listen(second).next()).value as Message).id).toBe(unpushed);
  });

  it('a webhook and a poll of the same comment, the poll first, deliver it once', async () => {
    const { emulator, postId, channel, webhook } = setup({ pollIntervalMs: 50 });
    const iterator = listen(channel);
    const pending = iterator.next();
    const id = emulator.comment({ from: CUSTOMER, message: 'Is the shop open?', on: postId });
    const polled = (await pending).value as Message;
    expect(polled.id).toBe(id);
    await emulator.deliverWebhook(webhook, emulator.feedCommentPayload(id));
    // A later comment, only polled, is the next message: the pushed copy of the first was not queued.
    const later = emulator.comment({ from: CUSTOMER, message: 'And is it open tomorrow?', on: postId });
    expect(((await iterator.next()).value as Message).id).toBe(later);
  });

  it('delivers a Messenger message once from webhook and poll, skips echoes of the Page', async () => {
    const store = new MemoryStore();
    const { emulator, channel, webhook } = setup({ pollIntervalMs: HOUR, store });
    const iterator = listen(channel);
    const first = iterator.next();
    await firstPollsSent(emulator); // the next polls are an hour away
    const mid = emulator.messengerMessage({ from: CUSTOMER.id, name: CUSTOMER.name, text: 'Where is my parcel?' });
    await emulator.deliverWebhook(webhook, emulator.messagingPayload(mid));
    const pushed = (await first).value as Message;
    expect(pushed).toMatchObject({ id: mid, kind: 'direct', threadId: CUSTOMER.id, author: { id: CUSTOMER.id, isSelf: false } });
    const answer = await channel.reply(pushed, { text: 'It arrives tomorrow.' });
    const echo = await emulator.deliverWebhook(webhook, emulator.messagingPayload(answer.id));
    expect(echo.status).toBe(200);
    // The next pushed message is the next one delivered: the echo was skipped.
    const next = emulator.messengerMessage({ from: CUSTOMER.id, name: CUSTOMER.name, text: 'Thanks!' });
    await emulator.deliverWebhook(webhook, emulator.messagingPayload(next));
    expect(((await iterator.next()).value as Message).id).toBe(next);
    await iterator.return!();
    // A restarted listener polls at once and finds all of them, oldest first: only the unpushed one is new.
    const unpushed = emulator.messengerMessage({ from: CUSTOMER.id, name: CUSTOMER.name, text: 'Only the poll sees this one.' });
    const second = createFacebook(emulator, { pollIntervalMs: HOUR, store });
    channels.push(second);
    expect(((await listen(second).next()).value as Message).id).toBe(unpushed);
  });

  it('reads the older feed shape (sender_id / sender_name, numeric ids) as recorded by restfb', async () => {
    const { emulator, postId, channel, webhook } = setup({ pollIntervalMs: HOUR });
    const iterator = listen(channel);
    const first = iterator.next();
    await firstPollsSent(emulator); // the next polls are an hour away
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
