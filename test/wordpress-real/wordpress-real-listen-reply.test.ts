/**
 * listen() and reply() on a real WordPress 6.1 (Debian's packages), where the emulator's facts are
 * put to the test: threading under nested comments, a Message's fields as WordPress renders them,
 * paging past one full page, moderation, the typed errors WordPress's own checks produce (closed
 * post, comment flood, held reply, refused password) and a write sent once after an ambiguous failure.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthError, MemoryStore, PermissionError, PlatformError, RateLimitError, type Channel, type Message } from 'everywhere';
import { wordpress, type WordpressOptions } from 'everywhere/wordpress';
import { findInHistory, rejection, take } from '../conformance/helpers.js';
import { requireWordpress } from './requires-wordpress.js';
import { RealWordpress } from './wordpress-server.js';

if (requireWordpress()) {
  const server = new RealWordpress();
  const channels: Channel[] = [];
  const controllers: AbortController[] = [];
  beforeAll(() => server.start(), 60_000);
  afterAll(() => server.stop());
  beforeEach(() => server.reset());
  afterEach(async () => {
    controllers.splice(0).forEach((controller) => controller.abort());
    await Promise.all(channels.splice(0).map((channel) => channel.close()));
  });

  const open = (options: Partial<WordpressOptions> = {}): Channel => {
    const channel = wordpress({ baseUrl: server.baseUrl, username: server.site.username, applicationPassword: server.site.applicationPassword, pollIntervalMs: 50, ...options });
    channels.push(channel);
    return channel;
  };
  const openAsAuthor = (options: Partial<WordpressOptions> = {}) => open({ username: server.site.author.username, applicationPassword: server.site.author.applicationPassword, ...options });
  const listen = (channel: Channel, since: Date) => {
    const controller = new AbortController();
    controllers.push(controller);
    return channel.listen({ since, signal: controller.signal })[Symbol.asyncIterator]();
  };
  const customer = async (channel: Channel, content: string, parent?: number): Promise<Message> =>
    findInHistory(channel, String(await server.comment({ content, author: 'Jo Reader', ...(parent ? { parent } : {}) })));
  /** The comments written by a user (the channel's), as the database holds them. */
  const byUsers = async () => (await server.stored()).filter((comment) => comment.user_id > 0);

  describe('WordPress reply() on a real site', () => {
    it('answers a nested comment under it, in the thread of its top-level comment', async () => {
      const channel = open();
      const root = await customer(channel, 'Is the battery replaceable?');
      const nested = await customer(channel, 'Asking the same', Number(root.id));
      const answer = await channel.reply(nested, { text: "Yes, it's two screws." });
      expect(answer).toMatchObject({ kind: 'comment', threadId: root.id, parentId: nested.id, author: { isSelf: true }, subject: 'Our new laptop: what’s inside' });
      expect(answer.text).toBe('Yes, it’s two screws.'); // WordPress renders typographic quotes
      expect(await byUsers()).toEqual([expect.objectContaining({ id: Number(answer.id), parent: Number(nested.id), approved: '1', content: "Yes, it's two screws." })]);
      expect(server.proxy.writes).toBe(1);
    });

    it('a post closed to comments is PermissionError 403, nothing created', async () => {
      const channel = open();
      const to = await customer(channel, 'A question before closing');
      await server.closeComments();
      const error = await rejection(channel.reply(to, { text: 'Too late to answer' }));
      expect(error).toBeInstanceOf(PermissionError);
      expect((error as PermissionError).status).toBe(403);
      expect(await byUsers()).toEqual([]);
    });

    it('an Author (who does not moderate) is flood-throttled by WordPress: RateLimitError with a reset about 15 s away', async () => {
      const channel = openAsAuthor({ rateLimit: { onLimit: 'throw' } });
      const first = await customer(channel, 'First question');
      const second = await customer(channel, 'Second question');
      await channel.reply(first, { text: 'First answer' });
      const before = Date.now();
      const error = await rejection(channel.reply(second, { text: 'Second answer' }));
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).resetAt!.getTime()).toBeGreaterThanOrEqual(before + 14_000);
      expect((await byUsers()).map((comment) => comment.content)).toEqual(['First answer']);
    });

    it('a reply WordPress holds for moderation is PlatformError held, maybeDelivered, and is not sent again', async () => {
      await server.holdComments(true);
      const channel = openAsAuthor();
      const to = await customer(channel, 'A question for an author');
      const error = await rejection(channel.reply(to, { text: 'An answer that waits for approval' }));
      expect(error).toBeInstanceOf(PlatformError);
      expect(error).toMatchObject({ platformCode: 'held', maybeDelivered: true, details: { status: 'hold' } });
      expect(await rejection(channel.reply(to, { text: 'An answer that waits for approval' }))).toMatchObject({ maybeDelivered: true });
      expect((await byUsers()).map((comment) => comment.approved)).toEqual(['0']);
      expect(server.proxy.writes).toBe(1);
    });

    it('a refused Application Password is AuthError after the password was asked again; a rotated one is picked up', async () => {
      const vault = { stale: ['old1 old2 old3 old4 old5 old6'], calls: 0 };
      const channel = open({ applicationPassword: () => (vault.calls++, vault.stale.shift() ?? server.site.applicationPassword) });
      const to = await customer(open(), 'A question');
      expect((await channel.reply(to, { text: 'Answered after a rotation' })).author.isSelf).toBe(true);
      expect(vault.calls).toBe(2);
      const refused = open({ applicationPassword: 'aaaa bbbb cccc dddd eeee ffff' });
      const error = await rejection(refused.reply(to, { text: 'Refused this time' }));
      expect(error).toBeInstanceOf(AuthError);
      expect(JSON.stringify(error) + (error as Error).message).not.toContain(server.site.applicationPassword);
      expect((await byUsers()).map((comment) => comment.content)).toEqual(['Answered after a rotation']);
    });

    it("an ambiguous write is maybeDelivered; the same answer again finds the comment that landed (WordPress's duplicate check), nothing posted twice", async () => {
      const channel = open();
      const to = await customer(channel, "Where's my order?");
      server.proxy.failNextWriteAmbiguously();
      const error = await rejection(channel.reply(to, { text: "It's on its way.", idempotencyKey: null }));
      expect((error as PlatformError).maybeDelivered).toBe(true);
      const landed = await byUsers();
      expect(landed).toHaveLength(1);
      const again = await channel.reply(to, { text: "It's on its way.", idempotencyKey: null });
      expect(again).toMatchObject({ id: String(landed[0]!.id), parentId: to.id, threadId: to.threadId, author: { isSelf: true } });
      expect(await byUsers()).toHaveLength(1);
    });

    it('after a restart mid-send, the reply is recovered from the site by its text, not sent again', async () => {
      const store = new MemoryStore();
      const first = open({ store, id: 'wp-real:once' });
      const to = await customer(first, 'Can I return it?');
      server.proxy.failNextWriteAmbiguously();
      expect(((await rejection(first.reply(to, { text: "Yes, within 30 days, it's free." }))) as PlatformError).maybeDelivered).toBe(true);
      const restarted = open({ store, id: 'wp-real:once' });
      const recovered = await restarted.reply({ ...to, channel: restarted.id }, { text: "Yes, within 30 days, it's free." });
      const landed = await byUsers();
      expect(landed).toHaveLength(1);
      expect(recovered.id).toBe(String(landed[0]!.id));
      expect(server.proxy.writes).toBe(1);
    });
  });

  describe('WordPress listen() on a real site', () => {
    it('makes each comment a Message: post title as subject, link, plain text, top-level comment as thread, parent', async () => {
      const since = new Date(Date.now() - 5000);
      const root = await server.comment({ content: 'Does it have a USB-C port?', author: 'Jo Reader', dateGmt: since.getTime() - 60_000 });
      const child = await server.comment({ content: 'Same question', author: 'Sam', parent: root, dateGmt: since.getTime() - 30_000 });
      const grandchild = await server.comment({ content: "It's got two.\nBoth charge.\n\nAnd <b>one</b> more line", author: 'Ana', parent: child });
      const [message] = (await take(listen(open(), since), 1)) as [Message];
      expect(message).toMatchObject({
        id: String(grandchild),
        platform: 'wordpress',
        kind: 'comment',
        threadId: String(root), // neither parent is in the poll's answer: both were read
        parentId: String(child),
        subject: 'Our new laptop: what’s inside',
        url: `${server.baseUrl}/our-new-laptop-whats-inside/#comment-${grandchild}`,
        author: { name: 'Ana', isSelf: false },
      });
      expect(message.text).toBe('It’s got two.\nBoth charge.\n\nAnd one more line');
      expect(message.html).toContain('<p>');
      expect((message.raw as { status: string }).status).toBe('approved');
    });

    it('pages through more than one full page (100) to the cursor, oldest first, each comment once', async () => {
      const since = new Date(Date.now() - 5000);
      const ids = await server.comments({ content: 'paged', author: 'Reader', dateGmt: Date.now() - 2000 }, 105);
      const delivered = await take(listen(open(), since), 105);
      expect(delivered.map((message) => message.id)).toEqual(ids.map(String));
      expect(delivered[104]!.text).toBe('paged 105');
    });

    it('delivers a comment written after the cursor whose local date repeats an earlier hour (summer time ending in New York)', async () => {
      await server.timezone('America/New_York');
      // 05:45Z is 01:45 EDT; at 06:00Z clocks go back, so 06:30Z is 01:30 EST: WordPress's `after` compares local dates.
      const listening = listen(open(), new Date('2026-11-01T05:40:00Z'));
      const summer = await server.comment({ content: 'At 01:45 summer time', author: 'Reader', dateGmt: Date.parse('2026-11-01T05:45:00Z') });
      expect((await take(listening, 1))[0]!.id).toBe(String(summer));
      const winter = await server.comment({ content: 'At 01:30 winter time, 45 minutes later', author: 'Reader', dateGmt: Date.parse('2026-11-01T06:30:00Z') });
      const [next] = await take(listening, 1);
      expect(next!.id).toBe(String(winter));
      expect(next!.createdAt).toEqual(new Date('2026-11-01T06:30:00Z'));
    });

    it("delivers customers' comments and never the channel's own answers", async () => {
      const channel = open();
      const iterator = listen(channel, new Date(Date.now() - 5000));
      await server.comment({ content: 'First question', author: 'Jo Reader' });
      const [first] = await take(iterator, 1);
      await channel.reply(first!, { text: 'Our answer (must not come back to us)' });
      await server.comment({ content: 'A second question', author: 'Jo Reader', parent: Number(first!.id) });
      const [next] = await take(iterator, 1);
      expect(next).toMatchObject({ text: 'A second question', parentId: first!.id, threadId: first!.id });
    });

    it('with moderation: true, delivers comments held for moderation too (raw.status hold), never spam', async () => {
      const iterator = listen(open({ moderation: true }), new Date(Date.now() - 5000));
      await server.comment({ content: 'Buy cheap watches', author: 'Spammer', status: 'spam' });
      await server.comment({ content: 'My first comment here, held', author: 'New Reader', status: '0' });
      await server.comment({ content: 'An approved one after it', author: 'Reader', dateGmt: Date.now() + 1000 });
      const delivered = await take(iterator, 2);
      expect(delivered.map((message) => [message.text, (message.raw as { status: string }).status])).toEqual([
        ['My first comment here, held', 'hold'],
        ['An approved one after it', 'approved'],
      ]);
    });

    it('without moderation, delivers approved comments only', async () => {
      const iterator = listen(open(), new Date(Date.now() - 5000));
      await server.comment({ content: 'Held and not delivered', author: 'New Reader', status: '0' });
      await server.comment({ content: 'Approved and delivered', author: 'Reader', dateGmt: Date.now() + 1000 });
      const [message] = await take(iterator, 1);
      expect(message!.text).toBe('Approved and delivered');
    });
  });
}
