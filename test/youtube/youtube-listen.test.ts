/**
 * listen() on YouTube: comment threads paged back to the cursor (more than one page of 100), replies
 * beyond those a thread inlines read with comments.list (and only when the thread's reply count
 * changed), every listen read charged to the listen share as well as to the day's units.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore, type Message } from 'everywhere';
import { youtube } from 'everywhere/youtube';
import { collect, nothingMoreBy, take, until } from '../conformance/helpers.js';
import { CHANNEL_ID, RAISED_QUOTA, TOKEN, VIDEO, youtubeWorld } from './youtube-world.js';

let close: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

async function listening(options: { dailyQuota?: number; store?: MemoryStore } = {}) {
  const world = await youtubeWorld();
  const channel = youtube({ channelId: CHANNEL_ID, accessToken: TOKEN, dailyQuota: options.dailyQuota ?? RAISED_QUOTA, pollIntervalMs: 20, ...(options.store ? { store: options.store } : {}) });
  const controller = new AbortController();
  close.push(() => world.close(), () => channel.close(), () => controller.abort());
  const iterator = channel.listen({ since: new Date(Date.now() - 1000), signal: controller.signal })[Symbol.asyncIterator]();
  return { world, channel, iterator, controller };
}

const threadReads = (world: Awaited<ReturnType<typeof youtubeWorld>>) => world.emulator.requests.filter((request) => request.path.startsWith('/youtube/v3/commentThreads'));

describe('YouTube listen()', () => {
  it('pages back through more than a page of threads to the cursor and delivers oldest first', async () => {
    const { world, iterator } = await listening();
    const first = iterator.next();
    await until(() => threadReads(world).length > 0, 5000, 'the first poll');
    world.emulator.comment({ videoId: VIDEO, text: 'comment 0' });
    expect(((await first).value as Message).text).toBe('comment 0');
    const before = threadReads(world).length;
    for (let index = 1; index <= 130; index++) world.emulator.comment({ videoId: VIDEO, text: `comment ${index}` });
    const delivered = await take(iterator, 130);
    expect(delivered.map((message) => message.text)).toEqual(Array.from({ length: 130 }, (_, index) => `comment ${index + 1}`));
    const pagedReads = threadReads(world).slice(before).map((request) => request.url.searchParams);
    expect(pagedReads.some((query) => query.has('pageToken'))).toBe(true); // the second page was read
    expect(pagedReads[0]!.get('allThreadsRelatedToChannelId')).toBe(CHANNEL_ID);
    expect(pagedReads[0]!.get('order')).toBe('time');
    expect(pagedReads[0]!.get('part')).toBe('snippet,replies');
    expect(pagedReads[0]!.get('maxResults')).toBe('100');
  });

  it('reads the replies a thread does not inline with comments.list, once per change of its reply count', async () => {
    const { world, iterator } = await listening();
    const top = world.emulator.comment({ videoId: VIDEO, text: 'top' });
    expect((await take(iterator, 1)).map((message) => message.text)).toEqual(['top']);
    for (let index = 1; index <= 7; index++) world.emulator.reply({ parentId: top.id, text: `reply ${index}` });
    const replies = await take(iterator, 7);
    expect(replies.map((message) => message.text)).toEqual(Array.from({ length: 7 }, (_, index) => `reply ${index + 1}`));
    expect(replies.every((message) => message.parentId === top.id && message.threadId === top.id)).toBe(true);
    const listed = world.emulator.count('GET', '/youtube/v3/comments');
    expect(listed).toBeGreaterThan(0);
    const reads = threadReads(world).length;
    expect(await nothingMoreBy(iterator, () => threadReads(world).length >= reads + 3)).toBeUndefined(); // three more polls
    expect(world.emulator.count('GET', '/youtube/v3/comments')).toBe(listed); // nothing changed: no reply reads
  });

  it('delivers new replies in two threads that inline none of them: the first thread read does not end the paging', async () => {
    const { world, iterator } = await listening();
    const first = world.emulator.comment({ videoId: VIDEO, text: 'first thread' });
    const second = world.emulator.comment({ videoId: VIDEO, text: 'second thread' });
    for (const top of [first, second]) for (let index = 1; index <= 6; index++) world.emulator.reply({ parentId: top.id, text: `old ${index}` });
    expect(await take(iterator, 14)).toHaveLength(14);
    // A new reply in each: past the five replies a thread inlines, so only comments.list shows them.
    world.emulator.reply({ parentId: first.id, text: 'new in the first thread' });
    world.emulator.reply({ parentId: second.id, text: 'new in the second thread' });
    const news = await take(iterator, 2);
    expect(news.map((message) => message.text).sort()).toEqual(['new in the first thread', 'new in the second thread']);
  });

  it('charges its reads to the listen share as well as to the day, and history to the day only', async () => {
    const store = new MemoryStore();
    const { world, channel, iterator, controller } = await listening({ dailyQuota: 1000, store });
    world.emulator.comment({ videoId: VIDEO, text: 'history' });
    await collect(channel.messages()); // 2 units of the day: threads, video title
    expect((await iterator.next()).value).toMatchObject({ text: 'history' });
    controller.abort();
    const reads = world.emulator.requests.filter((request) => request.method === 'GET').length;
    const listenReads = reads - 2;
    const bucket = (name: string) => `youtube:${CHANNEL_ID}:${name}`;
    // The listen share is half the day: 500 units, less what the polls spent.
    expect((await store.take(bucket('listen units'), 500 - listenReads + 1)).ok).toBe(false);
    expect((await store.take(bucket('listen units'), 500 - listenReads)).ok).toBe(true);
    expect((await store.take(bucket('units'), 1000 - reads + 1)).ok).toBe(false);
    expect((await store.take(bucket('units'), 1000 - reads)).ok).toBe(true);
  });
});
