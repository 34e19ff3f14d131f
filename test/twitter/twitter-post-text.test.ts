/**
 * What X stores and refuses in a post's text, through the channel: characters twitter-text refuses
 * (U+FFFE, U+FEFF, U+FFFF) are an InvalidDraftError before any request.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidDraftError } from 'everywhere';
import { twitterWorld } from './twitter-world.js';

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function world() {
  const made = await twitterWorld();
  const channel = made.create();
  cleanup.push(() => made.close(), () => channel.close());
  return { ...made, channel };
}

describe('X post text', () => {
  it('refuses U+FFFE, U+FEFF and U+FFFF in a post as twitter-text does, and sends nothing', async () => {
    const { channel, writes } = await world();
    for (const text of ['a\uFFFEb', '\uFEFFhello', 'bye\uFFFF']) {
      const error = await channel.send({ text }).catch((caught: unknown) => caught);
      expect(error, JSON.stringify(text)).toBeInstanceOf(InvalidDraftError);
      expect((error as Error).message).toContain('U+FEFF');
    }
    expect(writes()).toBe(0);
  });
});
