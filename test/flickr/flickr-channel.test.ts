/**
 * The Flickr channel against the FlickrEmulator: normalization, the cursor of comments sharing a second,
 * paging of the photo list, answers that name the person, the outgoing signed requests, and an answer
 * lost in an ambiguous failure recovered instead of posted twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore, type Channel, type Message } from 'everywhere';
import { collect, take } from '../conformance/helpers.js';
import { CUSTOMER, flickrWorld } from './flickr-world.js';

type World = Awaited<ReturnType<typeof flickrWorld>>;
let world: World | undefined;
const channels: Channel[] = [];
afterEach(async () => {
  await Promise.all(channels.splice(0).map((channel) => channel.close()));
  await world?.close();
  world = undefined;
});
async function open(options: Parameters<World['create']>[0] = {}) {
  world ??= await flickrWorld();
  const channel = world.create({ pollIntervalMs: 20, ...options });
  channels.push(channel);
  return { world, channel };
}

describe('flickr comments', () => {
  it('normalizes a comment: photo title as subject, HTML-ish text read as text, permalink, author', async () => {
    const { world, channel } = await open();
    const id = world.emulator.comment({ by: CUSTOMER, photoId: world.photoId, text: 'Love the <b>colours</b> &amp; the <a href="https://example.com/x">light</a>!', at: 1_700_000_000_000 });
    const [message] = await collect(channel.messages(), 1);
    expect(message).toMatchObject({
      id,
      platform: 'flickr',
      kind: 'comment',
      threadId: world.photoId,
      subject: 'Our new store front',
      author: { id: CUSTOMER, handle: 'sam_pics', name: 'Sam Customer', isSelf: false },
      createdAt: new Date(1_700_000_000_000),
      html: 'Love the <b>colours</b> &amp; the <a href="https://example.com/x">light</a>!',
    });
    expect(message!.text).toBe('Love the colours & the light <https://example.com/x>!');
    expect(message!.url).toMatch(new RegExp(`^https://www\\.flickr\\.com/photos/.+/${world.photoId}/#comment\\d+$`));
  });

  it('answers by a comment on the photo naming the person; threadId the photo, parentId the comment', async () => {
    const { world, channel } = await open();
    const id = world.emulator.comment({ by: CUSTOMER, photoId: world.photoId, text: 'Is this store open on Sundays?' });
    const [question] = await collect(channel.messages(), 1);
    const answer = await channel.reply(question!, { text: 'Yes, 10 to 4.' });
    expect(answer).toMatchObject({ threadId: world.photoId, parentId: id, kind: 'comment', text: '@sam_pics Yes, 10 to 4.', author: { isSelf: true }, subject: 'Our new store front' });
    const again = await channel.reply(question!, { text: '@sam_pics and on holidays too.' });
    expect(again.text).toBe('@sam_pics and on holidays too.'); // already named: not twice
    const stored = world.emulator.photos.get(world.photoId)!.comments.map((comment) => comment._content);
    expect(stored).toEqual(['Is this store open on Sundays?', '@sam_pics Yes, 10 to 4.', '@sam_pics and on holidays too.']);
  });

  it('signs reads in the query string and writes in the form body', async () => {
    const { world, channel } = await open();
    world.emulator.comment({ by: CUSTOMER, photoId: world.photoId, text: 'A question' });
    const [question] = await collect(channel.messages(), 1);
    await channel.reply(question!, { text: 'An answer' });
    const read = world.emulator.requests.find((request) => request.method === 'GET')!;
    expect(read.url.searchParams.get('method')).toBe('flickr.photos.recentlyUpdated');
    expect(read.url.searchParams.get('oauth_signature_method')).toBe('HMAC-SHA1');
    expect(read.url.searchParams.get('oauth_consumer_key')).toBe(world.emulator.keys.consumerKey);
    expect(read.url.searchParams.get('oauth_signature')).toMatch(/^[A-Za-z0-9+/]{27}=$/); // base64 of an HMAC-SHA1
    const write = world.emulator.requests.find((request) => request.method === 'POST')!;
    expect(write.url.search).toBe('');
    const form = new URLSearchParams(write.body);
    expect([form.get('method'), form.get('photo_id'), form.get('comment_text'), form.get('format'), form.get('nojsoncallback')]).toEqual([
      'flickr.photos.comments.addComment',
      world.photoId,
      '@sam_pics An answer',
      'json',
      '1',
    ]);
    expect(form.get('oauth_signature')).toBeTruthy();
    expect(write.body).not.toContain(world.emulator.keys.tokenSecret);
  });

  it('listen(): comments sharing a second are neither lost nor repeated across a restart', async () => {
    const { world } = await open();
    const store = new MemoryStore();
    const second = Math.floor(Date.now() / 1000) * 1000 + 2000; // a second just ahead, shared by every comment below
    const first = world.create({ store, id: 'flickr:same-second', pollIntervalMs: 20 });
    channels.push(first);
    const run = first.listen({ since: new Date(second - 1000) })[Symbol.asyncIterator]();
    const pending = run.next();
    const a = world.emulator.comment({ by: CUSTOMER, photoId: world.photoId, text: 'first in the second', at: second });
    const b = world.emulator.comment({ by: CUSTOMER, photoId: world.photoId, text: 'second in the second', at: second });
    expect((await pending).value!.id).toBe(a);
    await run.return!(); // 'first' handled, 'second' not
    const c = world.emulator.comment({ by: CUSTOMER, photoId: world.photoId, text: 'third, same second, later', at: second });
    const restarted = world.create({ store, id: 'flickr:same-second', pollIntervalMs: 20 });
    channels.push(restarted);
    const resumed = restarted.listen({ since: new Date() })[Symbol.asyncIterator]();
    const after = await take(resumed, 2);
    expect(after.map((message: Message) => message.id)).toEqual([b, c]);
    const d = world.emulator.comment({ by: CUSTOMER, photoId: world.photoId, text: 'fourth, same second', at: second });
    const [next] = await take(resumed, 1);
    expect(next!.id).toBe(d); // not a, b or c again
    await resumed.return!();
  });

  it('listen(): pages through the photo list (500 a page) to reach every updated photo', async () => {
    const { world, channel } = await open();
    const since = new Date(Date.now() - 1000);
    const photos = Array.from({ length: 501 }, (_, index) => world.emulator.photo(`Photo ${index}`));
    const oldest = photos[0]!;
    world.emulator.photos.get(oldest)!.lastupdate -= 1; // last in the newest-first list: on page 2
    const iterator = channel.listen({ since })[Symbol.asyncIterator]();
    const pending = iterator.next();
    const id = world.emulator.comment({ by: CUSTOMER, photoId: oldest, text: 'On the oldest photo', at: Date.now() });
    world.emulator.photos.get(oldest)!.lastupdate = Math.floor(since.getTime() / 1000); // still the list's last
    expect((await pending).value!.id).toBe(id);
    const pages = world.emulator.requests.filter((request) => request.url.searchParams.get('method') === 'flickr.photos.recentlyUpdated').map((request) => request.url.searchParams.get('page'));
    expect(pages).toContain('2');
    await iterator.return!();
  });

  it('thread(): every comment of the photo, oldest first', async () => {
    const { world, channel } = await open();
    const ids = [1, 2, 3].map((index) => world.emulator.comment({ by: CUSTOMER, photoId: world.photoId, text: `comment ${index}`, at: 1_700_000_000_000 + index * 1000 }));
    const thread = await collect(channel.thread(world.photoId));
    expect(thread.map((message) => message.id)).toEqual(ids);
  });
});

describe('an answer lost in an ambiguous failure', () => {
  it('106 (write failed) is maybeDelivered; the same reply again finds the comment instead of posting twice', async () => {
    const { world, channel } = await open();
    world.emulator.comment({ by: CUSTOMER, photoId: world.photoId, text: 'Where is my order?' });
    const [question] = await collect(channel.messages(), 1);
    world.failNextWriteAmbiguously();
    const error = await channel.reply(question!, { text: 'It ships today.' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'platform', maybeDelivered: true, platformCode: 106 });
    expect(world.writes()).toBe(1);
    const recovered = await channel.reply(question!, { text: 'It ships today.' });
    expect(world.writes()).toBe(1);
    const stored = world.emulator.photos.get(world.photoId)!.comments.at(-1)!;
    expect(recovered).toMatchObject({ id: stored.id, parentId: question!.id, threadId: world.photoId, author: { isSelf: true } });
  });
});
