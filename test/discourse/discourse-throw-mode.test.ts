/**
 * `rateLimit: { onLimit: 'throw' }` on Discourse: a 429 that says how long to wait (Retry-After,
 * extras.wait_seconds) is thrown at once, and marks the bucket spent until then, so the next call within
 * that wait is refused with RateLimitError before anything goes on the wire.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore, RateLimitError } from 'everywhere';
import { discourseWorld } from './discourse-world.js';

let close: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

describe('Discourse with onLimit: throw', () => {
  it('refuses a send within a reported wait without a request', async () => {
    const world = await discourseWorld();
    const channel = world.create({ store: new MemoryStore(), rateLimit: { onLimit: 'throw' } });
    close.push(() => world.close(), () => channel.close());
    // One post a minute: the second send is refused with a wait of about a minute.
    world.emulator.setLimit('POST /posts.json', { limit: 1, windowMs: 60_000 });

    await channel.send({ text: 'The first announcement of the day.', subject: 'First announcement today' });
    const refused = await channel.send({ text: 'The second announcement of the day.', subject: 'Second announcement today' }).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(RateLimitError);
    const resetAt = (refused as RateLimitError).resetAt!;
    expect(resetAt.getTime()).toBeGreaterThan(Date.now());

    const third = await channel.send({ text: 'The third announcement of the day.', subject: 'Third announcement today' }).catch((caught: unknown) => caught);
    expect(third).toBeInstanceOf(RateLimitError);
    // Refused by the spent bucket, not by Discourse: the wire saw one success and one 429, nothing more.
    const posts = world.emulator.requests.filter((request) => request.method === 'POST');
    expect(posts.map((request) => request.status)).toEqual([200, 429]);
    // It resets when Discourse said, not earlier.
    expect((third as RateLimitError).resetAt!.getTime()).toBeGreaterThanOrEqual(resetAt.getTime() - 1000);
    expect(channel.rateLimits()).toContainEqual(expect.objectContaining({ remaining: 0 }));
  });

  it('refuses it in another process sharing the store too', async () => {
    const world = await discourseWorld();
    const store = new MemoryStore();
    const first = world.create({ id: 'discourse:shared', store, rateLimit: { onLimit: 'throw' } });
    const second = world.create({ id: 'discourse:shared', store, rateLimit: { onLimit: 'throw' } });
    close.push(() => world.close(), () => first.close(), () => second.close());
    world.emulator.setLimit('POST /posts.json', { limit: 1, windowMs: 60_000 });

    await first.send({ text: 'The first announcement of the day.', subject: 'First announcement today' });
    expect(await first.send({ text: 'The second announcement of the day.', subject: 'Second announcement today' }).catch((caught: unknown) => caught)).toBeInstanceOf(RateLimitError);
    expect(await second.send({ text: 'The third announcement of the day.', subject: 'Third announcement today' }).catch((caught: unknown) => caught)).toBeInstanceOf(RateLimitError);
    expect(world.emulator.requests.filter((request) => request.method === 'POST').map((request) => request.status)).toEqual([200, 429]);
  });
});
