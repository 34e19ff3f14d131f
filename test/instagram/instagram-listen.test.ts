import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore, type Channel, type Message } from '../../src/index.js';
import { InstagramEmulator } from '../../src/testing/instagram/index.js';
import { grownBy, nothingMoreBy, take, until } from '../conformance/helpers.js';
import { createInstagram, CUSTOMER } from './instagram-world.js';

const controllers: AbortController[] = [];
const channels: Channel[] = [];
afterEach(async () => {
  controllers.splice(0).forEach((controller) => controller.abort());
  await Promise.all(channels.splice(0).map((channel) => channel.close()));
});

function setup(options: Parameters<typeof createInstagram>[1] = {}) {
  const emulator = new InstagramEmulator();
  const mediaId = emulator.media({ caption: 'New arrivals', at: new Date(Date.now() - 60 * 60 * 1000) });
  const channel = createInstagram(emulator, { pollIntervalMs: 50, store: new MemoryStore(), ...options });
  channels.push(channel);
  const controller = new AbortController();
  controllers.push(controller);
  const listen = (since = new Date(Date.now() - 5000)) => channel.listen({ since, signal: controller.signal })[Symbol.asyncIterator]();
  const reads = () => emulator.requests.filter((request) => request.method === 'GET').length;
  return { emulator, mediaId, channel, listen, reads };
}

