import { describe, expect, it } from 'vitest';
import { InvalidDraftError, PermissionError, PlatformError } from '../../src/index.js';
import { InstagramEmulator } from '../../src/testing/instagram/index.js';
import { collect, findInHistory, rejection } from '../conformance/helpers.js';
import { createInstagram, CUSTOMER } from './instagram-world.js';

const DAY = 24 * 60 * 60 * 1000;

function setup(options: Parameters<typeof createInstagram>[1] = {}) {
  const emulator = new InstagramEmulator();
  const mediaId = emulator.media({ caption: 'New arrivals', at: new Date(Date.now() - 60 * 60 * 1000) });
  const channel = createInstagram(emulator, options);
  const posts = () => emulator.requests.filter((request) => request.method === 'POST').map((request) => request.path.split('?')[0]);
  return { emulator, mediaId, channel, posts };
}

describe('Instagram replies', () => {
  it('answers a comment under it, and a reply to a reply under its top-level comment (Instagram threads one level deep)', async () => {
    const { emulator, mediaId, channel, posts } = setup();
    const top = emulator.comment({ from: CUSTOMER.id, username: CUSTOMER.username, text: 'Is this in blue?', on: mediaId });
    const nested = emulator.comment({ from: '6100000000000002', username: 'eli', text: 'I want to know too', on: top });
    const answer = await channel.reply(await findInHistory(channel, top), { text: 'Yes, in blue from Monday.' });
    expect(answer).toMatchObject({ kind: 'comment', threadId: top, parentId: top, author: { isSelf: true, id: emulator.instagramAccountId } });
    const second = await channel.reply(await findInHistory(channel, nested), { text: 'It is coming on Monday!' });
    expect(second.threadId).toBe(top);
    expect(posts()).toEqual([`/v26.0/${top}/replies`, `/v26.0/${top}/replies`]);
    expect(emulator.commentRecord(second.id)).toMatchObject({ parentId: top, text: 'It is coming on Monday!' });
    const thread = await collect(channel.thread(second));
    expect(thread.map((message) => message.id)).toEqual([top, nested, answer.id, second.id]);
  });

  it('refuses a reply to a hidden comment before any request (PermissionError)', async () => {
    const { emulator, mediaId, channel, posts } = setup();
    const hidden = emulator.comment({ from: CUSTOMER.id, text: 'buy followers here', on: mediaId });
    emulator.hideComment(hidden);
    const message = await findInHistory(channel, hidden);
    expect(message.raw).toMatchObject({ hidden: true });
    const before = emulator.requests.length;
    expect(await rejection(channel.reply(message, { text: 'No thanks' }))).toBeInstanceOf(PermissionError);
    expect(emulator.requests.length).toBe(before);
    expect(posts()).toEqual([]);
  });

  it('refuses a public reply on a live video before any request, and answers it privately instead', async () => {
    const { emulator, channel, posts } = setup();
    const live = emulator.media({ caption: 'Live from the store', productType: 'LIVE', at: new Date(Date.now() - 60_000) });
    const comment = emulator.comment({ from: CUSTOMER.id, username: CUSTOMER.username, text: 'How much is the red one?', on: live });
    const message = await findInHistory(channel, comment);
    const error = await rejection(channel.reply(message, { text: 'It is 20 euros' }));
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as Error).message).toContain('private reply');
    expect(posts()).toEqual([]);
    const answer = await channel.reply(message, { text: 'It is 20 euros', private: true });
    expect(answer).toMatchObject({ kind: 'direct', threadId: CUSTOMER.id, parentId: comment });
  });

  it('sends a private reply once per comment: the same draft again is the first answer, another text is refused by Instagram (PermissionError)', async () => {
    const { emulator, mediaId, channel } = setup();
    const comment = emulator.comment({ from: CUSTOMER.id, username: CUSTOMER.username, text: 'Can you DM me the price?', on: mediaId });
    const message = await findInHistory(channel, comment);
    const first = await channel.reply(message, { text: 'Sure: 20 euros.', private: true });
    expect(emulator.conversation(CUSTOMER.id)?.messages.map((item) => item.text)).toEqual(['Sure: 20 euros.']);
    const again = await channel.reply(message, { text: 'Sure: 20 euros.', private: true });
    expect(again.id).toBe(first.id);
    const refused = await rejection(channel.reply(message, { text: 'And free shipping!', private: true }));
    expect(refused).toBeInstanceOf(PermissionError);
    expect(emulator.created).toBe(1);
    // A public answer with the same text is another message.
    await channel.reply(message, { text: 'Sure: 20 euros.' });
    expect(emulator.created).toBe(2);
  });

  it('refuses a private reply to a comment older than 7 days, and one on a Direct message, before any request', async () => {
    const { emulator, mediaId, channel } = setup();
    const old = emulator.comment({ from: CUSTOMER.id, text: 'an old question', on: mediaId, at: new Date(Date.now() - 8 * DAY) });
    const message = await collect(channel.messages()).then((all) => all.find((item) => item.id === old)!);
    const mid = emulator.directMessage({ from: CUSTOMER.id, text: 'hi' });
    const direct = await findInHistory(channel, mid);
    const before = emulator.requests.length;
    expect(await rejection(channel.reply(message, { text: 'late', private: true }))).toBeInstanceOf(PermissionError);
    expect(await rejection(channel.reply(direct, { text: 'x', private: true }))).toBeInstanceOf(InvalidDraftError);
    expect(emulator.requests.length).toBe(before);
  });

  it('answers a Direct message outside the 24-hour window with HUMAN_AGENT when humanAgent is set; without it, PermissionError 10/2534022 (as on Facebook) and nothing sent', async () => {
    const { emulator } = setup();
    const mid = emulator.directMessage({ from: CUSTOMER.id, username: CUSTOMER.username, text: 'Anyone there?', at: new Date(Date.now() - 2 * DAY) });
    const plain = createInstagram(emulator);
    const message = (await collect(plain.messages())).find((item) => item.id === mid)!;
    const error = await rejection(plain.reply(message, { text: 'Sorry for the wait!' }));
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ platformCode: 10, platformSubcode: 2534022 });
    expect(emulator.created).toBe(0);
    const agent = createInstagram(emulator, { humanAgent: true });
    const answer = await agent.reply(message, { text: 'Sorry for the wait! Maria from support here.' });
    expect(answer).toMatchObject({ kind: 'direct', threadId: CUSTOMER.id, author: { isSelf: true } });
    const sent = emulator.requests.filter((request) => request.method === 'POST').map((request) => JSON.parse(request.body));
    expect(sent.at(-1)).toEqual({ recipient: { id: CUSTOMER.id }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'Sorry for the wait! Maria from support here.' } });
    expect(emulator.created).toBe(1);
  });

  it('refuses a text too long for a comment (2,200 characters) or a Direct message (1,000 bytes) before any request', async () => {
    const { emulator, mediaId, channel } = setup();
    const comment = await findInHistory(channel, emulator.comment({ from: CUSTOMER.id, text: 'question', on: mediaId }));
    const before = emulator.requests.length;
    expect(await rejection(channel.reply(comment, { text: 'a'.repeat(2201) }))).toBeInstanceOf(InvalidDraftError);
    expect(await rejection(channel.reply(comment, { text: 'é'.repeat(501), private: true }))).toBeInstanceOf(InvalidDraftError);
    expect(await rejection(channel.send({ text: 'hello', to: 'dana.customer' }))).toBeInstanceOf(InvalidDraftError);
    expect(emulator.requests.length).toBe(before);
    expect(emulator.created).toBe(0);
  });

  it('answers a tagged post by a comment on it (POST /{ig-user-id}/mentions)', async () => {
    const { emulator, channel } = setup();
    const tagged = emulator.media({ caption: 'Love my new bag from @acme.support', owner: '6100000000000009', tagsAccount: true });
    const mention = await findInHistory(channel, tagged);
    expect(mention).toMatchObject({ kind: 'post', threadId: tagged, author: { handle: 'customer_0009', isSelf: false } });
    const answer = await channel.reply(mention, { text: 'Thank you for tagging us!' });
    expect(answer.threadId).toBe(tagged);
    const body = new URLSearchParams(emulator.requests.at(-1)!.body);
    expect(emulator.requests.at(-1)!.path.split('?')[0]).toBe(`/v26.0/${emulator.instagramAccountId}/mentions`);
    expect(Object.fromEntries(body)).toEqual({ media_id: tagged, message: 'Thank you for tagging us!' });
  });
});
