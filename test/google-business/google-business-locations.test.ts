/**
 * Several locations in one channel: `locationIds` reads them together with locations:batchGetReviews
 * (POST, a read: the documented body), delivers each location's reviews, and replies on the right one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { googleBusiness } from 'everywhere/google-business';
import { collect, take } from '../conformance/helpers.js';
import { ACCOUNT_ID, TOKEN, googleBusinessWorld } from './google-business-world.js';

let close: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

const SHOPS = ['111', '222'];

describe('Google Business Profile with several locations', () => {
  it('reads every location with batchGetReviews, listens to all, and replies on the review of each', async () => {
    const world = await googleBusinessWorld({ locationIds: SHOPS });
    const channel = googleBusiness({ accountId: ACCOUNT_ID, locationIds: SHOPS, accessToken: TOKEN, pollIntervalMs: 20 });
    const controller = new AbortController();
    close.push(() => world.close(), () => channel.close(), async () => controller.abort());
    const iterator = channel.listen({ since: new Date(Date.now() - 1000), signal: controller.signal })[Symbol.asyncIterator]();
    const north = world.emulator.review({ stars: 2, comment: 'North shop: long queue.', locationId: '111' });
    const south = world.emulator.review({ stars: 5, locationId: '222' });
    const delivered = await take(iterator, 2);
    expect(delivered.map((message) => [message.id, message.text, message.rating?.value])).toEqual([
      [north.reviewId, 'North shop: long queue.', 2],
      [south.reviewId, '', 5],
    ]);
    const batch = world.emulator.requests.find((request) => request.method === 'POST')!;
    expect(batch.path).toBe(`/v4/accounts/${ACCOUNT_ID}/locations:batchGetReviews`);
    expect(JSON.parse(batch.body)).toEqual({ locationNames: [`accounts/${ACCOUNT_ID}/locations/111`, `accounts/${ACCOUNT_ID}/locations/222`], orderBy: 'update_time desc', pageSize: 200 });
    await channel.reply(delivered[1]!, { text: 'Thank you for the five stars!' });
    expect(world.emulator.reviews.get(south.reviewId)!.reply!.comment).toBe('Thank you for the five stars!');
    expect(world.emulator.requests.find((request) => request.method === 'PUT')!.path).toBe(`/v4/accounts/${ACCOUNT_ID}/locations/222/reviews/${south.reviewId}/reply`);
    expect((await collect(channel.messages())).map((message) => message.id)).toEqual([south.reviewId, north.reviewId]);
  });
});
