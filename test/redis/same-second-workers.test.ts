/**
 * WordPress and Flickr give a comment the position "<second>:<ids delivered in that second>", so what a
 * poll saw before a comment decides its position. Two workers sharing a RedisStore (real redis-server)
 * can then see one comment at two positions: one worker polled before an older comment of the same
 * second became visible (approved from moderation), the other after. The comment is still delivered once:
 * these sources name a message by its id in the leases and done markers the workers share.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, Message } from '../../src/index.js';
import { RedisStore } from '../../src/redis/index.js';
import { take, until } from '../conformance/helpers.js';
import { CUSTOMER, flickrWorld } from '../flickr/flickr-world.js';
import { wordpressWorld } from '../wordpress/wordpress-world.js';
import { redisAvailable, startRedisServer, type RedisServer } from './redis-server.js';

const LEASE_MS = 200; // workers recheck what another holds every LEASE_MS / 4

interface SameSecond {
  create(store: RedisStore, id: string): Channel;
  /** Two comments of one second: `hidden` (the older id) is not yet visible to a poll, `visible` is. */
  twoInOneSecond(): { hidden: string; visible: string; reveal(): void };
  /** One more comment, a few seconds later. */
  later(): string;
  close(): Promise<void>;
}

async function wordpressSameSecond(): Promise<SameSecond> {
  const world = await wordpressWorld();
  const { emulator, postId } = world;
  return {
    create: (store, id) => world.create({ store, id, pollIntervalMs: 60_000 }),
    twoInOneSecond() {
      const second = Math.floor(Date.now() / 1000) - 2;
      const hidden = emulator.comment({ post: postId, content: 'Held for moderation, approved later', by: 'Held Customer', status: 'hold', dateGmt: second * 1000 });
      const visible = emulator.comment({ post: postId, content: 'Approved at once', by: 'A Customer', dateGmt: second * 1000 });
      return { hidden: String(hidden.id), visible: String(visible.id), reveal: () => void (hidden.status = 'approved') };
    },
    later: () => String(emulator.comment({ post: postId, content: 'A later question', by: 'A Customer' }).id),
    close: () => world.close(),
  };
}

async function flickrSameSecond(): Promise<SameSecond> {
  const world = await flickrWorld();
  const { emulator, photoId } = world;
  return {
    create: (store, id) => world.create({ store, id, pollIntervalMs: 60_000 }),
    twoInOneSecond() {
      const at = (Math.floor(Date.now() / 1000) - 40) * 1000; // older than the poll's horizon (Flickr's clock)
      const hidden = emulator.comment({ by: CUSTOMER, photoId, text: 'Written first, shown late', at });
      const visible = emulator.comment({ by: CUSTOMER, photoId, text: 'Written in the same second', at });
      const comments = emulator.photos.get(photoId)!.comments;
      const held = comments.splice(comments.findIndex((comment) => comment.id === hidden), 1)[0]!;
      return { hidden, visible, reveal: () => void comments.unshift(held) };
    },
    later: () => emulator.comment({ by: CUSTOMER, photoId, text: 'A later question', at: Date.now() - 35_000 }),
    close: () => world.close(),
  };
}

describe.runIf(redisAvailable())('one comment at two positions, two workers, one RedisStore', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  for (const [name, make] of [['wordpress', wordpressSameSecond], ['flickr', flickrSameSecond]] as const) {
    it(`${name}: a comment seen at two positions is delivered once`, async () => {
      const platform = await make();
      const stores = [new RedisStore({ url: redis.url }), new RedisStore({ url: redis.url })];
      const channelId = `${name}:same-second:${Date.now()}`;
      const [first, second] = stores.map((store) => platform.create(store, channelId)) as [Channel, Channel];
      const controller = new AbortController();
      const controllerB = new AbortController();
      try {
        const { hidden, visible, reveal } = platform.twoInOneSecond();
        const since = new Date(Date.now() - 60_000);
        const a = first.listen({ since, signal: controller.signal, leaseMs: LEASE_MS })[Symbol.asyncIterator]();
        const b = second.listen({ since, signal: controllerB.signal, leaseMs: LEASE_MS })[Symbol.asyncIterator]();
        const delivered: Message[] = [];

        // Worker A polls while only `visible` shows, and holds it.
        const [held] = await take(a, 1);
        delivered.push(held!);
        expect(held!.id).toBe(visible);
        // Then `hidden` shows. Worker B sees both: `hidden` first, so `visible` gets a longer position there.
        reveal();
        const [fromB] = await take(b, 1);
        delivered.push(fromB!);
        expect(fromB!.id).toBe(hidden);
        // B asks for more while A still holds `visible`; A finishes with it by asking for its next.
        const nextOfB = b.next().then((result) => result.value as Message);
        const nextOfA = a.next().then((result) => result.value as Message);
        const finishedAt = Date.now();
        // B rechecks what A held every LEASE_MS / 4: give it twenty rechecks to (wrongly) take `visible` over.
        let early: Message | undefined;
        void nextOfB.then((message) => (early ??= message));
        void nextOfA.then((message) => (early ??= message));
        await until(() => early !== undefined || Date.now() > finishedAt + 5 * LEASE_MS, 10_000, 'the rechecks');
        expect(early).toBeUndefined();

        // Both workers still deliver: one later comment reaches exactly one of them. (Their polls are 60 s
        // apart, so the next poll of either is started by a restart of B's loop.)
        const later = platform.later();
        controllerB.abort();
        expect(await nextOfB).toBeUndefined();
        const c = second.listen({ since, signal: controller.signal, leaseMs: LEASE_MS })[Symbol.asyncIterator]();
        const [fromC] = await take(c, 1);
        delivered.push(fromC!);
        expect(delivered.map((message) => message.id)).toEqual([visible, hidden, later]);
      } finally {
        controller.abort();
        await Promise.all([first.close(), second.close()]);
        await Promise.all(stores.map((store) => store.close()));
        await platform.close();
      }
    }, 30_000);
  }
});
