/**
 * listen() on WordPress: paging to the cursor by date, comments written in the same second neither
 * lost nor repeated across a restart, held comments with `moderation`, and each comment as a Message
 * (post title, link, plain text, thread root, parent).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore, type Channel, type Message } from 'everywhere';
import { wordpress } from 'everywhere/wordpress';
import { take } from '../conformance/helpers.js';
import { PASSWORD, SITE, wordpressWorld } from './wordpress-world.js';

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setup(options: { moderation?: boolean } = {}) {
  const world = await wordpressWorld();
  const store = new MemoryStore();
  const open = () => {
    const channel = wordpress({ baseUrl: SITE, username: world.emulator.bot.login, applicationPassword: PASSWORD, store, pollIntervalMs: 20, ...options });
    cleanup.push(() => channel.close());
    return channel;
  };
  cleanup.push(() => world.close());
  return { world, emulator: world.emulator, open };
}

function listen(channel: Channel, since: Date) {
  const controller = new AbortController();
  cleanup.push(() => controller.abort());
  return channel.listen({ since, signal: controller.signal })[Symbol.asyncIterator]();
}

const commentRequests = (emulator: { requests: Array<{ method: string; url: URL }> }) =>
  emulator.requests.filter((request) => request.method === 'GET' && request.url.pathname === '/wp-json/wp/v2/comments').map((request) => request.url.searchParams);

describe('WordPress listen()', () => {
  it('pages through more than one full page to the cursor, oldest first, each comment once', async () => {
    const { emulator, world, open } = await setup();
    const start = Date.now() - 60_000;
    // 230 comments over 23 seconds, ten per second: pages of 100 and many comments sharing a second.
    for (let index = 0; index < 230; index++) emulator.comment({ post: world.postId, content: `comment ${index}`, by: 'Reader', dateGmt: start + Math.floor(index / 10) * 1000 });
    const iterator = listen(open(), new Date(start));
    const messages = await take(iterator, 230);
    expect(messages.map((message) => message.text)).toEqual(Array.from({ length: 230 }, (_, index) => `comment ${index}`));
    const first = commentRequests(emulator)[0]!;
    // From an hour and a second before: WordPress compares `after` with local dates, which repeat an hour in autumn.
    expect(Object.fromEntries(first)).toMatchObject({ orderby: 'date_gmt', order: 'asc', per_page: '100', page: '1', after: new Date(Math.floor(start / 1000) * 1000 - 3_601_000).toISOString().replace('.000Z', 'Z') });
    expect(commentRequests(emulator).some((query) => query.get('page') === '3')).toBe(true);
  });

  it('keeps comments of one second apart across a restart: the second and the ids delivered at it are the cursor', async () => {
    const { emulator, world, open } = await setup();
    const second = Math.floor(Date.now() / 1000) * 1000 - 10_000;
    const ids = [1, 2, 3].map((index) => emulator.comment({ post: world.postId, content: `same second ${index}`, by: 'Reader', dateGmt: second }).id);
    const first = open();
    const iterator = listen(first, new Date(second));
    expect((await take(iterator, 2)).map((message) => message.text)).toEqual(['same second 1', 'same second 2']);
    await iterator.return!(); // 1 and 2 handled, 3 not
    await first.close();
    const later = emulator.comment({ post: world.postId, content: 'same second 4', by: 'Reader', dateGmt: second }); // written while nobody listened
    const resumed = listen(open(), new Date());
    expect((await take(resumed, 2)).map((message) => message.text)).toEqual(['same second 3', 'same second 4']);
    // The resumed poll asked for the cursor's second again, without what was delivered at it.
    const query = commentRequests(emulator).find((params) => params.get('exclude') !== null)!;
    expect(query.get('exclude')).toBe(`${ids[0]},${ids[1]}`);
    expect(query.get('after')).toBe(new Date(second - 3_601_000).toISOString().replace('.000Z', 'Z'));
    expect(later.id).toBeGreaterThan(ids[2]!);
  });

  it('makes each comment a Message: post title as subject, link, plain text, top-level comment as thread, parent', async () => {
    const { emulator, world, open } = await setup();
    const since = new Date(Date.now() - 5000);
    const root = emulator.comment({ post: world.postId, content: 'Does it have a USB-C port?', by: 'Jo Reader', dateGmt: since.getTime() - 3 * 3_600_000 });
    const child = emulator.comment({ post: world.postId, content: 'Same question', by: 'Sam', parent: root.id, dateGmt: since.getTime() - 2 * 3_600_000 });
    const grandchild = emulator.comment({ post: world.postId, content: "It's got two.\nBoth charge.\n\nAnd <b>one</b> more line", by: 'Ana', parent: child.id });
    const channel = open();
    const [message] = (await take(listen(channel, since), 1)) as [Message];
    expect(message).toMatchObject({
      id: String(grandchild.id),
      platform: 'wordpress',
      kind: 'comment',
      threadId: String(root.id), // the two parents were read to find it: neither is in the poll's answer
      parentId: String(child.id),
      subject: 'Our new laptop: what’s inside', // WordPress renders titles with typographic quotes
      url: `${SITE}/our-new-laptop-whats-inside/#comment-${grandchild.id}`,
      author: { id: 'guest:Ana', name: 'Ana', isSelf: false },
    });
    expect(message.text).toBe("It’s got two.\nBoth charge.\n\nAnd <b>one</b> more line");
    expect(message.html).toContain('<p>');
    expect((message.raw as { status: string }).status).toBe('approved');
    const reads = emulator.requests.map((request) => request.url.pathname);
    expect(reads.filter((path) => path === `/wp-json/wp/v2/posts/${world.postId}`)).toHaveLength(1);
    expect(reads).toContain(`/wp-json/wp/v2/comments/${child.id}`);
    expect(reads).toContain(`/wp-json/wp/v2/comments/${root.id}`);
  });

  it('with moderation: true, delivers comments held for moderation too, with raw.status hold', async () => {
    const { emulator, world, open } = await setup({ moderation: true });
    const iterator = listen(open(), new Date(Date.now() - 5000));
    emulator.comment({ post: world.postId, content: 'Buy cheap watches', by: 'Spammer', status: 'spam' });
    emulator.comment({ post: world.postId, content: 'My first comment here, held', by: 'New Reader', status: 'hold' });
    const [held] = await take(iterator, 1);
    expect(held!.text).toBe('My first comment here, held');
    expect((held!.raw as { status: string }).status).toBe('hold');
    expect(commentRequests(emulator).some((query) => query.get('status') === 'hold')).toBe(true);
  });

  it('with moderation: true, a held comment approved after it was handled is not delivered again', async () => {
    const { emulator, world, open } = await setup({ moderation: true });
    const iterator = listen(open(), new Date(Date.now() - 5000));
    const held = emulator.comment({ post: world.postId, content: 'Held, then approved', by: 'New Reader', status: 'hold' });
    const [first] = await take(iterator, 1);
    expect(first!.text).toBe('Held, then approved');
    held.status = 'approved'; // a moderator approves it: now the approved comments' source sees it too
    emulator.comment({ post: world.postId, content: 'Written after the approval', by: 'Reader', dateGmt: Date.now() + 1000 });
    const [next] = await take(iterator, 1);
    expect(next!.text).toBe('Written after the approval');
  });

  it('with moderation: true, a held comment approved before it was handled is delivered by the approved source', async () => {
    const { emulator, world, open } = await setup({ moderation: true });
    const channel = open();
    const since = new Date(Date.now() - 5000);
    const first = listen(channel, since);
    const held = emulator.comment({ post: world.postId, content: 'Held, approved while the bot was down', by: 'New Reader', status: 'hold' });
    const [seen] = await take(first, 1);
    expect(seen!.text).toBe('Held, approved while the bot was down');
    // Not handled: the loop ends by a crash, not by asking for the next message (nothing is committed).
    held.status = 'approved';
    await channel.close();
    const [again] = await take(listen(open(), since), 1);
    expect(again!.text).toBe('Held, approved while the bot was down');
  });

  it('without moderation, asks for approved comments only (status needs edit_posts)', async () => {
    const { emulator, world, open } = await setup();
    const iterator = listen(open(), new Date(Date.now() - 5000));
    emulator.comment({ post: world.postId, content: 'Held and not delivered', by: 'New Reader', status: 'hold' });
    emulator.comment({ post: world.postId, content: 'Approved and delivered', by: 'Reader' });
    const [message] = await take(iterator, 1);
    expect(message!.text).toBe('Approved and delivered');
    expect(commentRequests(emulator).every((query) => query.get('status') === null)).toBe(true);
  });
});
