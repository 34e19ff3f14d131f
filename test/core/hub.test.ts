/** The hub (the contract's createHub): a fair merge with per-channel guarantees, restarts, routing, fan-out, events, close. */
import { describe, expect, it } from 'vitest';
import { AuthError, MemoryStore, NetworkError, type Message } from '../../src/index.js';
import { createHub } from '../../src/core/hub.js';
import { Feed, feedChannel } from './feed-channel.js';

const early = () => new Date(Date.now() - 1000);
const cursorOf = async (store: MemoryStore, id: string) =>
  (JSON.parse((await store.get(`${id}:listen:feed:cursor`)) ?? '{}') as { position?: string }).position;

function setup(ids = ['a', 'b']) {
  const store = new MemoryStore();
  const feeds = ids.map((id) => new Feed(id));
  const hub = createHub(feeds.map((feed) => feedChannel(feed, store)), { restart: { minDelayMs: 20, maxDelayMs: 100 } });
  return { store, feeds, hub };
}

describe('createHub', () => {
  it('merges fairly: a channel with a backlog does not starve a quiet one', async () => {
    const { feeds, hub } = setup();
    for (let index = 0; index < 30; index++) feeds[0]!.add(`busy ${index}`);
    feeds[1]!.add('quiet 1');
    feeds[1]!.add('quiet 2');
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
    ['one', 'two', 'three'].forEach((text) => feeds[0]!.add(text));
    const iterator = hub.listen({ since: early() })[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.text).toBe('one');
    await new Promise((resolve) => setTimeout(resolve, 50)); // time for a merge that pulled ahead to commit
    expect(await cursorOf(store, 'a')).toBeUndefined();
    expect((await iterator.next()).value?.text).toBe('two');
    expect(await cursorOf(store, 'a')).toBe('1');
    await iterator.return!();
    expect(await cursorOf(store, 'a')).toBe('2');
    await hub.close();
  });

  it('a message pulled but never handed over is not marked handled when the loop ends', async () => {
    const { store, feeds, hub } = setup();
    feeds[0]!.add('a one');
    feeds[1]!.add('b one');
    const iterator = hub.listen({ since: early() })[Symbol.asyncIterator]();
    const first = (await iterator.next()).value as Message;
    await new Promise((resolve) => setTimeout(resolve, 50)); // the other channel's message waits in the merge
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
    feeds[0]!.failing = new AuthError('token revoked', { platform: 'feed', channel: 'a' });
    feeds[1]!.add('b one');
    const seen: string[] = [];
    for await (const message of hub.listen({ since: early() })) {
      seen.push(`${message.channel}:${message.text}`);
      if (message.text === 'b one') {
        await expect.poll(() => errors.length).toBeGreaterThanOrEqual(2); // retried, not given up
        feeds[1]!.add('b two');
      }
      if (message.text === 'b two') {
        feeds[0]!.failing = undefined;
        feeds[0]!.add('a back');
      }
      if (message.text === 'a back') break;
    }
    expect(seen).toEqual(['b:b one', 'b:b two', 'a:a back']);
    expect(errors.every(([name, channelId]) => name === 'AuthError' && channelId === 'a')).toBe(true);
    await hub.close();
  });

  it('reply() routes by message.channel; an unknown channel is a TypeError', async () => {
    const { feeds, hub } = setup();
    const message = feeds[1]!.add('help');
    await hub.reply(message, { text: 'on it', idempotencyKey: null });
    expect(feeds[1]!.sent).toEqual(['1:on it']);
    expect(feeds[0]!.sent).toEqual([]);
    await expect(hub.reply({ ...message, channel: 'nowhere' }, { text: 'x' })).rejects.toThrow(TypeError);
    expect(() => hub.channel('nowhere')).toThrow(/no channel 'nowhere'/);
    expect(hub.channel('a').id).toBe('a');
    await hub.close();
  });

  it('send() fans out: one result per channel, one failure stops nothing', async () => {
    const { feeds, hub } = setup(['a', 'b', 'c']);
    feeds[1]!.sendFailure = new NetworkError('down', { platform: 'feed', channel: 'b' });
    const results = await hub.send({ text: 'We are back up.' });
    expect(results.map((result) => [result.channel, 'message' in result ? result.message.text : result.error.name])).toEqual([
      ['a', 'We are back up.'],
      ['b', 'NetworkError'],
      ['c', 'We are back up.'],
    ]);
    const some = await hub.send({ text: 'Only c' }, { channels: ['c'] });
    expect(some).toHaveLength(1);
    expect(feeds[0]!.sent).toEqual(['We are back up.']);
    await expect(hub.send({ text: 'x' }, { channels: ['a', 'zzz'] })).rejects.toThrow(TypeError);
    expect(feeds[0]!.sent).toHaveLength(1); // nothing sent when a channel id is wrong
    await hub.close();
  });

  it("re-emits every channel's rateLimit and retry events with the channel id", async () => {
    const { feeds, hub } = setup();
    const events: unknown[][] = [];
    hub.on('rateLimit', (...args) => events.push(['rateLimit', ...args]));
    hub.on('retry', (...args) => events.push(['retry', ...args]));
    const state = { bucket: 'b:POST', remaining: 0 };
    feeds[1]!.context!.emit('rateLimit', state, 500);
    const error = new Error('again');
    feeds[0]!.context!.emit('retry', error, 2);
    expect(events).toEqual([
      ['rateLimit', state, 500, 'b'],
      ['retry', error, 2, 'a'],
    ]);
    await hub.close();
    feeds[0]!.context!.emit('retry', error, 3);
    expect(events).toHaveLength(2); // detached on close
  });

  it('close() ends a waiting listen promptly and closes every channel', async () => {
    const { feeds, hub } = setup();
    const loop = (async () => {
      for await (const _message of hub.listen()) void _message;
      return 'ended';
    })();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await hub.close();
    await expect(loop).resolves.toBe('ended');
    expect(feeds.every((feed) => feed.closed)).toBe(true);
  });

  it('refuses two channels with the same id', () => {
    const store = new MemoryStore();
    expect(() => createHub([feedChannel(new Feed('x'), store), feedChannel(new Feed('x'), store)])).toThrow(/two channels have the id 'x'/);
  });
});
