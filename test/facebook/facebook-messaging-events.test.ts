/**
 * `messaging` webhook events that are not new messages (shapes as restfb/restfb records them, see
 * src/testing/facebook/facebook-webhooks.ts): deletions, unsupported messages, reads, deliveries, postbacks
 * and reactions deliver nothing; an edit delivers the message again with `editedAt`; a `standby` message is
 * delivered once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel, Message } from '../../src/index.js';
import { FacebookEmulator } from '../../src/testing/facebook/index.js';
import { until } from '../conformance/helpers.js';
import { createFacebook, CUSTOMER } from './facebook-world.js';

const HOUR = 3_600_000;
const controllers: AbortController[] = [];
const channels: Channel[] = [];
afterEach(async () => {
  controllers.splice(0).forEach((controller) => controller.abort());
  await Promise.all(channels.splice(0).map((channel) => channel.close()));
});

/** A channel listening, its polls an hour apart: after the first ones, only the webhook delivers. */
async function listening() {
  const emulator = new FacebookEmulator();
  const channel = createFacebook(emulator, { pollIntervalMs: HOUR });
  channels.push(channel);
  const controller = new AbortController();
  controllers.push(controller);
  const iterator = channel.listen({ since: new Date(Date.now() - 5000), signal: controller.signal })[Symbol.asyncIterator]();
  const next = iterator.next();
  const polled = (part: string) => emulator.requests.some((request) => request.method === 'GET' && request.url.pathname.endsWith(part));
  await until(() => polled('/feed') && polled('/conversations'), 5000, 'the first polls');
  return { emulator, webhook: channel.webhook!, iterator, next };
}

describe('messaging events that are not new messages', () => {
  it('a deletion, an unsupported message, a read, a delivery, a postback and a reaction deliver nothing; the next real message comes next', async () => {
    const { emulator, webhook, next } = await listening();
    const first = emulator.messengerMessage({ from: CUSTOMER.id, text: 'Oops, wrong chat' });
    const payloads = [
      emulator.unsendMessengerMessage(first),
      emulator.conversationEventPayload('unsupported', CUSTOMER.id),
      emulator.conversationEventPayload('read', CUSTOMER.id),
      emulator.conversationEventPayload('delivery', CUSTOMER.id),
      emulator.conversationEventPayload('postback', CUSTOMER.id),
      emulator.conversationEventPayload('reaction', CUSTOMER.id),
    ];
    for (const payload of payloads) expect((await emulator.deliverWebhook(webhook, payload)).status).toBe(200);
    const real = emulator.messengerMessage({ from: CUSTOMER.id, text: 'Do you ship to Norway?' });
    await emulator.deliverWebhook(webhook, emulator.messagingPayload(real));
    const delivered = (await next).value as Message;
    expect(delivered).toMatchObject({ id: real, text: 'Do you ship to Norway?' });
  });

  it('an edit is delivered again: same id, the new text, editedAt; the same edit twice is delivered once', async () => {
    const { emulator, webhook, iterator, next } = await listening();
    const mid = emulator.messengerMessage({ from: CUSTOMER.id, text: 'Do you ship to Norwya?', at: new Date(Date.now() - 2000) });
    await emulator.deliverWebhook(webhook, emulator.messagingPayload(mid));
    expect(((await next).value as Message).text).toBe('Do you ship to Norwya?');
    const edit = emulator.editMessengerMessage(mid, 'Do you ship to Norway?');
    await emulator.deliverWebhook(webhook, edit);
    await emulator.deliverWebhook(webhook, edit); // Meta redelivers
    const edited = (await iterator.next()).value as Message;
    expect(edited).toMatchObject({ id: mid, kind: 'direct', threadId: CUSTOMER.id, text: 'Do you ship to Norway?' });
    expect(edited.editedAt).toBeInstanceOf(Date);
    const after = emulator.messengerMessage({ from: CUSTOMER.id, text: 'Thanks!' });
    await emulator.deliverWebhook(webhook, emulator.messagingPayload(after));
    expect(((await iterator.next()).value as Message).id).toBe(after);
  });

  it('a message under standby (another app owns the thread) is delivered once, not empty', async () => {
    const { emulator, webhook, next } = await listening();
    const mid = emulator.messengerMessage({ from: CUSTOMER.id, text: 'Hello? Anyone?' });
    await emulator.deliverWebhook(webhook, emulator.standbyPayload(mid));
    expect((await next).value).toMatchObject({ id: mid, text: 'Hello? Anyone?' });
  });
});
