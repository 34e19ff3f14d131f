/**
 * WordPress filters `after` on each comment's date in the site's zone, not on its GMT date. When summer
 * time ends, local dates repeat an hour: a comment written after the cursor can carry an earlier local
 * date. listen() asks from an hour before the cursor and filters to the second itself, and a poll walks
 * over the pages before the cursor without counting them, so a busy hour never stalls it.
 */
import { afterEach, expect, it } from 'vitest';
import { MemoryStore, type Channel } from 'everywhere';
import { wordpress } from 'everywhere/wordpress';
import { take } from '../conformance/helpers.js';
import { PASSWORD, SITE, wordpressWorld } from './wordpress-world.js';

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function listenOn(timezone: string, since: Date) {
  const world = await wordpressWorld({ timezone });
  cleanup.push(() => world.close());
  const channel: Channel = wordpress({ baseUrl: SITE, username: world.emulator.bot.login, applicationPassword: PASSWORD, store: new MemoryStore(), pollIntervalMs: 20 });
  cleanup.push(() => channel.close());
  const controller = new AbortController();
  cleanup.push(() => controller.abort());
  return { world, iterator: channel.listen({ since, signal: controller.signal })[Symbol.asyncIterator]() };
}

it('delivers a comment written after the cursor whose local date repeats an earlier hour (summer time ending)', async () => {
  // New York, 1 November 2026: 01:45 EDT is 05:45Z; at 06:00Z clocks go back, so 06:30Z is 01:30 EST.
  const { world, iterator } = await listenOn('America/New_York', new Date('2026-11-01T05:40:00Z'));
  const before = world.emulator.comment({ post: world.postId, content: 'At 01:45 summer time', by: 'Reader', dateGmt: Date.parse('2026-11-01T05:45:00Z') });
  expect((await take(iterator, 1))[0]!.id).toBe(String(before.id));
  const after = world.emulator.comment({ post: world.postId, content: 'At 01:30 winter time, 45 minutes later', by: 'Reader', dateGmt: Date.parse('2026-11-01T06:30:00Z') });
  const [next] = await take(iterator, 1);
  expect(next!.id).toBe(String(after.id));
  expect(next!.createdAt).toEqual(new Date('2026-11-01T06:30:00Z'));
});

it('walks over more than a poll of pages before the cursor and still delivers what follows it', async () => {
  const since = new Date(Math.floor(Date.now() / 1000) * 1000 - 10_000);
  const { world, iterator } = await listenOn('UTC', since);
  // 650 comments in the hour before `since`: seven pages of 100 that a poll reads and skips.
  for (let index = 0; index < 650; index++) world.emulator.comment({ post: world.postId, content: `old ${index}`, by: 'Reader', dateGmt: since.getTime() - 3_000_000 + index * 1000 });
  const fresh = world.emulator.comment({ post: world.postId, content: 'New since listen() began', by: 'Reader', dateGmt: since.getTime() + 1000 });
  const [message] = await take(iterator, 1);
  expect(message!.id).toBe(String(fresh.id));
});
