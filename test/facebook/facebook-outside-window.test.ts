/**
 * Reaching a person outside the 24-hour window, as Messenger allows it
 * (https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags,
 * https://developers.facebook.com/docs/messenger-platform/discovery/private-replies):
 * `humanAgent: true` answers with MESSAGE_TAG + HUMAN_AGENT (7 days); a private reply to a commenter goes to
 * `recipient: { comment_id }`, once per comment, within 7 days. The emulator enforces each rule.
 */
import { describe, expect, it } from 'vitest';
import { InvalidDraftError, PermissionError, type Message } from '../../src/index.js';
import { FacebookEmulator } from '../../src/testing/facebook/index.js';
import { collect, rejection } from '../conformance/helpers.js';
import { createFacebook, CUSTOMER } from './facebook-world.js';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

function rawSend(emulator: FacebookEmulator, body: unknown) {
  return emulator.handle(
    new Request(`https://graph.facebook.com/v26.0/${emulator.pageId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.pageAccessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    'https://graph.facebook.com',
  );
}

describe('HUMAN_AGENT', () => {
  it('humanAgent: true sends MESSAGE_TAG + HUMAN_AGENT and reaches a person who wrote 3 days ago', async () => {
    const emulator = new FacebookEmulator();
    emulator.messengerMessage({ from: CUSTOMER.id, text: 'Where is my refund?', at: daysAgo(3) });
    const sent = await createFacebook(emulator, { humanAgent: true }).send({ text: 'Sorry for the wait: refunded today. (Sam)', to: CUSTOMER.id });
    expect(JSON.parse(emulator.requests.at(-1)!.body)).toEqual({ recipient: { id: CUSTOMER.id }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'Sorry for the wait: refunded today. (Sam)' } });
    expect(sent.kind).toBe('direct');
    expect(emulator.conversation(CUSTOMER.id)!.messages.at(-1)!.tag).toBe('HUMAN_AGENT');
  });

  it('without it, the same answer is refused (24-hour window); with it, 8 days is too late', async () => {
    const emulator = new FacebookEmulator();
    emulator.messengerMessage({ from: CUSTOMER.id, text: 'Hello?', at: daysAgo(3) });
    expect(await rejection(createFacebook(emulator).send({ text: 'Hi', to: CUSTOMER.id }))).toBeInstanceOf(PermissionError);
    const late = new FacebookEmulator();
    late.messengerMessage({ from: CUSTOMER.id, text: 'Hello?', at: daysAgo(8) });
    expect(await rejection(createFacebook(late, { humanAgent: true }).send({ text: 'Hi', to: CUSTOMER.id }))).toBeInstanceOf(PermissionError);
    expect(emulator.created + late.created).toBe(0);
  });

  it('the emulator refuses MESSAGE_TAG without a tag, or with an unknown one', async () => {
    const emulator = new FacebookEmulator();
    emulator.messengerMessage({ from: CUSTOMER.id, text: 'Hi' });
    const noTag = await rawSend(emulator, { recipient: { id: CUSTOMER.id }, messaging_type: 'MESSAGE_TAG', message: { text: 'x' } });
    expect(noTag.status).toBe(400);
    expect((await noTag.json()).error).toMatchObject({ code: 100 });
    expect((await rawSend(emulator, { recipient: { id: CUSTOMER.id }, messaging_type: 'MESSAGE_TAG', tag: 'WHENEVER', message: { text: 'x' } })).status).toBe(400);
    expect(emulator.created).toBe(0);
  });

  it('humanAgent must be a boolean', () => {
    expect(() => createFacebook(new FacebookEmulator(), { humanAgent: 'yes' as unknown as boolean })).toThrow(TypeError);
  });
});

describe('private replies', () => {
  async function commented(at = new Date()) {
    const emulator = new FacebookEmulator();
    const postId = emulator.post({ message: 'Spring sale', at: daysAgo(10) });
    const commentId = emulator.comment({ from: CUSTOMER, message: 'What is my order status? #4411', on: postId, at });
    const channel = createFacebook(emulator);
    const comment = (await collect(channel.messages())).find((message: Message) => message.id === commentId)!;
    return { emulator, channel, comment };
  }

  it('reply(comment, { text, private: true }) is a Send API message to { comment_id }', async () => {
    const { emulator, channel, comment } = await commented();
    const sent = await channel.reply(comment, { text: 'It ships tomorrow: details here in private.', private: true });
    const body = JSON.parse(emulator.requests.at(-1)!.body);
    expect(body).toEqual({ recipient: { comment_id: comment.id }, messaging_type: 'RESPONSE', message: { text: 'It ships tomorrow: details here in private.' } });
    expect(sent).toMatchObject({ kind: 'direct', threadId: CUSTOMER.id, author: { isSelf: true } });
    expect(emulator.conversation(CUSTOMER.id)!.messages.at(-1)!.privateReplyTo).toBe(comment.id);
  });

  it('a second private reply to the same comment is a PermissionError (code 10900), sent once', async () => {
    const { emulator, channel, comment } = await commented();
    await channel.reply(comment, { text: 'First', private: true });
    const error = await rejection(channel.reply(comment, { text: 'Second', private: true, idempotencyKey: null }));
    expect(error).toBeInstanceOf(PermissionError);
    expect(emulator.created).toBe(1);
  });

  it('a comment older than 7 days cannot be answered privately', async () => {
    const { emulator, channel, comment } = await commented(daysAgo(8));
    expect(await rejection(channel.reply(comment, { text: 'Late', private: true }))).toBeInstanceOf(PermissionError);
    expect(emulator.created).toBe(0);
  });

  it('private: true only answers a comment, with text alone: refused before any request otherwise', async () => {
    const { emulator, channel, comment } = await commented();
    const before = emulator.requests.length;
    expect(await rejection(channel.send({ text: 'x', private: true }))).toBeInstanceOf(InvalidDraftError);
    expect(await rejection(channel.reply(comment, { text: 'x', private: true, attachments: [{ url: 'https://cdn.example/a.png' }] }))).toBeInstanceOf(InvalidDraftError);
    expect(emulator.requests.length).toBe(before);
  });
});
