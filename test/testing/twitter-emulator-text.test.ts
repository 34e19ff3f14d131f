/**
 * The X emulator stores text as X does (PLATFORMS.md, "What the real platforms do"; X's OpenAPI
 * document 2.167, Post.display_text_range, Post.entities.urls, Post.note_post / classic note_tweet):
 * auto-inserted @handles in front of a reply with display_text_range, t.co links with entities.urls,
 * &, <, > escaped, and long posts only for a Premium account, whole in note_tweet when it is asked for.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TwitterEmulator, twitterHandlers, type TwitterEmulatorOptions } from '../../src/testing/twitter/index.js';

const BASE = 'https://api.x.com';
const TOKEN = 'text-test-token';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

function start(options: TwitterEmulatorOptions = {}) {
  const emulator = new TwitterEmulator({ accessToken: TOKEN, ...options });
  server.resetHandlers(...twitterHandlers(emulator));
  return emulator;
}

async function call(path: string, json?: unknown) {
  const headers = new Headers({ authorization: `Bearer ${TOKEN}` });
  if (json !== undefined) headers.set('content-type', 'application/json');
  const response = await fetch(BASE + path, json === undefined ? { headers } : { method: 'POST', headers, body: JSON.stringify(json) });
  return { status: response.status, body: (await response.json()) as any };
}
const FIELDS = 'tweet.fields=display_text_range,entities,note_tweet';

describe('stored text', () => {
  it('a reply starts with the conversation\'s @handles, and display_text_range marks the visible part', async () => {
    const emulator = start();
    const root = emulator.mention({ from: 'jane', text: 'where is my parcel?' });
    const answer = await call('/2/tweets', { text: 'On its way!', reply: { in_reply_to_tweet_id: root.id } });
    expect(answer.status).toBe(201);
    expect(answer.body.data.text).toBe('@jane On its way!');
    const read = await call(`/2/tweets/${answer.body.data.id}?${FIELDS}`);
    expect(read.body.data.text).toBe('@jane On its way!');
    expect(read.body.data.display_text_range).toEqual([6, 17]);
    // jane answers the bot: X puts @everywhere_bot in front; the bot answers again: only @jane (never itself).
    const back = emulator.post({ from: 'jane', text: 'thanks', inReplyTo: answer.body.data.id });
    expect(back.text).toBe(`@${emulator.self.username} thanks`);
    const again = await call('/2/tweets', { text: '@jane You are welcome', reply: { in_reply_to_tweet_id: back.id } });
    expect(again.body.data.text).toBe('@jane You are welcome'); // a handle already in front is not put twice
  });

  it('a reply into a conversation names everyone its parent named; exclude_reply_user_ids leaves one out', async () => {
    const emulator = start();
    const root = emulator.mention({ from: 'jane', text: 'our order?' });
    const joined = emulator.post({ from: 'omar', text: 'same here', inReplyTo: root.id });
    expect(joined.text).toBe('@jane same here');
    const answer = await call('/2/tweets', { text: 'Both on their way.', reply: { in_reply_to_tweet_id: joined.id } });
    expect(answer.body.data.text).toBe('@omar @jane Both on their way.');
    const jane = root.author_id;
    const fewer = await call('/2/tweets', { text: 'Omar: tomorrow.', reply: { in_reply_to_tweet_id: joined.id, exclude_reply_user_ids: [jane] } });
    expect(fewer.body.data.text).toBe('@omar Omar: tomorrow.');
    const bad = await call('/2/tweets', { text: 'x', reply: { in_reply_to_tweet_id: joined.id, exclude_reply_user_ids: 'all' } });
    expect(bad.status).toBe(400);
  });

  it('URLs become t.co links that entities.urls expands; &, < and > are stored escaped', async () => {
    const emulator = start();
    const answer = await call('/2/tweets', { text: 'Status & news <here>: https://www.example.com/status/today?x=1 and docs.example.org.' });
    const text: string = answer.body.data.text;
    expect(text).toMatch(/^Status &amp; news &lt;here&gt;: https:\/\/t\.co\/[A-Za-z0-9]{10} and https:\/\/t\.co\/[A-Za-z0-9]{10}\.$/);
    const read = await call(`/2/tweets/${answer.body.data.id}?${FIELDS}`);
    const urls = read.body.data.entities.urls as Array<{ start: number; end: number; url: string; expanded_url: string; display_url: string }>;
    expect(urls.map(({ expanded_url, display_url }) => ({ expanded_url, display_url }))).toEqual([
      { expanded_url: 'https://www.example.com/status/today?x=1', display_url: 'example.com/status/today?…' },
      { expanded_url: 'http://docs.example.org', display_url: 'docs.example.org' },
    ]);
    for (const url of urls) expect([...text].slice(url.start, url.end).join('')).toBe(url.url);
    expect(emulator.postsBy(emulator.self.id)[0]!.text).toBe(text);
    // Without the fields asked for, none of them is there (only documented fields unless asked).
    const plain = await call(`/2/tweets/${answer.body.data.id}`);
    expect(Object.keys(plain.body.data).sort()).toEqual(['edit_history_tweet_ids', 'id', 'text']);
  });

  it('a post over 280 is refused for a standard account and kept whole in note_tweet for a Premium one', async () => {
    const long = `${'All good here. '.repeat(30)}The end.`;
    const standard = start();
    const refused = await call('/2/tweets', { text: long });
    expect(refused.status).toBe(400);
    expect(standard.postsBy(standard.self.id)).toHaveLength(0);

    const premium = start({ premium: true });
    const answer = await call('/2/tweets', { text: long });
    expect(answer.status).toBe(201);
    const read = await call(`/2/tweets/${answer.body.data.id}?${FIELDS}`);
    expect(read.body.data.note_tweet).toEqual({ text: long });
    expect([...read.body.data.text].length).toBe(280);
    expect(long.startsWith(read.body.data.text)).toBe(true);
    const plain = await call(`/2/tweets/${answer.body.data.id}?tweet.fields=author_id`);
    expect(plain.body.data.note_tweet).toBeUndefined(); // only when tweet.fields asks for note_tweet
    expect((await call('/2/tweets', { text: 'x'.repeat(25_001) })).status).toBe(400);
    expect(premium.postsBy(premium.self.id)).toHaveLength(1);
  });

  it('the newer spelling answers note_post', async () => {
    start({ premium: true, spelling: 'posts' });
    const answer = await call('/2/tweets', { text: 'y'.repeat(300) });
    const read = await call(`/2/tweets/${answer.body.data.id}?tweet.fields=note_tweet`);
    expect(read.body.data.note_post).toEqual({ text: 'y'.repeat(300) });
  });

  it('an identical post is refused as duplicate content, compared as stored', async () => {
    start();
    expect((await call('/2/tweets', { text: 'See https://example.com & more' })).status).toBe(201);
    const again = await call('/2/tweets', { text: 'See https://example.com & more' });
    expect(again.status).toBe(403);
    expect(again.body.detail).toContain('duplicate content');
  });
});