describe('Instagram listen()', () => {
  it('delivers new comments, replies under older comments, media that tags the account and Direct messages, each once and never its own', async () => {
    const { emulator, mediaId, channel, listen, reads } = setup();
    const old = emulator.comment({ from: CUSTOMER.id, text: 'an old question', on: mediaId, at: new Date(Date.now() - 2 * 60 * 60 * 1000) });
    const iterator = listen();
    const pending = iterator.next();
    await until(grownBy(reads, 3));
    const reply = emulator.comment({ from: '6100000000000002', username: 'eli', text: 'same question here', on: old });
    const first = (await pending).value as Message;
    expect(first).toMatchObject({ id: reply, kind: 'comment', threadId: old, parentId: old, author: { id: '6100000000000002', handle: 'eli', isSelf: false } });
    await channel.reply(first, { text: 'We answered above!' });
    const tagged = emulator.media({ caption: 'Look what I got @acme.support', owner: '6100000000000009', tagsAccount: true });
    const mid = emulator.directMessage({ from: CUSTOMER.id, username: CUSTOMER.username, text: 'hello in DM' });
    const next = await take(iterator, 2);
    expect(next.map((message) => [message.id, message.kind]).sort()).toEqual([[mid, 'direct'], [tagged, 'post']].sort());
    expect(await nothingMoreBy(iterator, grownBy(reads, 6 * 3))).toBeUndefined();
  });

  it('follows the comment pages of a media while every comment on a page is new (more than one nested page of new comments)', async () => {
    const { emulator, mediaId, listen, reads } = setup({ pollIntervalMs: 60_000 });
    const since = new Date(Date.now() - 1000);
    for (let index = 0; index < 60; index++) emulator.comment({ from: `61000000000001${String(index).padStart(2, '0')}`, text: `comment ${index}`, on: mediaId });
    const iterator = listen(since);
    const all = await take(iterator, 60);
    expect(new Set(all.map((message) => message.text)).size).toBe(60);
    expect(emulator.requests.some((request) => request.path.startsWith(`/v26.0/${mediaId}/comments`))).toBe(true);
    expect(await nothingMoreBy(iterator, () => reads() > 0)).toBeUndefined();
  });

  it('delivers a comment that arrives by webhook and by polling once, and a delivery made twice once', async () => {
    const { emulator, mediaId, channel, listen, reads } = setup();
    const iterator = listen();
    const pending = iterator.next();
    await until(grownBy(reads, 3));
    const comment = emulator.comment({ from: CUSTOMER.id, username: CUSTOMER.username, text: 'Do you ship to Norway?', on: mediaId });
    const payload = emulator.commentsPayload(comment);
    expect((await emulator.deliverWebhook(channel.webhook!, payload)).status).toBe(200);
    expect((await emulator.deliverWebhook(channel.webhook!, payload)).status).toBe(200);
    expect(((await pending).value as Message).id).toBe(comment);
    expect(await nothingMoreBy(iterator, grownBy(reads, 6 * 3))).toBeUndefined();
  });

  it('delivers a Direct message by webhook at once (polls 60 s apart), and never an echo of its own or a deletion', async () => {
    const { emulator, channel, listen, reads } = setup({ pollIntervalMs: 60_000 });
    const iterator = listen();
    const pending = iterator.next();
    await until(grownBy(reads, 3));
    const mid = emulator.directMessage({ from: CUSTOMER.id, username: CUSTOMER.username, text: 'Is the shop open today?' });
    await emulator.deliverWebhook(channel.webhook!, emulator.messagesPayload(mid));
    const message = (await pending).value as Message;
    expect(message).toMatchObject({ id: mid, kind: 'direct', threadId: CUSTOMER.id, text: 'Is the shop open today?' });
    const echo = await channel.reply(message, { text: 'Yes, until 6 pm.' });
    await emulator.deliverWebhook(channel.webhook!, emulator.messagesPayload(echo.id));
    const deleted = { object: 'instagram', entry: [{ id: emulator.instagramAccountId, time: 1, messaging: [{ sender: { id: CUSTOMER.id }, recipient: { id: emulator.instagramAccountId }, timestamp: Date.now(), message: { mid: 'aWdfZAG-deleted', is_deleted: true } }] }] };
    await emulator.deliverWebhook(channel.webhook!, deleted);
    expect(await nothingMoreBy(iterator, () => true)).toBeUndefined();
  });

  it('reads a mention by webhook through mentioned_comment, and answers it under the comment by POST /{ig-user-id}/mentions', async () => {
    const { emulator, channel, listen, reads } = setup({ pollIntervalMs: 60_000 });
    const theirs = emulator.media({ caption: 'Brunch spots', owner: '6100000000000009' });
    const iterator = listen();
    const pending = iterator.next();
    await until(grownBy(reads, 3));
    const comment = emulator.comment({ from: '6100000000000008', text: '@acme.support do you deliver here?', on: theirs });
    await emulator.deliverWebhook(channel.webhook!, emulator.mentionsPayload({ mediaId: theirs, commentId: comment }));
    const mention = (await pending).value as Message;
    expect(mention).toMatchObject({ id: comment, kind: 'comment', threadId: comment, parentId: theirs, text: '@acme.support do you deliver here?' });
    await channel.reply(mention, { text: 'We do!' });
    const last = emulator.requests.at(-1)!;
    expect(last.path.split('?')[0]).toBe(`/v26.0/${emulator.instagramAccountId}/mentions`);
    expect(Object.fromEntries(new URLSearchParams(last.body))).toEqual({ media_id: theirs, comment_id: comment, message: 'We do!' });
  });

  it('delivers a comment on a live video (webhook field live_comments), which is answered privately, never publicly', async () => {
    const { emulator, channel, listen, reads } = setup({ pollIntervalMs: 60_000 });
    const live = emulator.media({ caption: 'Live from the shop', productType: 'LIVE', at: new Date(Date.now() - 60_000) });
    const iterator = listen();
    const pending = iterator.next();
    await until(grownBy(reads, 3));
    const comment = emulator.comment({ from: CUSTOMER.id, username: CUSTOMER.username, text: 'How much is the red one?', on: live });
    const payload = emulator.commentsPayload(comment) as { entry: Array<{ changes: Array<{ field: string }> }> };
    expect(payload.entry[0]!.changes[0]!.field).toBe('live_comments');
    await emulator.deliverWebhook(channel.webhook!, payload);
    const message = (await pending).value as Message;
    expect(message).toMatchObject({ id: comment, raw: { media: { id: live, media_product_type: 'LIVE' } } });
    expect(await channel.reply(message, { text: '20 euros', private: true }).catch(() => undefined)).toMatchObject({ kind: 'direct' });
  });

  it('answers the subscription handshake and refuses a bad or missing signature with 401', async () => {
    const { emulator, channel } = setup();
    const ok = await channel.webhook!(new Request('https://bot.example/ig?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444'));
    expect(await ok.text()).toBe('1158201444');
    expect((await channel.webhook!(new Request('https://bot.example/ig?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1'))).status).toBe(403);
    const payload = emulator.commentsPayload(emulator.comment({ from: CUSTOMER.id, text: 'hi', on: emulator.media({ caption: 'x' }) }));
    expect((await emulator.deliverWebhook(channel.webhook!, payload, { signature: 'sha256=00' })).status).toBe(401);
    expect((await emulator.deliverWebhook(channel.webhook!, payload, { signature: null })).status).toBe(401);
  });
});
