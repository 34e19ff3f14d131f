/**
 * One Flickr poll reads the changed photos one after another. A comment written on a photo the poll has
 * already read, followed by a later comment on a photo it reads next, must not let the cursor pass the
 * first: the poll delivers only what is older than the server's clock when it began (its `Date`).
 */
import { afterEach, expect, it } from 'vitest';
import type { Channel } from 'everywhere';
import { take } from '../conformance/helpers.js';
import { CUSTOMER, flickrWorld } from './flickr-world.js';

let world: Awaited<ReturnType<typeof flickrWorld>> | undefined;
let channel: Channel | undefined;
afterEach(async () => {
  await channel?.close();
  await world?.close();
});

it('listen(): a comment on a photo read earlier in the same poll is delivered, not passed by the cursor', async () => {
  world = await flickrWorld();
  const { emulator } = world;
  const since = Date.now() - 5000;
  const readFirst = world.photoId;
  const readNext = emulator.photo('Our old store front', since);
  emulator.photos.get(readFirst)!.lastupdate = Math.floor(since / 1000) + 1; // newest first: read before readNext

  // While the poll reads `readNext`'s comments (after `readFirst`'s), one comment lands on each photo, a second apart.
  let during: string[] = [];
  const handle = emulator.handle.bind(emulator);
  emulator.handle = async (request, base) => {
    const url = new URL(request.url);
    if (during.length === 0 && url.searchParams.get('photo_id') === readNext) {
      const now = Date.now();
      during = [
        emulator.comment({ by: CUSTOMER, photoId: readFirst, text: 'Written on the photo just read', at: now }),
        emulator.comment({ by: CUSTOMER, photoId: readNext, text: 'Written a second later', at: now + 1000 }),
      ];
    }
    return handle(request, base);
  };

  channel = world.create({ pollIntervalMs: 20 });
  const listening = channel.listen({ since: new Date(since) })[Symbol.asyncIterator]();
  const delivered = await take(listening, 2);
  expect(during).toHaveLength(2);
  expect(delivered.map((message) => message.id)).toEqual(during);
  await listening.return!();
});
