/**
 * Comments held for review on YouTube: listed only with moderationStatus=heldForReview, and once approved
 * they keep their publishedAt, behind the published source's cursor by then. With `moderation: true` a
 * second source delivers them while held; approved later they are not delivered again, and one approved
 * before the held source saw it comes from the published source, once.
 */
import { afterEach, expect, it } from 'vitest';
import { MemoryStore, type Message } from 'everywhere';
import { youtube } from 'everywhere/youtube';
import { nothingMoreBy, take, until } from '../conformance/helpers.js';
import { CHANNEL_ID, RAISED_QUOTA, TOKEN, VIDEO, youtubeWorld } from './youtube-world.js';

let close: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

async function listening(moderation: boolean) {
  const world = await youtubeWorld();
  const channel = youtube({ channelId: CHANNEL_ID, accessToken: TOKEN, dailyQuota: RAISED_QUOTA, pollIntervalMs: 20, store: new MemoryStore(), moderation });
  const controller = new AbortController();
  close.push(() => world.close(), () => channel.close(), () => controller.abort());
  const iterator = channel.listen({ since: new Date(Date.now() - 1000), signal: controller.signal })[Symbol.asyncIterator]();
  return { world, iterator };
}

const statusOf = (message: Message) => (message.raw as { snippet: { moderationStatus: string } }).snippet.moderationStatus;

it('with moderation: true, a comment held for review is delivered while held, and not again once approved', async () => {
  const { world, iterator } = await listening(true);
  const held = world.emulator.comment({ videoId: VIDEO, text: 'Is this a scam? www.example.test', held: true });
  const [message] = await take(iterator, 1);
  expect(message!.id).toBe(held.id);
  expect(statusOf(message!)).toBe('heldForReview');
  const reads = world.emulator.requests.filter((request) => request.url.searchParams.get('moderationStatus') === 'heldForReview');
  expect(reads.length).toBeGreaterThan(0);
  world.emulator.approve(held.id);
  const later = world.emulator.comment({ videoId: VIDEO, text: 'A later, published comment' });
  const [next] = await take(iterator, 1);
  expect(next!.id).toBe(later.id);
  const published = world.emulator.requests.length;
  expect(await nothingMoreBy(iterator, () => world.emulator.requests.length > published + 6, 5000)).toBeUndefined();
});

it('with moderation: true, a held comment approved before any poll saw it comes once, from the published comments', async () => {
  const { world, iterator } = await listening(true);
  const pending = take(iterator, 1);
  await until(() => world.emulator.requests.length > 2, 5000, 'the first polls');
  const held = world.emulator.comment({ videoId: VIDEO, text: 'Approved at once', held: true });
  world.emulator.approve(held.id);
  const [message] = await pending;
  expect(message!.id).toBe(held.id);
  expect(statusOf(message!)).toBe('published');
  const reads = world.emulator.requests.length;
  expect(await nothingMoreBy(iterator, () => world.emulator.requests.length > reads + 6, 5000)).toBeUndefined();
});

it('without moderation, held comments are never asked for (the published comments only)', async () => {
  const { world, iterator } = await listening(false);
  world.emulator.comment({ videoId: VIDEO, text: 'Held', held: true });
  const published = world.emulator.comment({ videoId: VIDEO, text: 'Published' });
  expect((await take(iterator, 1))[0]!.id).toBe(published.id);
  expect(world.emulator.requests.some((request) => request.url.searchParams.has('moderationStatus'))).toBe(false);
});
