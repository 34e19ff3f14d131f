/**
 * reply() on WordPress: the request it sends, threading under nested comments, each error code as
 * its typed error, sent once after an ambiguous write (a 409 comment_duplicate proves the first landed),
 * and a rotated Application Password picked up after a 401.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, InvalidDraftError, MemoryStore, PermissionError, PlatformError, RateLimitError, UnsupportedError, type Message } from 'everywhere';
import { wordpress, type WordpressOptions } from 'everywhere/wordpress';
import { findInHistory, rejection } from '../conformance/helpers.js';
import { PASSWORD, SITE, wordpressWorld } from './wordpress-world.js';

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setup(emulatorOptions: Parameters<typeof wordpressWorld>[0] = {}, channelOptions: Partial<WordpressOptions> = {}) {
  const world = await wordpressWorld(emulatorOptions);
  cleanup.push(() => world.close());
  const open = (more: Partial<WordpressOptions> = {}) => {
    const channel = wordpress({ baseUrl: SITE, username: world.emulator.bot.login, applicationPassword: PASSWORD, ...channelOptions, ...more });
    cleanup.push(() => channel.close());
    return channel;
  };
  const channel = open();
  const customer = async (content: string, parent?: number): Promise<Message> => {
    const comment = world.emulator.comment({ post: world.postId, content, by: 'Jo Reader', ...(parent ? { parent } : {}) });
    return findInHistory(channel, String(comment.id));
  };
  return { world, emulator: world.emulator, channel, open, customer };
}

const posts = (emulator: { requests: Array<{ method: string }> }) => emulator.requests.filter((request) => request.method === 'POST').length;

describe('WordPress reply()', () => {
  it('POSTs { post, parent, content } with HTTP Basic and answers in the thread of the top-level comment', async () => {
    const { emulator, channel, customer, world } = await setup();
    const root = await customer('Is the battery replaceable?');
    const nested = await customer('Asking the same', Number(root.id));
    const answer = await channel.reply(nested, { text: "Yes, it's two screws." });
    const request = emulator.requests.find((candidate) => candidate.method === 'POST')!;
    expect(request.path).toBe('/wp-json/wp/v2/comments');
    expect(JSON.parse(request.body)).toEqual({ post: world.postId, parent: Number(nested.id), content: "Yes, it's two screws." });
    expect(request.headers.get('authorization')).toBe(`Basic ${Buffer.from(`support_bot:${PASSWORD}`).toString('base64')}`);
    expect(request.status).toBe(201);
    expect(answer).toMatchObject({ kind: 'comment', threadId: root.id, parentId: nested.id, author: { isSelf: true }, subject: nested.subject, text: 'Yes, it’s two screws.' });
    expect(emulator.commentsBy(emulator.bot)).toHaveLength(1);
  });

  it('send() is UnsupportedError: a comment needs something to answer', async () => {
    const { emulator, channel } = await setup();
    expect(await rejection(channel.send({ text: 'A new post?' }))).toBeInstanceOf(UnsupportedError);
    expect(posts(emulator)).toBe(0);
  });

  it('refuses a text over 65,525 bytes (comment_content_column_length) before any request', async () => {
    const { emulator, channel, customer } = await setup();
    const to = await customer('A question');
    const before = emulator.requests.length;
    const error = await rejection(channel.reply(to, { text: 'é'.repeat(32_763) })); // 65,526 bytes, 32,763 characters
    expect(error).toBeInstanceOf(InvalidDraftError);
    expect((error as InvalidDraftError).reasons?.[0]).toContain('65525');
    expect(emulator.requests.length).toBe(before);
    await channel.reply(to, { text: 'a'.repeat(65_525) }); // exactly the limit goes through
  });

  it('maps the site refusing the length itself (400 comment_content_column_length) to InvalidDraftError', async () => {
    const { emulator, channel, customer } = await setup();
    const to = await customer('A question');
    emulator.fail({ match: { method: 'POST' }, status: 400, body: { code: 'comment_content_column_length', message: 'Comment field exceeds maximum length allowed.', data: { status: 400 } } });
    expect(await rejection(channel.reply(to, { text: 'short enough here' }))).toBeInstanceOf(InvalidDraftError);
  });

  it('a closed post is PermissionError (403 rest_comment_closed), nothing posted', async () => {
    const { emulator, channel, customer, world } = await setup();
    const to = await customer('A question before closing');
    emulator.site.posts.get(world.postId)!.commentStatus = 'closed';
    const error = await rejection(channel.reply(to, { text: 'Too late to answer' }));
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).status).toBe(403);
    expect(emulator.commentsBy(emulator.bot)).toHaveLength(0);
  });

  it('comment_flood (400) is a RateLimitError for a user who cannot moderate, with the 15 s reset', async () => {
    const author = await setup({ role: 'author' }, { rateLimit: { onLimit: 'throw' } });
    const first = await author.customer('First question');
    const second = await author.customer('Second question');
    await author.channel.reply(first, { text: 'First answer' });
    const before = Date.now();
    const error = await rejection(author.channel.reply(second, { text: 'Second answer' }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).resetAt!.getTime()).toBeGreaterThanOrEqual(before + 14_000);
    expect(author.emulator.commentsBy(author.emulator.bot)).toHaveLength(1);
  });

  it('an Editor (the default role, who moderates) is never flood-throttled', async () => {
    const editor = await setup();
    const one = await editor.customer('One');
    const two = await editor.customer('Two');
    await editor.channel.reply(one, { text: 'Answer one' });
    await editor.channel.reply(two, { text: 'Answer two' });
    expect(editor.emulator.commentsBy(editor.emulator.bot)).toHaveLength(2);
  });

  it('a reply the site holds for moderation is PlatformError held with maybeDelivered, and is not sent again', async () => {
    const { emulator, channel, customer } = await setup({ role: 'author', commentModeration: true });
    const to = await customer('A question for an author');
    const error = await rejection(channel.reply(to, { text: 'An answer that waits for approval' }));
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ platformCode: 'held', maybeDelivered: true, details: { status: 'hold' } });
    expect(emulator.commentsBy(emulator.bot).map((comment) => comment.status)).toEqual(['hold']);
    // The same answer again: the first is neither lost nor doubled (it is held, so it cannot be shown either).
    expect((await rejection(channel.reply(to, { text: 'An answer that waits for approval' }))) as PlatformError).toMatchObject({ maybeDelivered: true });
    expect(emulator.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('a refused password is AuthError after the password function was asked again once; a rotated one is picked up', async () => {
    const { emulator, customer, open } = await setup();
    const to = await customer('A question');
    const vault = { current: PASSWORD, stale: [] as string[], calls: 0 };
    const channel = open({ applicationPassword: () => (vault.calls++, vault.stale.shift() ?? vault.current) });
    vault.stale.push('old1 old2 old3 old4 old5 old6'); // the first answer is an old password
    const answer = await channel.reply(to, { text: 'Answered after a rotation' });
    expect(answer.author.isSelf).toBe(true);
    expect(vault.calls).toBe(2);
    expect(emulator.requests.filter((request) => request.method === 'POST').map((request) => request.status)).toEqual([401, 201]);

    emulator.applicationPassword = 'news new2 new3 new4 new5 new6';
    vault.calls = 0;
    const error = await rejection(channel.reply(to, { text: 'Refused this time' }));
    expect(error).toBeInstanceOf(AuthError);
    expect(vault.calls).toBe(2);
    expect(JSON.stringify(error) + (error as Error).message).not.toContain(PASSWORD);
  });

  it('an ambiguous write is maybeDelivered; the same answer again finds the comment that landed (409 comment_duplicate), nothing posted twice', async () => {
    const { emulator, channel, customer } = await setup();
    const to = await customer("Where's my order?");
    emulator.fail({ match: { method: 'POST' }, status: 502, afterApply: true, body: '<html>502</html>' });
    const error = await rejection(channel.reply(to, { text: "It's on its way.", idempotencyKey: null }));
    expect((error as PlatformError).maybeDelivered).toBe(true);
    expect(emulator.commentsBy(emulator.bot)).toHaveLength(1);
    // Without a key, nothing on our side remembers the first try: WordPress's duplicate check does.
    const again = await channel.reply(to, { text: "It's on its way.", idempotencyKey: null });
    expect(emulator.requests.filter((request) => request.method === 'POST').map((request) => request.status)).toEqual([502, 409]);
    expect(again).toMatchObject({ id: String(emulator.commentsBy(emulator.bot)[0]!.id), parentId: to.id, threadId: to.threadId, author: { isSelf: true } });
    expect(emulator.commentsBy(emulator.bot)).toHaveLength(1);
  });

  it('after a restart mid-send, the reply is recovered from the site by its text, not sent again', async () => {
    const { emulator, customer, open } = await setup();
    const store = new MemoryStore();
    const first = open({ store, id: 'wp:once' });
    const to = await customer('Can I return it?');
    emulator.fail({ match: { method: 'POST' }, status: 502, afterApply: true, body: '<html>502</html>' });
    const error = await rejection(first.reply({ ...to, channel: first.id }, { text: "Yes, within 30 days, it's free." }));
    expect((error as PlatformError).maybeDelivered).toBe(true);
    const restarted = open({ store, id: 'wp:once' });
    const recovered = await restarted.reply({ ...to, channel: restarted.id }, { text: "Yes, within 30 days, it's free." });
    expect(recovered.id).toBe(String(emulator.commentsBy(emulator.bot)[0]!.id));
    expect(emulator.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });
});
