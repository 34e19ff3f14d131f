/**
 * listen() on Google Business Profile: reviews.list by update time, paged back to the cursor; rating-only
 * reviews with empty text and their stars; a customer's edit delivered once with editedAt; a deleted
 * review never delivered; the owner's reply, even if it moved the review's updateTime, not taken for an edit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore, type Channel, type Message } from 'everywhere';
import { googleBusiness } from 'everywhere/google-business';
import { collect, nothingMoreBy, take } from '../conformance/helpers.js';
import { ACCOUNT_ID, LOCATION_ID, TOKEN, googleBusinessWorld } from './google-business-world.js';

let close: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

async function setup(options: Parameters<typeof googleBusinessWorld>[0] = {}) {
  const world = await googleBusinessWorld(options);
  const store = new MemoryStore();
  const open = () => {
    const channel = googleBusiness({ accountId: ACCOUNT_ID, locationId: LOCATION_ID, accessToken: TOKEN, store, pollIntervalMs: 20, id: 'gbp:test' });
    close.push(() => channel.close());
    return channel;
  };
  close.push(() => world.close());
  return { world, open };
}

function listen(channel: Channel, since = new Date(Date.now() - 1000)) {
  const controller = new AbortController();
  close.push(async () => controller.abort());
  return channel.listen({ since, signal: controller.signal })[Symbol.asyncIterator]();
}

const listReads = (world: Awaited<ReturnType<typeof googleBusinessWorld>>) => world.emulator.requests.filter((request) => request.method === 'GET' && request.path.includes('/reviews?'));

describe('Google Business Profile listen()', () => {
  it('delivers a rating-only review with empty text and its stars, and a review with a comment with its stars', async () => {
    const { world, open } = await setup();
    const iterator = listen(open());
    world.emulator.review({ stars: 5 });
    world.emulator.review({ stars: 2, comment: 'Rude staff.', reviewer: { displayName: 'Jo Doe', profilePhotoUrl: 'https://lh3.googleusercontent.com/a-/jo' } });
    const [ratingOnly, commented] = await take(iterator, 2);
    expect(ratingOnly).toMatchObject({ kind: 'review', text: '', rating: { value: 5, max: 5 }, platform: 'google-business', author: { isSelf: false } });
    expect(commented).toMatchObject({ kind: 'review', text: 'Rude staff.', rating: { value: 2, max: 5 }, author: { id: 'Jo Doe', name: 'Jo Doe', avatarUrl: 'https://lh3.googleusercontent.com/a-/jo' } });
    expect(commented!.threadId).toBe(commented!.id);
    expect(commented!.editedAt).toBeUndefined();
  });

  it('asks for update_time desc, 50 a page, and pages back to the cursor and no further', async () => {
    const { world, open } = await setup();
    const channel = open();
    const iterator = listen(channel);
    const first = iterator.next();
    for (let index = 0; index < 120; index++) world.emulator.review({ stars: 4, comment: `review ${index}` });
    const delivered = [(await first).value as Message, ...(await take(iterator, 119))];
    expect(delivered.map((message) => message.text)).toEqual(Array.from({ length: 120 }, (_, index) => `review ${index}`));
    const reads = listReads(world);
    expect(reads[0]!.url.searchParams.get('orderBy')).toBe('update_time desc');
    expect(reads[0]!.url.searchParams.get('pageSize')).toBe('50');
    // Now one new review: one page read finds it, and the walk stops at the cursor on that page.
    const before = listReads(world).length;
    world.emulator.review({ stars: 4, comment: 'one more' });
    expect((await take(iterator, 1))[0]!.text).toBe('one more');
    const after = listReads(world).slice(before);
    expect(after.every((request) => !request.url.searchParams.has('pageToken'))).toBe(true);
  });

  it("delivers a customer's edit once, with the same id, editedAt and the new text and stars", async () => {
    const { world, open } = await setup();
    const iterator = listen(open());
    const review = world.emulator.review({ stars: 2, comment: 'Cold pizza.' });
    const [original] = await take(iterator, 1);
    world.emulator.edit(review.reviewId, { comment: 'Cold pizza, but they refunded me.', stars: 4 });
    const [edited] = await take(iterator, 1);
    expect(edited).toMatchObject({ id: original!.id, text: 'Cold pizza, but they refunded me.', rating: { value: 4, max: 5 } });
    expect(edited!.editedAt!.getTime()).toBe(Date.parse(world.emulator.reviews.get(review.reviewId)!.updateTime));
    expect(edited!.createdAt.getTime()).toBe(original!.createdAt.getTime());
    const reads = listReads(world).length;
    expect(await nothingMoreBy(iterator, () => listReads(world).length >= reads + 3)).toBeUndefined();
  });

  it('an edit made while nobody listens comes after a restart, once', async () => {
    const { world, open } = await setup();
    const first = open();
    const iterator = listen(first);
    const review = world.emulator.review({ stars: 3, comment: 'OK.' });
    await take(iterator, 1);
    await iterator.return!();
    await first.close();
    world.emulator.edit(review.reviewId, { comment: 'OK, and the manager called me back.' });
    const resumed = listen(open(), new Date());
    const [edited] = await take(resumed, 1);
    expect(edited).toMatchObject({ id: review.reviewId, text: 'OK, and the manager called me back.' });
    expect(edited!.editedAt).toBeInstanceOf(Date);
  });

  it('a review deleted before it was read is never delivered, and the next one is', async () => {
    const { world, open } = await setup();
    const channel = open();
    const gone = world.emulator.review({ stars: 1, comment: 'Spam review.' });
    world.emulator.remove(gone.reviewId);
    world.emulator.review({ stars: 4, comment: 'Real review.' });
    const [message] = await take(listen(channel), 1);
    expect(message!.text).toBe('Real review.');
  });

  it("the owner's reply is not taken for an edit, even where the reply moves the review's updateTime", async () => {
    const { world, open } = await setup({ replyTouchesReview: true });
    const channel = open();
    const iterator = listen(channel);
    world.emulator.review({ stars: 3, comment: 'Three stars, slow service.' });
    const [review] = await take(iterator, 1);
    await channel.reply(review!, { text: 'Thanks, we added staff on weekends.' });
    world.emulator.review({ stars: 5, comment: 'Great!' });
    const [next] = await take(iterator, 1);
    expect(next!.text).toBe('Great!');
    // A real edit after the reply still comes.
    world.emulator.edit(review!.id, { comment: 'Three stars, slow service. Better since.' });
    const [edited] = await take(iterator, 1);
    expect(edited).toMatchObject({ id: review!.id, text: 'Three stars, slow service. Better since.' });
  });

  it('messages(): reviews newest first, rating-only ones included, and since passes over an old review edited lately', async () => {
    const { world, open } = await setup();
    const channel = open();
    const old = world.emulator.review({ stars: 4, comment: 'old' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const since = new Date();
    world.emulator.review({ stars: 5 });
    world.emulator.review({ stars: 1, comment: 'newest' });
    world.emulator.edit(old.reviewId, { comment: 'old, edited' });
    expect((await collect(channel.messages())).map((message) => message.text)).toEqual(['old, edited', 'newest', '']);
    expect((await collect(channel.messages({ since }))).map((message) => message.text)).toEqual(['newest', '']);
  });
});
