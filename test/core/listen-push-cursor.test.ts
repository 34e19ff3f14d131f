/**
 * A pushed message (webhook, IMAP IDLE) that the consumer handled moves its source's cursor as a polled
 * one does, when the pusher says nothing lies between it and the cursor (`after`); otherwise the cursor
 * stays, and the next poll still asks for what lies between. Seen from the platform: the cursor the
 * next run polls from.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore, type Channel, type Message, type Store } from '../../src/index.js';
import { fakeChannel, fakeControls } from '../support/fake-channel.js';
import { FakePlatform, type FakeRecord } from '../support/fake-platform.js';

const HOUR = 60 * 60 * 1000;

/** One run of the channel: listen() on the shared store and platform (from `since` while no cursor is saved), and a push as its webhook would. */
function run(store: Store, platform: FakePlatform, since?: Date) {
  const controls = fakeControls();
  // An hour between polls: within a test only the first poll of a run happens, so what else arrives was pushed.
  const channel = fakeChannel({ platform, store, controls, pollIntervalMs: HOUR });
  channels.push(channel);
  const iterator = channel.listen(since ? { since } : {})[Symbol.asyncIterator]();
  const polled = platform.pollsFrom().length;
  return {
    iterator,
    /** The cursors this run's polls asked from. */
    pollsFrom: () => platform.pollsFrom().slice(polled),
    push(record: FakeRecord, after?: string) {
      controls.tools!.push({ message: controls.toMessage!(record), position: record.id, ...(after ? { after } : {}), source: 'messages' });
    },
  };
}

let channels: Channel[] = [];
afterEach(async () => {
  await Promise.all(channels.splice(0).map((channel) => channel.close()));
});

async function next(iterator: AsyncIterator<Message>): Promise<Message> {
  const result = await iterator.next();
  if (result.done) throw new Error('listen() ended');
  return result.value;
}

describe('listen(): pushed messages and the cursor', () => {
  it('moves the cursor past a pushed message that follows it', async () => {
    const store = new MemoryStore();
    const platform = new FakePlatform();
    platform.inbound('message 1');
    const first = run(store, platform, new Date(0));
    expect((await next(first.iterator)).id).toBe('1'); // polled
    expect(first.pollsFrom()).toEqual([undefined]); // from `since`: no cursor yet

    first.push(platform.inbound('message 2'), '1');
    expect((await next(first.iterator)).id).toBe('2'); // pushed
    await first.iterator.return!(); // handled

    const second = run(store, platform);
    platform.inbound('message 3');
    expect((await next(second.iterator)).id).toBe('3');
    expect(second.pollsFrom()).toEqual(['2']); // polled from the pushed message, as if it had been polled
    await second.iterator.return!();
  });

  it('leaves the cursor where it is when something may lie between it and the pushed message', async () => {
    const store = new MemoryStore();
    const platform = new FakePlatform();
    platform.inbound('message 1');
    const first = run(store, platform, new Date(0));
    expect((await next(first.iterator)).id).toBe('1');

    // 2 arrives unseen; 3 is pushed by a pusher that last saw 2, 4 by one that does not say (a webhook).
    platform.inbound('message 2');
    first.push(platform.inbound('message 3'), '2');
    first.push(platform.inbound('message 4'));
    expect((await next(first.iterator)).id).toBe('3');
    expect((await next(first.iterator)).id).toBe('4');
    await first.iterator.return!();

    const second = run(store, platform);
    expect((await next(second.iterator)).id).toBe('2'); // not lost; 3 and 4 were handled and are not delivered again
    expect(second.pollsFrom()).toEqual(['1']);
    platform.inbound('message 5');
    await second.iterator.return!();

    const third = run(store, platform);
    expect((await next(third.iterator)).id).toBe('5');
    expect(third.pollsFrom()).toEqual(['2']); // 3 and 4 are recognised by their done markers, not delivered again
    await third.iterator.return!();
  });
});
