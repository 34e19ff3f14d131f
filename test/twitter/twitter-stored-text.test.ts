/**
 * The X channel reads what X stores and finds its own posts by it (PLATFORMS.md, "What the real
 * platforms do"): long posts whole from note_tweet (twitter({ longPosts: true }) for a Premium
 * account), replies without the @handles X puts in front (raw keeps them), an interrupted send found
 * by its stored text (auto-mentions, t.co links, escaping), and a 403 "duplicate content" after an
 * ambiguous create taken as proof that it landed.
 */
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidDraftError, MemoryStore, PlatformError, type Message } from 'everywhere';
import { TwitterEmulator, TWITTER_BUCKETS, twitterHandlers } from 'everywhere/testing';
import { twitter } from 'everywhere/twitter';
import { take } from '../conformance/helpers.js';
import { checkedTwitterHandlers } from './x-openapi.js';
import { X_DOCUMENT, xDocument } from './twitter-world.js';

const TOKEN = 'x-stored-text-token';
const FAST = { limit: 100_000, windowMs: 900_000 };
const LONG = `${'Our status page has the details of tonight’s maintenance. '.repeat(8)}Thanks for waiting!`;
let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function world(options: { premium?: boolean; longPosts?: boolean } = {}) {
  const emulator = new TwitterEmulator({
    accessToken: TOKEN,
    premium: options.premium ?? false,
    limits: { [TWITTER_BUCKETS.mentions]: FAST, [TWITTER_BUCKETS.lookup]: FAST, [TWITTER_BUCKETS.search]: FAST, [TWITTER_BUCKETS.userTweets]: FAST },
  });
  const server = setupServer(...twitterHandlers(emulator));
  server.listen({ onUnhandledRequest: 'error' });
  const store = new MemoryStore();
  const channel = twitter({ accessToken: TOKEN, userId: emulator.self.id, store, ...(options.longPosts !== undefined ? { longPosts: options.longPosts } : {}) });
  cleanup.push(() => server.close(), () => channel.close());
  const ambiguous = () =>
    emulator.fail({ match: { method: 'POST', path: '/2/tweets' }, status: 503, afterApply: true, body: { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status: 503 } });
  return { emulator, channel, store, ambiguous, posts: () => emulator.postsBy(emulator.self.id) };
}

describe('X long posts', () => {
  it('longPosts must be a boolean (TypeError at construction)', () => {
    expect(() => twitter({ accessToken: TOKEN, longPosts: 'yes' as never })).toThrow(TypeError);
    expect(() => twitter({ accessToken: TOKEN, longPosts: 'yes' as never })).toThrow(/longPosts/);
  });

  it('without longPosts a post over 280 is an InvalidDraftError and nothing is sent', async () => {
    const standard = world({ premium: true });
    expect(standard.channel.capabilities.maxTextLength).toBe(280);
    await expect(standard.channel.send({ text: LONG })).rejects.toBeInstanceOf(InvalidDraftError);
    expect(standard.posts()).toHaveLength(0);
  });

  it('with longPosts (a Premium account) a post up to 25,000 is sent, and X keeps it whole in note_tweet', async () => {
    const premium = world({ premium: true, longPosts: true });
    expect(premium.channel.capabilities.maxTextLength).toBe(25_000);
    await expect(premium.channel.send({ text: 'x'.repeat(25_001) })).rejects.toBeInstanceOf(InvalidDraftError);
    const sent = await premium.channel.send({ text: LONG });
    expect(premium.posts()).toHaveLength(1);
    expect(premium.posts()[0]!.note_tweet?.text).toBe(LONG);
    expect(sent.id).toBe(premium.posts()[0]!.id);
  });

  it('reads a long post whole (note_tweet), from mentions, threads and lookups', async () => {
    const { emulator, channel } = world();
    const mention = emulator.mention({ from: 'jane', text: LONG });
    expect([...mention.text].length).toBeLessThan([...`@${emulator.self.username} ${LONG}`].length); // X stored the first 280 in text
    const [read] = await take(channel.messages()[Symbol.asyncIterator](), 1);
    expect(read!.text).toBe(`@${emulator.self.username} ${LONG}`);
    const thread: Message[] = [];
    for await (const message of channel.thread(mention.id)) thread.push(message);
    expect(thread.map((message) => message.text)).toEqual([`@${emulator.self.username} ${LONG}`]);
  });
});

