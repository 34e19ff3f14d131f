/** The listen engine's guarantees (the contract's delivery guarantees of listen()) on an in-memory source. */
import { describe, expect, it } from 'vitest';
import { AuthError, ListenRelease, MemoryStore, NetworkError, type Channel, type Message, type Store } from '../../src/index.js';
import { collect, grownBy, nothingMoreBy, take, until } from '../conformance/helpers.js';
import { fakeChannel, fakeControls, type FakeControls } from '../support/fake-channel.js';
import { FAKE_SELF, FakePlatform } from '../support/fake-platform.js';

const open = (platform: FakePlatform, store: Store, controls?: FakeControls): Channel =>
  fakeChannel({ platform, store, id: 'fake:one', pollIntervalMs: 10, ...(controls ? { controls } : {}) });
const cursorOf = async (store: Store) => (JSON.parse((await store.get('fake:one:listen:messages:cursor')) ?? '{}') as { position?: string }).position;
const early = () => new Date(Date.now() - 1000);
/** Two more polls from now: a poll begun after this point has completed. */
const twoMorePolls = (platform: FakePlatform) => grownBy(() => platform.polls(), 2);

describe('listen engine', () => {
  it('saves the cursor only when the consumer asks for the next message, or leaves the loop', async () => {
    const platform = new FakePlatform();
    const store = new MemoryStore();
    ['a', 'b', 'c'].forEach((text) => platform.inbound(text));
    const iterator = open(platform, store).listen({ since: early() })[Symbol.asyncIterator]();
    expect((await iterator.next()).value.text).toBe('a');
    expect(await cursorOf(store)).toBeUndefined(); // still being handled
    expect((await iterator.next()).value.text).toBe('b');
    expect(await cursorOf(store)).toBe('1');
    await iterator.return!();
    expect(await cursorOf(store)).toBe('2');
  });

  it('resumes after a restart: nothing lost, nothing handled twice', async () => {
    const platform = new FakePlatform();
    const store = new MemoryStore();
    ['a', 'b', 'c'].forEach((text) => platform.inbound(text));
    const first = open(platform, store).listen({ since: early() })[Symbol.asyncIterator]();
    await take(first, 2);
    await first.return!();
    platform.inbound('d');
    const controller = new AbortController();
    const second = open(platform, store).listen({ signal: controller.signal })[Symbol.asyncIterator]();
    expect((await take(second, 2)).map((message) => message.text)).toEqual(['c', 'd']);
    expect(await nothingMoreBy(second, twoMorePolls(platform))).toBeUndefined();
    controller.abort();
  });

  it('starts where the first run started, even when it ended before any message', async () => {
    const platform = new FakePlatform();
    const store = new MemoryStore();
    const controller = new AbortController();
    const first = open(platform, store).listen({ signal: controller.signal })[Symbol.asyncIterator]();
    expect(await nothingMoreBy(first, grownBy(() => platform.polls(), 1))).toBeUndefined(); // it started: it polled
    controller.abort(); // a pending next() ends with the loop
    expect(await first.next()).toEqual({ done: true, value: undefined });
    platform.inbound('arrived while down');
    const second = open(platform, store).listen()[Symbol.asyncIterator]();
    expect((await take(second, 1))[0]!.text).toBe('arrived while down');
    await second.return!();
  });

  it('takes back a message handed back with ListenRelease: no cursor saved, lease free at once', async () => {
    const platform = new FakePlatform();
    const store = new MemoryStore();
    ['a', 'b'].forEach((text) => platform.inbound(text));
    const first = open(platform, store).listen({ since: early() })[Symbol.asyncIterator]();
    expect((await first.next()).value.text).toBe('a');
    expect(await first.throw!(new ListenRelease())).toEqual({ done: true, value: undefined });
    expect(await cursorOf(store)).toBeUndefined();
    expect(await store.get('fake:one:listen:lease:messages:1')).toBeUndefined();
    const second = open(platform, store).listen()[Symbol.asyncIterator]();
    expect((await take(second, 2)).map((message) => message.text)).toEqual(['a', 'b']);
    await second.return!();
  });

  it('moves past items a source marks skip, and tells the adapter what is handled', async () => {
    const platform = new FakePlatform();
    const store = new MemoryStore();
    const controls = fakeControls();
    platform.inbound('auto: out of office');
    platform.inbound('a real question');
    const iterator = open(platform, store, controls).listen({ since: early() })[Symbol.asyncIterator]();
    const { isHandled } = controls.tools!;
    expect((await take(iterator, 1))[0]!.text).toBe('a real question');
    expect(await isHandled('messages', '1')).toBe(true); // skipped: the cursor moved past it
    expect(await isHandled('messages', '2')).toBe(false); // still in the consumer's hands
    await iterator.return!();
    expect(await isHandled('messages', '2')).toBe(true);
    await expect(isHandled('nope', '1')).rejects.toThrow(TypeError);
  });

  it("skips the channel's own messages but moves past them", async () => {
    const platform = new FakePlatform();
    const store = new MemoryStore();
    platform.add(FAKE_SELF, 'ours');
    platform.inbound('theirs');
    const iterator = open(platform, store).listen({ since: early() })[Symbol.asyncIterator]();
    expect((await take(iterator, 1))[0]!.text).toBe('theirs');
    await iterator.return!();
    expect(await cursorOf(store)).toBe('2');
  });

  it('delivers a message once when both a webhook and the poll bring it', async () => {
    const platform = new FakePlatform();
    const store = new MemoryStore();
    const controls = fakeControls();
    const channel = open(platform, store, controls);
    const controller = new AbortController();
    const iterator = channel.listen({ since: early(), signal: controller.signal })[Symbol.asyncIterator]();
    const firstPoll = grownBy(() => platform.polls(), 1);
    const pending = iterator.next();
    await until(firstPoll, 5000, 'the first poll');
    platform.inbound('seen twice'); // the poll will see it too
    const [message] = await collect(channel.messages({ limit: 1 })); // the message as a webhook would bring it
    controls.tools!.push({ message: message!, position: message!.id, source: 'messages' });
    expect((await pending).value.text).toBe('seen twice');
    platform.inbound('next');
    expect((await take(iterator, 1))[0]!.text).toBe('next');
    expect(await nothingMoreBy(iterator, twoMorePolls(platform))).toBeUndefined();
    controller.abort();
  });

  it('splits the stream between two listeners sharing a store: each message once', async () => {
    const platform = new FakePlatform();
    const store = new MemoryStore();
    for (let index = 0; index < 20; index++) platform.inbound(`m${index}`);
    const seen: string[] = [];
    const controller = new AbortController();
    const worker = async (channel: Channel) => {
      for await (const message of channel.listen({ since: early(), signal: controller.signal })) {
        seen.push(message.id);
        await new Promise((resolve) => setTimeout(resolve, 2)); // handling takes a moment: the other listener gets its turn
        if (seen.length === 20) controller.abort();
      }
    };
    await Promise.all([worker(open(platform, store)), worker(open(platform, store))]);
    expect(seen.sort((a, b) => Number(a) - Number(b))).toEqual(platform.records.map((record) => record.id));
  });

  it("reports a transient poll failure as 'error' and goes on; throws a fatal one", async () => {
    const platform = new FakePlatform();
    const store = new MemoryStore();
    const controls = fakeControls();
    const channel = open(platform, store, controls);
    const errors: Error[] = [];
    channel.on('error', (error) => errors.push(error));
    controls.failNextPoll = new NetworkError('reset', { platform: 'fake', channel: 'fake:one' });
    platform.inbound('after the failure');
    const iterator = channel.listen({ since: early() })[Symbol.asyncIterator]();
    expect((await take(iterator, 1, 5000))[0]!.text).toBe('after the failure'); // after the engine's backoff
    expect(errors).toHaveLength(1);
    controls.failNextPoll = new AuthError('revoked', { platform: 'fake', channel: 'fake:one' });
    await expect(iterator.next()).rejects.toBeInstanceOf(AuthError);
  });

  it('ends promptly on abort and when the channel closes', async () => {
    const platform = new FakePlatform();
    const channel = open(platform, new MemoryStore());
    const controller = new AbortController();
    const polled = grownBy(() => platform.polls(), 1);
    const ended = (async () => {
      for await (const message of channel.listen({ signal: controller.signal })) void message;
      return true;
    })();
    await until(polled, 5000, 'the first poll'); // the loop runs and waits for the next poll
    controller.abort();
    expect(await ended).toBe(true);
    const polledAgain = grownBy(() => platform.polls(), 1);
    const closing = (async () => {
      for await (const message of channel.listen()) void message;
      return true;
    })();
    await until(polledAgain, 5000, 'the first poll of the second loop');
    void channel.close();
    expect(await closing).toBe(true);
  });
});
