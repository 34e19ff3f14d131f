/**
 * reply(): POST /v1/private/reviews/{id}/reply { authorBusinessUserId, message }; a second reply replaces the
 * first (editedAt); send() refused; an interrupted reply recovered from the review's reply, never posted twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError, InvalidDraftError, UnsupportedError } from 'everywhere';
import { trustpilot } from 'everywhere/trustpilot';
import { collect } from '../conformance/helpers.js';
import { baseOptions, BUSINESS_USER_ID, TOKEN, trustpilotWorld } from './trustpilot-world.js';

let close: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

async function setup() {
  const world = await trustpilotWorld();
  const channel = trustpilot({ ...baseOptions(), retry: { retries: 0 } });
  close.push(() => world.close(), () => channel.close());
  const stored = world.emulator.review({ stars: 3, text: 'Three stars: slow delivery.' });
  const [review] = await collect(channel.messages());
  return { emulator: world.emulator, channel, stored, review: review! };
}

describe('Trustpilot replies', () => {
  it('posts the documented request as the business user, and thread() reads it back', async () => {
    const { emulator, channel, stored, review } = await setup();
    const answer = await channel.reply(review, { text: 'Sorry about the delay: we have changed couriers.' });
    expect(answer).toMatchObject({ id: `${stored.id}/reply`, kind: 'reply', threadId: stored.id, parentId: stored.id, author: { id: BUSINESS_USER_ID, isSelf: true } });
    const post = emulator.requests.find((request) => request.method === 'POST')!;
    expect(post.path).toBe(`/v1/private/reviews/${stored.id}/reply`);
    expect(post.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(post.body)).toEqual({ authorBusinessUserId: BUSINESS_USER_ID, message: 'Sorry about the delay: we have changed couriers.' });
    expect((await collect(channel.thread(review))).map((message) => [message.kind, message.text])).toEqual([
      ['review', 'Three stars: slow delivery.'],
      ['reply', 'Sorry about the delay: we have changed couriers.'],
    ]);
  });

  it('a second reply replaces the first and says so in editedAt', async () => {
    const { emulator, channel, stored, review } = await setup();
    const first = await channel.reply(review, { text: 'Sorry!' });
    expect(first.editedAt).toBeUndefined();
    const second = await channel.reply(review, { text: 'Sorry! A voucher is on its way.' });
    expect(second.id).toBe(first.id);
    expect(second.editedAt).toBeInstanceOf(Date);
    expect(emulator.reviews.get(stored.id)!.companyReply!.text).toBe('Sorry! A voucher is on its way.');
  });

  it('send() and direct messages are UnsupportedError, an empty reply InvalidDraftError, with nothing on the wire', async () => {
    const { emulator, channel, review } = await setup();
    const before = emulator.requests.length;
    expect(await channel.send({ text: 'A post' }).catch((caught: unknown) => caught)).toBeInstanceOf(UnsupportedError);
    expect(await channel.send({ text: 'A word', to: 'A Customer' }).catch((caught: unknown) => caught)).toBeInstanceOf(UnsupportedError);
    expect(await channel.reply(review, { text: '  ' }).catch((caught: unknown) => caught)).toBeInstanceOf(InvalidDraftError);
    expect(emulator.requests.length).toBe(before);
  });

  it('after an ambiguous failure the same reply finds the one that landed, and posts nothing more', async () => {
    const { emulator, channel, stored, review } = await setup();
    const draft = { text: 'Thank you for the feedback.', idempotencyKey: 'tp-thanks' };
    emulator.fail({ match: { method: 'POST' }, status: 503, afterApply: true, body: { message: 'Service unavailable' } });
    const interrupted = await channel.reply(review, draft).catch((caught: unknown) => caught);
    expect(ChannelError.isInstance(interrupted) && interrupted.maybeDelivered).toBe(true);
    expect(await channel.reply(review, draft)).toMatchObject({ id: `${stored.id}/reply`, text: 'Thank you for the feedback.' });
    expect(emulator.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });
});