describe('X replies as X stores them', () => {
  it("Message.text of a reply leaves out the @handles X put in front; raw keeps them", async () => {
    const { emulator, channel, posts } = world();
    const ours = await channel.send({ text: 'We are back up.' });
    const reply = emulator.post({ from: 'jane', text: 'still down here', inReplyTo: ours.id });
    const [read] = await take(channel.messages()[Symbol.asyncIterator](), 1);
    expect(read!.id).toBe(reply.id);
    expect(read!.text).toBe('still down here');
    expect((read!.raw as { text: string }).text).toBe(`@${emulator.self.username} still down here`);

    const answer = await channel.reply(read!, { text: 'Sorry Jane & thanks, fixing <now>.' });
    expect(posts().at(-1)!.text).toBe('@jane Sorry Jane &amp; thanks, fixing &lt;now&gt;.');
    expect(answer.text).toBe('Sorry Jane & thanks, fixing <now>.');
    const thread: Message[] = [];
    for await (const message of channel.thread(ours.threadId)) thread.push(message);
    expect(thread.map((message) => message.text)).toEqual(['We are back up.', 'still down here', 'Sorry Jane & thanks, fixing <now>.']);
  });
});

describe('X sends found again by what X stores', () => {
  it('an interrupted reply with a link, & and auto-mentions is found again, not posted twice', async () => {
    const { emulator, channel, ambiguous, posts } = world();
    const mention = emulator.mention({ from: 'jane', text: 'where is my parcel?' });
    const [read] = await take(channel.messages()[Symbol.asyncIterator](), 1);
    const draft = { text: 'Track it at https://example.com/track?id=1182 & tell us.', idempotencyKey: 'parcel-1182' };
    ambiguous();
    const first = await channel.reply(read!, draft).catch((caught: unknown) => caught);
    expect(first).toBeInstanceOf(PlatformError);
    expect((first as PlatformError).maybeDelivered).toBe(true);
    expect(posts()).toHaveLength(1); // it landed
    const again = await channel.reply(read!, draft);
    expect(again.id).toBe(posts()[0]!.id);
    expect(again.parentId).toBe(mention.id);
    expect(posts()).toHaveLength(1);
  });

  it('a 403 duplicate content after an ambiguous create answers with the post that landed, never twice', async () => {
    const { channel, ambiguous, posts } = world();
    const text = 'Maintenance tonight 22:00-23:00 UTC: https://status.example.com & more soon.';
    ambiguous();
    await expect(channel.send({ text })).rejects.toBeInstanceOf(PlatformError);
    expect(posts()).toHaveLength(1);
    const again = await channel.send({ text }); // no key: X answers 403 duplicate content
    expect(again.id).toBe(posts()[0]!.id);
    expect(posts()).toHaveLength(1);
    // Without an interrupted create before it, a duplicate is X's refusal, as before.
    await channel.send({ text: 'Hello again' });
    const refused = await channel.send({ text: 'Hello again' }).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(PlatformError);
    expect((refused as PlatformError).status).toBe(403);
    expect(posts()).toHaveLength(2);
  });
});

describe.skipIf(X_DOCUMENT.skip)(`X stored text against X's OpenAPI document${X_DOCUMENT.note}`, () => {
  it('replies with links, escaped text and long posts are answered only as the document allows', async () => {
    const emulator = new TwitterEmulator({ accessToken: TOKEN, premium: true, limits: { [TWITTER_BUCKETS.mentions]: FAST, [TWITTER_BUCKETS.lookup]: FAST, [TWITTER_BUCKETS.search]: FAST, [TWITTER_BUCKETS.userTweets]: FAST } });
    const checked = checkedTwitterHandlers(emulator, xDocument()!);
    const server = setupServer(...checked.handlers);
    server.listen({ onUnhandledRequest: 'error' });
    const channel = twitter({ accessToken: TOKEN, userId: emulator.self.id, store: new MemoryStore(), longPosts: true });
    cleanup.push(() => server.close(), () => channel.close());
    emulator.mention({ from: 'jane', text: `Long one: ${LONG} see https://example.com/a?b=1 & <this>` });
    const [read] = await take(channel.messages()[Symbol.asyncIterator](), 1);
    await channel.reply(read!, { text: `${LONG} https://status.example.com & <done>` });
    const thread: Message[] = [];
    for await (const message of channel.thread(read!)) thread.push(message);
    expect(thread).toHaveLength(2);
    expect(thread[1]!.text).toBe(`${LONG} https://t.co/${(thread[1]!.raw as { note_tweet: { entities: { urls: Array<{ url: string }> } } }).note_tweet.entities.urls[0]!.url.slice(13)} & <done>`);
    expect(checked.problems).toEqual([]);
  });
});
