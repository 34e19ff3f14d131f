/**
 * A pushed message (webhook, IMAP IDLE) that the consumer handled moves its source's cursor as a polled
 * one does, when the pusher says nothing lies between it and the cursor (`after`); otherwise the cursor
 * stays, and the next poll still asks for what lies between. Seen from the source: the cursor the next
 * run polls from.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defineChannel, MemoryStore, type Channel, type Message, type Store } from '../../src/index.js';
import type { PushedItem } from '../../src/core/listen/push-queue.js';

const HOUR = 60 * 60 * 1000;

function message(position: number): Message {
  return {
    id: `m${position}`,
    channel: 'feed:push',
    platform: 'feed',
    kind: 'post',
    threadId: `m${position}`,
    author: { id: 'customer', isSelf: false },
    text: `message ${position}`,
    attachments: [],
    createdAt: new Date(),
    raw: {},
  };
}

/** A source of numbered messages; every poll records the cursor it was asked from. */
function feedChannel(store: Store, feed: Message[]) {
  const cursors: Array<string | undefined> = [];
  let push!: (item: PushedItem) => void;
  // An hour between polls: within a test only the first poll of a run happens, so what else arrives was pushed.
  const channel = defineChannel({ id: 'feed:push', platform: 'feed', options: { store, pollIntervalMs: HOUR } }, (tools) => {
    push = tools.push;
    return {
      capabilities: { post: false, reply: false, direct: false, html: false, attachments: false, webhooks: true, realtime: true },
      send: () => Promise.reject(new Error('not used')),
      reply: () => Promise.reject(new Error('not used')),
      messages: async function* () {},
      thread: async function* () {},
      sources: [
        {
          name: 'feed',
          async poll({ cursor }) {
            cursors.push(cursor);
            return { items: feed.filter((item) => cursor === undefined || Number(item.id.slice(1)) > Number(cursor)).map((item) => ({ message: item, position: item.id.slice(1) })) };
          },
        },
      ],
    };
  });
  return { channel, cursors, push: (item: PushedItem) => push(item) };
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
    const feed = [message(1)];
    const first = feedChannel(store, feed);
    channels.push(first.channel);
    const iterator = first.channel.listen({ since: new Date(0) })[Symbol.asyncIterator]();
    expect((await next(iterator)).id).toBe('m1'); // polled

    feed.push(message(2));
    first.push({ message: message(2), position: '2', after: '1', source: 'feed' });
    expect((await next(iterator)).id).toBe('m2'); // pushed
    await iterator.return!(); // handled

    const second = feedChannel(store, feed);
    channels.push(second.channel);
    const resumed = second.channel.listen()[Symbol.asyncIterator]();
    feed.push(message(3));
    expect((await next(resumed)).id).toBe('m3');
    expect(second.cursors).toEqual(['2']); // polled from the pushed message, as if it had been polled
    await resumed.return!();
  });

  it('leaves the cursor where it is when something may lie between it and the pushed message', async () => {
    const store = new MemoryStore();
    const feed = [message(1)];
    const first = feedChannel(store, feed);
    channels.push(first.channel);
    const iterator = first.channel.listen({ since: new Date(0) })[Symbol.asyncIterator]();
    expect((await next(iterator)).id).toBe('m1');

    // 2 arrives unseen; 3 is pushed by a pusher that last saw 2, 4 by one that does not say (a webhook).
    feed.push(message(2), message(3), message(4));
    first.push({ message: message(3), position: '3', after: '2', source: 'feed' });
    first.push({ message: message(4), position: '4', source: 'feed' });
    expect((await next(iterator)).id).toBe('m3');
    expect((await next(iterator)).id).toBe('m4');
    await iterator.return!();

    const second = feedChannel(store, feed);
    channels.push(second.channel);
    const resumed = second.channel.listen()[Symbol.asyncIterator]();
    expect((await next(resumed)).id).toBe('m2'); // not lost; 3 and 4 were handled and are not delivered again
    expect(second.cursors).toEqual(['1']);
    feed.push(message(5));
    await resumed.return!();
    const third = feedChannel(store, feed);
    channels.push(third.channel);
    const last = third.channel.listen()[Symbol.asyncIterator]();
    expect((await next(last)).id).toBe('m5');
    expect(third.cursors).toEqual(['2']); // 3 and 4 are recognised by their done markers, not delivered again
    await last.return!();
  });
});
