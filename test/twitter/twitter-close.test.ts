/**
 * After close(), no request of the channel starts: a messages() read that merges mentions and DMs,
 * whose DM page waits on a spent bucket, ends with a ChannelError (code 'closed') at close, and its
 * DM request never goes out; calls made after close() are refused the same way, before any request.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError, MemoryStore, type Channel, type Message } from 'everywhere';
import { TWITTER_BUCKETS } from 'everywhere/testing';
import { collect } from '../conformance/helpers.js';
import { twitterWorld } from './twitter-world.js';

let close: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

async function world() {
  const setup = await twitterWorld();
  const channel = setup.create({ store: new MemoryStore() });
  close.push(() => setup.close(), () => channel.close());
  setup.emulator.mention({ from: 'customer', text: '@support is the shop open today?' });
  setup.emulator.directMessage({ from: 'customer', text: 'My order has not arrived.' });
  return { ...setup, channel };
}

/** Resolves at the channel's next 'rateLimit' event: a call is about to wait for a spent bucket. */
function nextWait(channel: Channel): Promise<void> {
  return new Promise((resolve) => {
    const waiting = () => {
      channel.off('rateLimit', waiting);
      resolve();
    };
    channel.on('rateLimit', waiting);
  });
}

describe('X channel close()', () => {
  it('ends a read waiting on the quota, and its request never goes out', async () => {
    const { emulator, channel } = await world();
    // One DM page per window of 3 s: the first read spends it, the second waits for the window's reset.
    emulator.setLimit(TWITTER_BUCKETS.dmEvents, { limit: 1, windowMs: 3000 });
    expect(await collect(channel.messages())).toHaveLength(2);

    const waiting = nextWait(channel);
    const read = collect(channel.messages()).then(
      (messages: Message[]) => messages,
      (error: unknown) => error,
    );
    await waiting;
    const seenAtClose = emulator.requests.length;
    await channel.close();

    // Settles at close, or (were the wait not ended) once the window resets and the DM page is read.
    const outcome = await read;
    expect(emulator.requests.slice(seenAtClose)).toEqual([]);
    expect(outcome).toBeInstanceOf(ChannelError);
    expect(outcome).toMatchObject({ code: 'closed', channel: channel.id, platform: 'twitter' });
    expect((outcome as Error).message).toMatch(/closed/);
  });

  it('refuses every call after close, before any request', async () => {
    const { emulator, channel } = await world();
    await channel.close();
    const before = emulator.requests.length;
    const errors = [
      await collect(channel.messages()).catch((error: unknown) => error),
      await channel.send({ text: 'We are back up.' }).catch((error: unknown) => error),
      await collect(channel.thread('1')).catch((error: unknown) => error),
    ];
    for (const error of errors) expect(error).toMatchObject({ code: 'closed' });
    expect(errors.every((error) => error instanceof ChannelError)).toBe(true);
    expect(emulator.requests.length).toBe(before);
  });
});
