/**
 * reply(): PUT /v4/{review}/reply { comment } creates the one reply, a second replaces it (the answer
 * says so in editedAt); 4,096 bytes checked before any request; send() refused; an interrupted reply
 * recovered from the review's reply, never put twice; thread() is the review and its reply.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError, InvalidDraftError, UnsupportedError } from 'everywhere';
import { googleBusiness } from 'everywhere/google-business';
import { collect } from '../conformance/helpers.js';
import { ACCOUNT_ID, LOCATION_ID, TOKEN, googleBusinessWorld } from './google-business-world.js';

let close: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

async function setup() {
  const world = await googleBusinessWorld();
  const channel = googleBusiness({ accountId: ACCOUNT_ID, locationId: LOCATION_ID, accessToken: TOKEN, retry: { retries: 0 } });
  close.push(() => world.close(), () => channel.close());
  const stored = world.emulator.review({ stars: 3, comment: 'Three stars: the room was not ready at check-in.' });
  const [review] = await collect(channel.messages());
  return { world, channel, stored, review: review! };
}

const puts = (world: Awaited<ReturnType<typeof googleBusinessWorld>>) => world.emulator.requests.filter((request) => request.method === 'PUT');

describe('Google Business Profile replies', () => {
  it('puts the reply on the review with the documented request, and reads it back in thread()', async () => {
    const { world, channel, stored, review } = await setup();
    const answer = await channel.reply(review, { text: 'We are sorry: the next night is on us.' });
    expect(answer).toMatchObject({ id: `${stored.reviewId}/reply`, kind: 'reply', threadId: stored.reviewId, parentId: stored.reviewId, author: { isSelf: true }, text: 'We are sorry: the next night is on us.' });
    expect(answer.editedAt).toBeUndefined();
    const [put] = puts(world);
    expect(put!.path).toBe(`/v4/accounts/${ACCOUNT_ID}/locations/${LOCATION_ID}/reviews/${stored.reviewId}/reply`);
    expect(put!.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(put!.body)).toEqual({ comment: 'We are sorry: the next night is on us.' });
    const thread = await collect(channel.thread(review));
    expect(thread.map((message) => [message.kind, message.text])).toEqual([
      ['review', 'Three stars: the room was not ready at check-in.'],
      ['reply', 'We are sorry: the next night is on us.'],
    ]);
    expect((await collect(channel.thread(review.id))).map((message) => message.id)).toEqual([review.id, answer.id]);
  });

  it('a second reply replaces the first: one reply on the review, the answer has editedAt', async () => {
    const { world, channel, stored, review } = await setup();
    const first = await channel.reply(review, { text: 'Sorry about that.' });
    const second = await channel.reply(review, { text: 'Sorry about that: we refunded the first night.' });
    expect(second.id).toBe(first.id);
    expect(second.editedAt).toBeInstanceOf(Date);
    expect(second.createdAt.getTime()).toBe(first.createdAt.getTime());
    expect(second.editedAt!.getTime()).toBeGreaterThan(first.createdAt.getTime());
    expect(world.emulator.reviews.get(stored.reviewId)!.reply!.comment).toBe('Sorry about that: we refunded the first night.');
    expect(puts(world)).toHaveLength(2);
  });

  it('refuses a reply over 4,096 bytes before any request (bytes, not characters), and takes one of exactly 4,096', async () => {
    const { world, channel, review } = await setup();
    const before = world.emulator.requests.length;
    const error = await channel.reply(review, { text: 'é'.repeat(2049) }).catch((caught: unknown) => caught); // 4,098 bytes, 2,049 characters
    expect(error).toBeInstanceOf(InvalidDraftError);
    expect(world.emulator.requests.length).toBe(before);
    expect(await channel.reply(review, { text: 'é'.repeat(2048) })).toMatchObject({ kind: 'reply' });
  });

  it('send() is UnsupportedError, a direct message too, and nothing goes on the wire', async () => {
    const { world, channel } = await setup();
    const before = world.emulator.requests.length;
    expect(await channel.send({ text: 'A post on the profile' }).catch((caught: unknown) => caught)).toBeInstanceOf(UnsupportedError);
    expect(await channel.send({ text: 'A private word', to: 'A Customer' }).catch((caught: unknown) => caught)).toBeInstanceOf(UnsupportedError);
    expect(world.emulator.requests.length).toBe(before);
  });

  it('after an ambiguous failure, the same reply finds the one that landed instead of putting it again', async () => {
    const { world, channel, stored, review } = await setup();
    const draft = { text: 'Thank you, see you soon.', idempotencyKey: 'thanks-1' };
    world.emulator.fail({ match: { method: 'PUT' }, status: 503, afterApply: true, body: { error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } } });
    const interrupted = await channel.reply(review, draft).catch((caught: unknown) => caught);
    expect(ChannelError.isInstance(interrupted) && interrupted.maybeDelivered).toBe(true);
    const recovered = await channel.reply(review, draft);
    expect(recovered).toMatchObject({ id: `${stored.reviewId}/reply`, text: 'Thank you, see you soon.' });
    expect(puts(world)).toHaveLength(1);
  });

  it('after a failure where the reply did not land, the same reply is put once more (a PUT is safe to repeat)', async () => {
    const { world, channel, stored, review } = await setup();
    const draft = { text: 'Thank you, see you soon.', idempotencyKey: 'thanks-2' };
    world.emulator.fail({ match: { method: 'PUT' }, status: 503, body: { error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } } });
    expect(ChannelError.isInstance(await channel.reply(review, draft).catch((caught: unknown) => caught))).toBe(true);
    await channel.reply(review, draft);
    expect(world.emulator.reviews.get(stored.reviewId)!.reply!.comment).toBe('Thank you, see you soon.');
    expect(puts(world)).toHaveLength(2);
  });
});
