/** The hub (the contract's createHub): a fair merge with per-channel guarantees, restarts, routing, fan-out, events, close. */
import { describe, expect, it, vi } from 'vitest';
import { AuthError, ChannelError, MemoryStore, NetworkError, type Channel, type Message } from '../../src/index.js';
import { createHub } from '../../src/core/hub.js';
import { findInHistory, until } from '../conformance/helpers.js';
import { fakeChannel, fakeControls } from '../support/fake-channel.js';
import { FakePlatform } from '../support/fake-platform.js';

const early = () => new Date(Date.now() - 1000);
const cursorOf = async (store: MemoryStore, id: string) =>
  (JSON.parse((await store.get(`${id}:listen:messages:cursor`)) ?? '{}') as { position?: string }).position;

/** One fake platform per channel; pages of 5, so a backlog takes several polls. */
function setup(ids = ['a', 'b']) {
  const store = new MemoryStore();
  const feeds = ids.map((id) => ({ id, platform: new FakePlatform(), controls: fakeControls() }));
  const channels = feeds.map((feed) => fakeChannel({ ...feed, store, pageSize: 5, pollIntervalMs: 10 }));
  const hub = createHub(channels, { restart: { minDelayMs: 20, maxDelayMs: 100 } });
  return { store, feeds, channels, hub };
}

/**
 * Lets a simulated second pass at once (fake timers, then real ones again): whatever the hub would
 * do in that time on its own, such as pulling a channel's next message ahead, has happened after it.
 */
async function letASecondPass(): Promise<void> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'Date'] });
  try {
    await vi.advanceTimersByTimeAsync(1000);
  } finally {
    vi.useRealTimers();
  }
}

/** Resolves when the channel has yielded a message with this text (into the hub's merge). */
function yielded(channel: Channel, text: string): Promise<void> {
  return new Promise((resolve) => channel.on('message', (message) => message.text === text && resolve()));
}

