/** The listen engine's guarantees (the contract's delivery guarantees of listen()) on an in-memory source. */
import { describe, expect, it } from 'vitest';
import { AuthError, defineChannel, ListenRelease, MemoryStore, NetworkError, type Channel, type Message, type PushedItem, type Store } from '../../src/index.js';
import { take, nothingWithin } from '../conformance/helpers.js';

class Feed {
  readonly messages: Message[] = [];
  polls = 0;
  failNext: Error | undefined;
  #next = 1;

  add(text: string, options: { isSelf?: boolean; at?: Date } = {}): Message {
    const id = String(this.#next++);
    const message: Message = {
      id,
      channel: 'fake:one',
      platform: 'fake',
      kind: 'post',
      threadId: id,
      author: { id: options.isSelf ? 'me' : 'customer', isSelf: options.isSelf ?? false },
      text,
      attachments: [],
      createdAt: options.at ?? new Date(),
      raw: {},
    };
    this.messages.push(message);
    return message;
  }
}

interface Capture {
  push?: (item: PushedItem) => void;
  isHandled?: (source: string, position: string) => Promise<boolean>;
}

function fakeChannel(feed: Feed, store: Store, capture?: Capture): Channel {
  return defineChannel({ id: 'fake:one', platform: 'fake', options: { store, pollIntervalMs: 10 } }, ({ push, isHandled }) => {
    if (capture) Object.assign(capture, { push, isHandled });
    return {
      capabilities: { post: true, reply: true, direct: false, html: false, attachments: false, webhooks: false, realtime: false },
      send: async () => feed.add('sent', { isSelf: true }),
      reply: async () => feed.add('reply', { isSelf: true }),
      messages: async function* () {},
      thread: async function* () {},
      sources: [
        {
          name: 'feed',
          async poll({ cursor, since }) {
            feed.polls += 1;
            if (feed.failNext) {
              const error = feed.failNext;
              feed.failNext = undefined;
              throw error;
            }
            const fresh = feed.messages.filter((message) => (cursor ? Number(message.id) > Number(cursor) : message.createdAt >= since));
            return { items: fresh.map((message) => ({ message, position: message.id, ...(message.text.startsWith('auto:') ? { skip: true } : {}) })) };
          },
        },
      ],
    };
  });
}

const cursorOf = async (store: Store) => (JSON.parse((await store.get('fake:one:listen:feed:cursor')) ?? '{}') as { position?: string }).position;
const early = () => new Date(Date.now() - 1000);

describe('listen engine', () => {
  it('saves the cursor only when the consumer asks for the next message, or leaves the loop', async () => {
    const feed = new Feed();
    const store = new MemoryStore();
    ['a', 'b', 'c'].forEach((text) => feed.add(text));
    const iterator = fakeChannel(feed, store).listen({ since: early() })[Symbol.asyncIterator]();
    expect((await iterator.next()).value.text).toBe('a');
    expect(await cursorOf(store)).toBeUndefined(); // still being handled
    expect((await iterator.next()).value.text).toBe('b');
    expect(await cursorOf(store)).toBe('1');
    await iterator.return!();
    expect(await cursorOf(store)).toBe('2');
  });

  it('resumes after a restart: nothing lost, nothing handled twice', async () => {
    const feed = new Feed();
    const store = new MemoryStore();
    ['a', 'b', 'c'].forEach((text) => feed.add(text));
    const first = fakeChannel(feed, store).listen({ since: early() })[Symbol.asyncIterator]();
    await take(first, 2);
    await first.return!();
    feed.add('d');
    const controller = new AbortController();
    const second = fakeChannel(feed, store).listen({ signal: controller.signal })[Symbol.asyncIterator]();
    expect((await take(second, 2)).map((message) => message.text)).toEqual(['c', 'd']);
    expect(await nothingWithin(second, 100)).toBeUndefined();
    controller.abort();
  });

  it('starts where the first run started, even when it ended before any message', async () => {
    const feed = new Feed();
    const store = new MemoryStore();
    const controller = new AbortController();
    const first = fakeChannel(feed, store).listen({ signal: controller.signal })[Symbol.asyncIterator]();
    expect(await nothingWithin(first, 50)).toBeUndefined();
    controller.abort(); // a pending next() ends with the loop
    expect(await first.next()).toEqual({ done: true, value: undefined });
    feed.add('arrived while down');
    const second = fakeChannel(feed, store).listen()[Symbol.asyncIterator]();
    expect((await take(second, 1))[0]!.text).toBe('arrived while down');
    await second.return!();
  });

  it('takes back a message handed back with ListenRelease: no cursor saved, lease free at once', async () => {
    const feed = new Feed();
    const store = new MemoryStore();
    ['a', 'b'].forEach((text) => feed.add(text));
    const first = fakeChannel(feed, store).listen({ since: early() })[Symbol.asyncIterator]();
    expect((await first.next()).value.text).toBe('a');
    expect(await first.throw!(new ListenRelease())).toEqual({ done: true, value: undefined });
    expect(await cursorOf(store)).toBeUndefined();
    expect(await store.get('fake:one:listen:lease:feed:1')).toBeUndefined();
    const second = fakeChannel(feed, store).listen()[Symbol.asyncIterator]();
    expect((await take(second, 2)).map((message) => message.text)).toEqual(['a', 'b']);
    await second.return!();
  });

  it('moves past items a source marks skip, and tells the adapter what is handled', async () => {
    const feed = new Feed();
    const store = new MemoryStore();
    const capture: Capture = {};
    feed.add('auto: out of office');
    feed.add('a real question');
    const iterator = fakeChannel(feed, store, capture).listen({ since: early() })[Symbol.asyncIterator]();
    expect((await take(iterator, 1))[0]!.text).toBe('a real question');
    expect(await capture.isHandled!('feed', '1')).toBe(true); // skipped: the cursor moved past it
    expect(await capture.isHandled!('feed', '2')).toBe(false); // still in the consumer's hands
    await iterator.return!();
    expect(await capture.isHandled!('feed', '2')).toBe(true);
    await expect(capture.isHandled!('nope', '1')).rejects.toThrow(TypeError);
  });

  it("skips the channel's own messages but moves past them", async () => {
    const feed = new Feed();
    const store = new MemoryStore();
    feed.add('ours', { isSelf: true });
    feed.add('theirs');
    const iterator = fakeChannel(feed, store).listen({ since: early() })[Symbol.asyncIterator]();
    expect((await take(iterator, 1))[0]!.text).toBe('theirs');
    await iterator.return!();
    expect(await cursorOf(store)).toBe('2');
  });

  it('delivers a message once when both a webhook and the poll bring it', async () => {
    const feed = new Feed();
    const store = new MemoryStore();
    const capture: Capture = {};
    const channel = fakeChannel(feed, store, capture);
    const controller = new AbortController();
    const iterator = channel.listen({ since: early(), signal: controller.signal })[Symbol.asyncIterator]();
    const pending = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const message = feed.add('seen twice'); // the poll will see it too
    capture.push!({ message, position: message.id, source: 'feed' });
    expect((await pending).value.text).toBe('seen twice');
    feed.add('next');
    expect((await take(iterator, 1))[0]!.text).toBe('next');
    expect(await nothingWithin(iterator, 100)).toBeUndefined();
    controller.abort();
  });

  it('splits the stream between two listeners sharing a store: each message once', async () => {
    const feed = new Feed();
    const store = new MemoryStore();
    for (let index = 0; index < 20; index++) feed.add(`m${index}`);
    const seen: string[] = [];
    const controller = new AbortController();
    const worker = async (channel: Channel) => {
      for await (const message of channel.listen({ since: early(), signal: controller.signal })) {
        seen.push(message.id);
        await new Promise((resolve) => setTimeout(resolve, 2));
        if (seen.length === 20) controller.abort();
      }
    };
    await Promise.all([worker(fakeChannel(feed, store)), worker(fakeChannel(feed, store))]);
    expect(seen.sort((a, b) => Number(a) - Number(b))).toEqual(feed.messages.map((message) => message.id));
  });

  it("reports a transient poll failure as 'error' and goes on; throws a fatal one", async () => {
    const feed = new Feed();
    const store = new MemoryStore();
    const channel = fakeChannel(feed, store);
    const errors: Error[] = [];
    channel.on('error', (error) => errors.push(error));
    feed.failNext = new NetworkError('reset', { platform: 'fake', channel: 'fake:one' });
    feed.add('after the failure');
    const iterator = channel.listen({ since: early() })[Symbol.asyncIterator]();
    expect((await take(iterator, 1, 5000))[0]!.text).toBe('after the failure');
    expect(errors).toHaveLength(1);
    feed.failNext = new AuthError('revoked', { platform: 'fake', channel: 'fake:one' });
    await expect(iterator.next()).rejects.toBeInstanceOf(AuthError);
  });

  it('ends promptly on abort and when the channel closes', async () => {
    const feed = new Feed();
    const channel = fakeChannel(feed, new MemoryStore());
    const controller = new AbortController();
    const ended = (async () => {
      for await (const message of channel.listen({ signal: controller.signal })) void message;
      return true;
    })();
    setTimeout(() => controller.abort(), 30);
    expect(await ended).toBe(true);
    const closing = (async () => {
      for await (const message of channel.listen()) void message;
      return true;
    })();
    setTimeout(() => void channel.close(), 30);
    expect(await closing).toBe(true);
  });
});