describe('createHub', () => {
  it('merges fairly: a channel with a backlog does not starve a quiet one', async () => {
    const { feeds, hub } = setup();
    for (let index = 0; index < 30; index++) feeds[0]!.platform.inbound(`busy ${index}`);
    feeds[1]!.platform.inbound('quiet 1');
    feeds[1]!.platform.inbound('quiet 2');
    const seen: string[] = [];
    for await (const message of hub.listen({ since: early() })) {
      seen.push(`${message.channel}:${message.text}`);
      if (seen.length === 6) break;
    }
    expect(seen.slice(0, 4).filter((entry) => entry.startsWith('b:'))).toEqual(['b:quiet 1', 'b:quiet 2']);
    expect(seen.filter((entry) => entry.startsWith('a:'))).toEqual(['a:busy 0', 'a:busy 1', 'a:busy 2', 'a:busy 3']); // in order per channel
    await hub.close();
  });

  it("saves a channel's cursor only when the consumer is done with its message", async () => {
    const { store, feeds, hub } = setup(['a']);
    ['one', 'two', 'three'].forEach((text) => feeds[0]!.platform.inbound(text));
    const iterator = hub.listen({ since: early() })[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.text).toBe('one');
    await letASecondPass(); // a merge that pulled ahead would have committed 'one' by now
    expect(await cursorOf(store, 'a')).toBeUndefined();
    expect((await iterator.next()).value?.text).toBe('two');
    expect(await cursorOf(store, 'a')).toBe('1');
    await iterator.return!();
    expect(await cursorOf(store, 'a')).toBe('2');
    await hub.close();
  });

  it('a message pulled but never handed over is not marked handled when the loop ends', async () => {
    const { store, feeds, channels, hub } = setup();
    const bothPulled = Promise.all([yielded(channels[0]!, 'a one'), yielded(channels[1]!, 'b one')]);
    feeds[0]!.platform.inbound('a one');
    feeds[1]!.platform.inbound('b one');
    const iterator = hub.listen({ since: early() })[Symbol.asyncIterator]();
    const first = (await iterator.next()).value as Message;
    await bothPulled; // the other channel's message waits in the merge
    await iterator.return!();
    const other = first.channel === 'a' ? 'b' : 'a';
    expect(await cursorOf(store, first.channel)).toBe('1');
    expect(await cursorOf(store, other)).toBeUndefined();
    expect(await store.get(`${other}:listen:done:feed:1`)).toBeUndefined();
    await hub.close();
  });

  it("restarts a failing channel with backoff, emitting 'error' with its id, while the others go on", async () => {
    const { feeds, hub } = setup();
    const errors: Array<[string, string]> = [];
    hub.on('error', (error, channelId) => errors.push([error.name, channelId]));
    feeds[0]!.controls.failPolls = new AuthError('token revoked', { platform: 'fake', channel: 'a' });
    feeds[1]!.platform.inbound('b one');
    const seen: string[] = [];
    for await (const message of hub.listen({ since: early() })) {
      seen.push(`${message.channel}:${message.text}`);
      if (message.text === 'b one') {
        await expect.poll(() => errors.length).toBeGreaterThanOrEqual(2); // retried, not given up
        feeds[1]!.platform.inbound('b two');
      }
      if (message.text === 'b two') {
        feeds[0]!.controls.failPolls = undefined;
        feeds[0]!.platform.inbound('a back');
      }
      if (message.text === 'a back') break;
    }
    expect(seen).toEqual(['b:b one', 'b:b two', 'a:a back']);
    expect(errors.every(([name, channelId]) => name === 'AuthError' && channelId === 'a')).toBe(true);
    await hub.close();
  });

  it("ends a closed channel's stream with no error and no restart, while the others go on", async () => {
    const { feeds, channels, hub } = setup(['a', 'b', 'c']);
    const errors: string[] = [];
    hub.on('error', (error, channelId) => errors.push(`${channelId}:${error instanceof ChannelError ? error.code : error.name}`));
    feeds[0]!.controls.failPolls = new AuthError('token revoked', { platform: 'fake', channel: 'a' }); // a: closed while its restart waits
    await channels[1]!.close(); // b: closed before the hub listens
    const listensOfB = vi.spyOn(channels[1]!, 'listen');
    feeds[2]!.platform.inbound('c one');
    const iterator = hub.listen({ since: early() })[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.text).toBe('c one');
    await until(() => errors.includes('a:auth'), 5000, "a's failure reported");
    await channels[0]!.close();
    feeds[2]!.platform.inbound('c two');
    expect((await iterator.next()).value?.text).toBe('c two'); // c goes on
    await channels[2]!.close(); // c: closed while the hub waits on it
    // Every channel's stream has ended, so the hub's ends: a positive event, after which no restart can be pending.
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(errors.filter((entry) => entry !== 'a:auth')).toEqual([]);
    expect(listensOfB).toHaveBeenCalledTimes(1);
    expect(feeds[1]!.platform.polls()).toBe(0);
    await hub.close();
  });

  it('reply() routes by message.channel; an unknown channel is a TypeError', async () => {
    const { feeds, channels, hub } = setup();
    feeds[1]!.platform.inbound('help');
    const message = await findInHistory(channels[1]!, '1');
    await hub.reply(message, { text: 'on it', idempotencyKey: null });
    expect(feeds[1]!.platform.sent()).toEqual(['1:on it']);
    expect(feeds[0]!.platform.sent()).toEqual([]);
    await expect(hub.reply({ ...message, channel: 'nowhere' }, { text: 'x' })).rejects.toThrow(TypeError);
    expect(() => hub.channel('nowhere')).toThrow(/no channel 'nowhere'/);
    expect(hub.channel('a').id).toBe('a');
    await hub.close();
  });

  it('send() fans out: one result per channel, one failure stops nothing', async () => {
    const { feeds, hub } = setup(['a', 'b', 'c']);
    feeds[1]!.controls.failSends = new NetworkError('down', { platform: 'fake', channel: 'b' });
    const results = await hub.send({ text: 'We are back up.' });
    expect(results.map((result) => [result.channel, 'message' in result ? result.message.text : result.error.name])).toEqual([
      ['a', 'We are back up.'],
      ['b', 'NetworkError'],
      ['c', 'We are back up.'],
    ]);
    const some = await hub.send({ text: 'Only c' }, { channels: ['c'] });
    expect(some).toHaveLength(1);
    expect(feeds[0]!.platform.sent()).toEqual(['We are back up.']);
    await expect(hub.send({ text: 'x' }, { channels: ['a', 'zzz'] })).rejects.toThrow(TypeError);
    expect(feeds[0]!.platform.sent()).toHaveLength(1); // nothing sent when a channel id is wrong
    await hub.close();
  });

  it("re-emits every channel's rateLimit and retry events with the channel id", async () => {
    const { feeds, hub } = setup();
    const events: unknown[][] = [];
    hub.on('rateLimit', (...args) => events.push(['rateLimit', ...args]));
    hub.on('retry', (...args) => events.push(['retry', ...args]));
    const state = { bucket: 'b:POST', remaining: 0 };
    feeds[1]!.controls.tools!.context.emit('rateLimit', state, 500);
    const error = new Error('again');
    feeds[0]!.controls.tools!.context.emit('retry', error, 2);
    expect(events).toEqual([
      ['rateLimit', state, 500, 'b'],
      ['retry', error, 2, 'a'],
    ]);
    await hub.close();
    feeds[0]!.controls.tools!.context.emit('retry', error, 3);
    expect(events).toHaveLength(2); // detached on close
  });

  it('close() ends a waiting listen promptly and closes every channel', async () => {
    const { feeds, hub } = setup();
    const loop = (async () => {
      for await (const _message of hub.listen()) void _message;
      return 'ended';
    })();
    await until(() => feeds.every((feed) => feed.platform.polls() > 0), 5000, 'every channel polled'); // listen waits on each
    await hub.close();
    await expect(loop).resolves.toBe('ended');
    expect(feeds.every((feed) => feed.controls.closed)).toBe(true);
  });

  it('refuses two channels with the same id', () => {
    const store = new MemoryStore();
    const platform = new FakePlatform();
    expect(() => createHub([fakeChannel({ platform, id: 'x', store }), fakeChannel({ platform, id: 'x', store })])).toThrow(/two channels have the id 'x'/);
  });
});
