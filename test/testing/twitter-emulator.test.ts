/**
 * The X emulator answers as X's documents say: xdevplatform/xdk latest-openapi.json (spec 2.159) for
 * request parameters and response shapes, https://docs.x.com/x-api/fundamentals/rate-limits for the
 * limit headers, https://docs.x.com/x-api/account-activity/introduction for webhook payloads.
 * Everything goes through msw and plain fetch, as a user's own test would.
 */
import { createHmac } from 'node:crypto';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TWITTER_BUCKETS, TwitterEmulator, twitterHandlers, type TwitterEmulatorOptions } from '../../src/testing/twitter/index.js';
import { isAuthorized } from '../../src/testing/twitter/twitter-emulator-auth.js';
import { oauth1Header } from '../../src/twitter/twitter-oauth1.js';

const BASE = 'https://api.x.com';
const TOKEN = 'test-token-abc';
const server = setupServer();
let emulator: TwitterEmulator;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

function start(options: TwitterEmulatorOptions = {}): TwitterEmulator {
  emulator = new TwitterEmulator({ accessToken: TOKEN, ...options });
  server.resetHandlers(...twitterHandlers(emulator));
  return emulator;
}
beforeEach(() => {
  start();
});

async function call(path: string, init: RequestInit & { json?: unknown; token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (!headers.has('authorization')) headers.set('authorization', `Bearer ${init.token ?? TOKEN}`);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  const response = await fetch(BASE + path, { ...init, headers, ...(init.json !== undefined ? { body: JSON.stringify(init.json), method: init.method ?? 'POST' } : {}) });
  const text = await response.text();
  return { response, status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as any) : undefined };
}

const post = (text: string, reply?: string) => call('/2/tweets', { json: reply ? { text, reply: { in_reply_to_tweet_id: reply } } : { text } });

function expectLimitHeaders(headers: Headers) {
  const reset = Number(headers.get('x-rate-limit-reset'));
  expect(Number.isInteger(reset)).toBe(true);
  // epoch SECONDS: within the next 15 minutes (and one second of rounding), not milliseconds
  expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
  expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 15 * 60 + 1);
  expect(Number(headers.get('x-rate-limit-limit'))).toBeGreaterThan(0);
  expect(headers.get('x-rate-limit-remaining')).toMatch(/^\d+$/);
}

describe('fields and shapes', () => {
  it('GET /2/users/me answers id, name and username only, unless user.fields asks for more', async () => {
    const plain = await call('/2/users/me');
    expect(plain.status).toBe(200);
    expect(plain.body).toEqual({ data: { id: emulator.self.id, name: emulator.self.name, username: emulator.self.username } });
    const more = await call('/2/users/me?user.fields=profile_image_url,created_at');
    expect(Object.keys(more.body.data).sort()).toEqual(['created_at', 'id', 'name', 'profile_image_url', 'username']);
    expect(more.body.data.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('creates a post (201, id + text + edit history) and looks it up with default fields only', async () => {
    const created = await post('Hello from the bot');
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ data: { id: expect.stringMatching(/^\d{15,19}$/), text: 'Hello from the bot', edit_history_tweet_ids: [created.body.data.id] } });
    const found = await call(`/2/tweets/${created.body.data.id}`);
    expect(found.body).toEqual({ data: created.body.data });
    const expanded = await call(`/2/tweets/${created.body.data.id}?tweet.fields=author_id,created_at,conversation_id&expansions=author_id&user.fields=username`);
    expect(expanded.body.data).toMatchObject({ author_id: emulator.self.id, conversation_id: created.body.data.id });
    expect(expanded.body.includes).toEqual({ users: [{ id: emulator.self.id, name: emulator.self.name, username: emulator.self.username }] });
  });

  it('a missing post is a 200 with only errors (resource-not-found)', async () => {
    const missing = await call('/2/tweets/1234567890123456789');
    expect(missing.status).toBe(200);
    expect(missing.body).toEqual({
      errors: [
        {
          value: '1234567890123456789',
          detail: 'Could not find tweet with id: [1234567890123456789].',
          title: 'Not Found Error',
          resource_type: 'tweet',
          parameter: 'id',
          resource_id: '1234567890123456789',
          type: 'https://api.twitter.com/2/problems/resource-not-found',
        },
      ],
    });
  });

  it('a reply joins its parent conversation and names the parent author; a reply to nothing is a 403', async () => {
    const root = emulator.mention({ from: 'jane', text: 'my parcel is late' });
    const reply = await post('Sorry, looking into it', root.id);
    expect(reply.status).toBe(201);
    const stored = emulator.tweets.find((tweet) => tweet.id === reply.body.data.id)!;
    expect(stored).toMatchObject({ conversation_id: root.conversation_id, in_reply_to_user_id: root.author_id, referenced_tweets: [{ type: 'replied_to', id: root.id }] });
    const second = emulator.post({ from: 'jane', text: 'thanks', inReplyTo: stored.id });
    expect(second.conversation_id).toBe(root.id);

    const orphan = await post('to nobody', '1111111111111111111');
    expect(orphan.status).toBe(403);
    expect(orphan.body).toEqual({ title: 'Forbidden', type: 'about:blank', status: 403, detail: 'You attempted to reply to a Tweet that is deleted or not visible to you.' });
  });

  it('refuses duplicate content with a 403 and stores nothing twice', async () => {
    expect((await post('Same words')).status).toBe(201);
    const again = await post('Same words');
    expect(again.status).toBe(403);
    expect(again.body.detail).toBe('You are not allowed to create a Tweet with duplicate content.');
    expect(emulator.postsBy(emulator.self.id)).toHaveLength(1);
  });

  it('refuses empty and over-long text by X weighted count (400), accepts exactly 280', async () => {
    expect((await post('')).status).toBe(400);
    expect((await post('a'.repeat(281))).status).toBe(400);
    expect((await post('界'.repeat(141))).status).toBe(400); // CJK weighs 2: 282
    expect((await post('a'.repeat(280))).status).toBe(201);
    expect((await post(`${'b'.repeat(256)} https://example.com/${'x'.repeat(100)}`)).status).toBe(201); // a URL weighs 23
    expect(emulator.postsBy(emulator.self.id)).toHaveLength(2);
  });

  it("spelling 'posts' answers with the newer names", async () => {
    start({ spelling: 'posts' });
    const root = emulator.mention({ from: 'jane', text: 'hello' });
    emulator.post({ from: 'omar', text: `@${emulator.self.username} me too`, inReplyTo: root.id });
    const page = await call(`/2/users/${emulator.self.id}/mentions?tweet.fields=referenced_tweets&expansions=referenced_tweets.id`);
    expect(page.body.data[0]).toHaveProperty('referenced_posts');
    expect(page.body.data[0]).toHaveProperty('edit_history_post_ids');
    expect(page.body.data[0]).not.toHaveProperty('referenced_tweets');
    expect(page.body.includes.posts[0].id).toBe(root.id);
  });
});

describe('strict parameters', () => {
  it('an unknown parameter is a 400 invalid-request naming it', async () => {
    const answer = await call(`/2/users/${emulator.self.id}/mentions?colour=blue`);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body).toMatchObject({
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request',
      errors: [{ parameters: { colour: ['blue'] }, message: expect.stringContaining('[colour]') }],
    });
  });

  it.each([
    [`/2/users/1600000000000000001/mentions?max_results=4`, 'max_results'],
    [`/2/users/1600000000000000001/mentions?max_results=101`, 'max_results'],
    [`/2/users/1600000000000000001/tweets?max_results=2`, 'max_results'],
    ['/2/tweets/search/recent?query=hello&max_results=9', 'max_results'],
    ['/2/dm_events?max_results=0', 'max_results'],
    ['/2/dm_events?max_results=101', 'max_results'],
    ['/2/tweets/search/recent?max_results=10', 'query'],
    ['/2/users/me?user.fields=shoe_size', 'user.fields'],
    [`/2/users/1600000000000000001/mentions?since_id=abc`, 'since_id'],
    [`/2/users/1600000000000000001/mentions?start_time=yesterday`, 'start_time'],
    ['/2/dm_events?pagination_token=short', 'pagination_token'],
    [`/2/users/1600000000000000001/mentions?pagination_token=not-a-token`, 'pagination_token'],
    ['/2/dm_events?dm_event.fields=id,mood', 'dm_event.fields'],
    ['/2/tweets/search/recent?query=nonsense:operator', 'query'],
  ])('%s is a 400 about %s', async (path, parameter) => {
    const answer = await call(path);
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.errors[0].parameters)).toEqual([parameter]);
    expect(answer.body.errors[0].message).toEqual(expect.any(String));
  });

  it('accepts the boundaries', async () => {
    for (const path of [`/2/users/${emulator.self.id}/mentions?max_results=5`, `/2/users/${emulator.self.id}/mentions?max_results=100`, '/2/dm_events?max_results=1', '/2/tweets/search/recent?query=x&max_results=10']) {
      expect((await call(path)).status).toBe(200);
    }
  });

  it('refuses an unknown body property on create (additionalProperties false)', async () => {
    const answer = await call('/2/tweets', { json: { text: 'hi', colour: 'blue' } });
    expect(answer.status).toBe(400);
    expect(emulator.tweets).toHaveLength(0);
  });
});

describe('credentials and rate limits', () => {
  it('refuses a wrong or missing token with a 401 problem that still carries the limit headers', async () => {
    for (const answer of [await call('/2/users/me', { token: 'wrong' }), await call('/2/users/me', { headers: { authorization: '' } })]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
      expectLimitHeaders(answer.headers);
    }
  });

  it('sends the limit headers on success, 400 and 403 answers', async () => {
    expectLimitHeaders((await call('/2/users/me')).headers);
    expectLimitHeaders((await call('/2/users/me?bogus=1')).headers);
    await post('once');
    const duplicate = await post('once');
    expect(duplicate.status).toBe(403);
    expectLimitHeaders(duplicate.headers);
  });

  it('uses the documented per-user defaults and the 24-hour cap on POST /2/tweets', async () => {
    expect((await call(`/2/users/${emulator.self.id}/mentions`)).headers.get('x-rate-limit-limit')).toBe('300');
    expect((await call('/2/dm_events')).headers.get('x-rate-limit-limit')).toBe('15');
    const created = await post('counting');
    expect(created.headers.get('x-rate-limit-limit')).toBe('100');
    expect(created.headers.get('x-rate-limit-remaining')).toBe('99');
    expect(created.headers.get('x-user-limit-24hour-limit')).toBe('2400');
    expect(created.headers.get('x-user-limit-24hour-remaining')).toBe('2399');
    expect(Number(created.headers.get('x-user-limit-24hour-reset'))).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 24 * 3600 + 1);
  });

  it('answers 429 when a bucket is spent, with reset in epoch seconds, and counts per route template', async () => {
    start({ limits: { [TWITTER_BUCKETS.mentions]: { limit: 2, windowMs: 60_000 } } });
    const other = emulator.addUser({ username: 'other' });
    const first = await call(`/2/users/${emulator.self.id}/mentions`);
    expect(first.headers.get('x-rate-limit-remaining')).toBe('1');
    await call(`/2/users/${other.id}/mentions`); // another id, the same bucket
    const spent = await call(`/2/users/${emulator.self.id}/mentions`);
    expect(spent.status).toBe(429);
    expect(spent.body).toEqual({ title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 });
    expect(spent.headers.get('x-rate-limit-remaining')).toBe('0');
    const reset = Number(spent.headers.get('x-rate-limit-reset'));
    expect(reset).toBeGreaterThan(Date.now() / 1000);
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 61);
    expect((await call('/2/users/me')).status).toBe(200); // other buckets untouched
    expect(emulator.limiter.maxInWindow).toBe(2);
  });

  it('accepts an OAuth 1.0a request signed right and refuses one signed wrong', async () => {
    const keys = { consumerKey: 'ck', consumerSecret: 'cs', accessToken: 'at', accessTokenSecret: 'ats' };
    start({ oauth1: keys });
    const url = new URL(`${BASE}/2/users/${emulator.self.id}/mentions?max_results=5&tweet.fields=author_id,created_at`);
    const good = await call(url.pathname + url.search, { headers: { authorization: await oauth1Header(keys, { method: 'GET', url }) } });
    expect(good.status).toBe(200);
    const wrongSecret = await oauth1Header({ ...keys, accessTokenSecret: 'nope' }, { method: 'GET', url });
    expect((await call(url.pathname + url.search, { headers: { authorization: wrongSecret } })).status).toBe(401);
    const signedForOtherUrl = await oauth1Header(keys, { method: 'GET', url: new URL(`${BASE}/2/users/me`) });
    expect((await call(url.pathname + url.search, { headers: { authorization: signedForOtherUrl } })).status).toBe(401);
    const created = await call('/2/tweets', { json: { text: 'signed' }, headers: { authorization: await oauth1Header(keys, { method: 'POST', url: new URL(`${BASE}/2/tweets`) }) } });
    expect(created.status).toBe(201);
  });

  it('verifies the documented OAuth 1.0a example signature (form body and query signed)', () => {
    // https://docs.x.com/fundamentals/authentication/oauth-1-0a/creating-a-signature, with the host it was computed for.
    const header =
      'OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", ' +
      'oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1318622958", ' +
      'oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", oauth_version="1.0"';
    const body = 'status=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21';
    const request = new Request('https://api.twitter.com/1.1/statuses/update.json?include_entities=true', {
      method: 'POST',
      headers: { authorization: header, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const keys = {
      consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
      consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
      accessToken: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
      accessTokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
    };
    expect(isAuthorized(request, body, { accessToken: 'unused', oauth1: keys })).toBe(true);
    expect(isAuthorized(request, body.replace('Ladies', 'Lads'), { accessToken: 'unused', oauth1: keys })).toBe(false);
  });
});

describe('mentions', () => {
  it('pages newest first with pagination_token, and since_id returns only newer ones', async () => {
    const seeded = Array.from({ length: 12 }, (_, index) => emulator.mention({ from: `fan${index % 3}`, text: `help ${index}` }));
    emulator.post({ from: 'jane', text: 'not about the bot' });
    emulator.post({ from: emulator.self.username, text: `@${emulator.self.username} talking to myself` });
    const pages: any[] = [];
    let token: string | undefined;
    do {
      const page = await call(`/2/users/${emulator.self.id}/mentions?max_results=5${token ? `&pagination_token=${token}` : ''}`);
      pages.push(page.body);
      token = page.body.meta.next_token;
    } while (token);
    expect(pages.map((page) => page.meta.result_count)).toEqual([5, 5, 2]);
    const ids = pages.flatMap((page) => page.data.map((tweet: { id: string }) => tweet.id));
    expect(ids).toEqual(seeded.map((tweet) => tweet.id).reverse());
    expect(pages[0].meta).toMatchObject({ newest_id: ids[0], oldest_id: ids[4] });
    expect(pages[0].data[0]).toEqual({ id: ids[0], text: seeded[11]!.text, edit_history_tweet_ids: [ids[0]] });

    const newer = await call(`/2/users/${emulator.self.id}/mentions?since_id=${seeded[8]!.id}`);
    expect(newer.body.data.map((tweet: { id: string }) => tweet.id)).toEqual([seeded[11]!.id, seeded[10]!.id, seeded[9]!.id]);
    const window = await call(`/2/users/${emulator.self.id}/mentions?since_id=${seeded[2]!.id}&until_id=${seeded[6]!.id}`);
    expect(window.body.data.map((tweet: { id: string }) => tweet.id)).toEqual([seeded[5]!.id, seeded[4]!.id, seeded[3]!.id]);
  });

  it('has no data key when there is nothing, only meta', async () => {
    const only = emulator.mention({ from: 'jane', text: 'hi' });
    const answer = await call(`/2/users/${emulator.self.id}/mentions?since_id=${only.id}`);
    expect(answer.body).toEqual({ meta: { result_count: 0 } });
  });

  it('counts a reply to one of our posts as a mention, and expands authors and media', async () => {
    const ours = await post('We are back up');
    const reply = emulator.post({ from: 'omar', text: 'still down here', inReplyTo: ours.body.data.id, media: [{ type: 'photo' }] });
    const answer = await call(
      `/2/users/${emulator.self.id}/mentions?tweet.fields=author_id,conversation_id,created_at,in_reply_to_user_id,referenced_tweets,attachments&expansions=author_id,attachments.media_keys&user.fields=username,name,profile_image_url&media.fields=type,url`,
    );
    expect(answer.body.data).toEqual([
      {
        id: reply.id,
        text: `@${emulator.self.username} still down here`, // X puts the replied-to author in front
        edit_history_tweet_ids: [reply.id],
        author_id: reply.author_id,
        conversation_id: ours.body.data.id,
        created_at: reply.created_at,
        in_reply_to_user_id: emulator.self.id,
        referenced_tweets: [{ type: 'replied_to', id: ours.body.data.id }],
        attachments: { media_keys: [expect.stringMatching(/^3_\d+$/)] },
      },
    ]);
    expect(answer.body.includes.users).toEqual([expect.objectContaining({ id: reply.author_id, username: 'omar', profile_image_url: expect.any(String) })]);
    expect(answer.body.includes.media).toEqual([{ media_key: reply.attachments!.media_keys[0], type: 'photo', url: expect.stringMatching(/^https:/) }]);
  });

  it('finds a thread by conversation_id in recent search, and its own posts in the user timeline', async () => {
    const root = emulator.mention({ from: 'jane', text: 'order 1182?' });
    const answer = await post('On its way', root.id);
    emulator.mention({ from: 'li', text: 'unrelated' });
    const thread = await call(`/2/tweets/search/recent?query=${encodeURIComponent(`conversation_id:${root.id}`)}&max_results=10`);
    expect(thread.body.data.map((tweet: { id: string }) => tweet.id)).toEqual([answer.body.data.id, root.id]);
    const own = await call(`/2/users/${emulator.self.id}/tweets?max_results=5`);
    expect(own.body.data.map((tweet: { id: string }) => tweet.id)).toEqual([answer.body.data.id]);
  });

  it('the firehose serves 1,000 synthetic mentions newest first, paging with tokens and since_id', async () => {
    start({ mentionsServed: Infinity }); // more than the 800 X serves (twitter-emulator-history.test.ts)
    const before = emulator.mention({ from: 'early', text: 'first!' });
    emulator.firehose(1000, { start: new Date(Date.now() + 1000) });
    const seen: string[] = [];
    let token: string | undefined;
    let requests = 0;
    do {
      const page = await call(`/2/users/${emulator.self.id}/mentions?max_results=100&tweet.fields=author_id${token ? `&pagination_token=${token}` : ''}`);
      requests += 1;
      seen.push(...page.body.data.map((tweet: { id: string }) => tweet.id));
      token = page.body.meta.next_token;
    } while (token);
    expect(requests).toBe(11);
    expect(seen).toHaveLength(1001);
    expect(new Set(seen).size).toBe(1001);
    expect(seen.at(-1)).toBe(before.id);
    const sorted = [...seen].sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1));
    expect(seen).toEqual(sorted);
    // since_id in the middle: exactly the newer ones
    const middle = seen[400]!;
    const newer = await call(`/2/users/${emulator.self.id}/mentions?max_results=100&since_id=${middle}`);
    expect(newer.body.meta.result_count).toBe(100);
    expect(newer.body.data[0].id).toBe(seen[0]);
    expect(emulator.tweets).toHaveLength(1); // nothing synthetic is stored
    const lookup = await call(`/2/tweets/${seen[10]}?tweet.fields=author_id`);
    expect(lookup.body.data.text).toContain(`@${emulator.self.username}`);
  });
});

describe('direct messages', () => {
  it('creates a DM (201) and reads events newest first with default fields only', async () => {
    const customer = emulator.addUser({ username: 'omar', name: 'Omar' });
    const inbound = emulator.directMessage({ from: 'omar', text: 'can I change my address?' });
    const sent = await call(`/2/dm_conversations/with/${customer.id}/messages`, { json: { text: 'Yes, send it here' } });
    expect(sent.status).toBe(201);
    const [low, high] = [customer.id, emulator.self.id].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    expect(sent.body).toEqual({ data: { dm_conversation_id: `${low}-${high}`, dm_event_id: expect.stringMatching(/^\d+$/) } });

    const plain = await call('/2/dm_events');
    expect(plain.body).toEqual({
      data: [
        { id: sent.body.data.dm_event_id, event_type: 'MessageCreate', text: 'Yes, send it here' },
        { id: inbound.id, event_type: 'MessageCreate', text: 'can I change my address?' },
      ],
      meta: { result_count: 2 },
    });
    const full = await call('/2/dm_events?dm_event.fields=id,text,event_type,created_at,sender_id,dm_conversation_id,attachments&expansions=sender_id&user.fields=username,name&max_results=1');
    expect(full.body.data).toEqual([
      { id: sent.body.data.dm_event_id, event_type: 'MessageCreate', text: 'Yes, send it here', created_at: expect.stringMatching(/\.\d{3}Z$/), sender_id: emulator.self.id, dm_conversation_id: `${low}-${high}` },
    ]);
    expect(full.body.includes.users).toEqual([{ id: emulator.self.id, name: emulator.self.name, username: emulator.self.username }]);
    expect(full.body.meta.next_token.length).toBeGreaterThanOrEqual(16);
    const next = await call(`/2/dm_events?max_results=1&pagination_token=${full.body.meta.next_token}`);
    expect(next.body.data[0].id).toBe(inbound.id);
    expect(next.body.meta).toEqual({ result_count: 1, previous_token: expect.any(String) });

    const conversation = await call(`/2/dm_conversations/${low}-${high}/dm_events`);
    expect(conversation.body.meta.result_count).toBe(2);
    expect((await call(`/2/dm_conversations/1-2/dm_events`)).body).toEqual({ meta: { result_count: 0 } });
  });

  it('refuses a DM to an unknown user, and an empty one', async () => {
    const unknown = await call('/2/dm_conversations/with/42/messages', { json: { text: 'hi' } });
    expect(unknown.status).toBe(403);
    expect(unknown.body.detail).toBe('You cannot send messages to this user.');
    const customer = emulator.addUser({ username: 'li' });
    expect((await call(`/2/dm_conversations/with/${customer.id}/messages`, { json: { text: '' } })).status).toBe(400);
    expect(emulator.dmEvents).toHaveLength(0);
  });
});

describe('webhooks (Account Activity)', () => {
  const secret = 'sandbox-consumer-secret';

  it('signs deliveries with sha256=base64(HMAC-SHA256(consumer secret, raw body)) and builds v1.1 payloads', async () => {
    const mention = emulator.mention({ from: 'jane', text: 'where is my parcel? <soon> & fast' });
    const dm = emulator.directMessage({ from: 'jane', text: 'order 1182' });
    let received: { signature: string | null; body: string } | undefined;
    const handler = async (request: Request) => {
      received = { signature: request.headers.get('x-twitter-webhooks-signature'), body: await request.text() };
      return new Response(null, { status: 200 });
    };
    const tweetPayload = emulator.webhookEvent(mention) as any;
    expect(tweetPayload).toMatchObject({
      for_user_id: emulator.self.id,
      tweet_create_events: [{ id_str: mention.id, text: `@${emulator.self.username} where is my parcel? &lt;soon&gt; &amp; fast`, user: { id_str: mention.author_id, screen_name: 'jane' } }],
    });
    expect(tweetPayload.tweet_create_events[0].created_at).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} \+0000 \d{4}$/);
    const response = await emulator.deliverWebhook(handler, tweetPayload);
    expect(response.status).toBe(200);
    expect(received!.signature).toBe(`sha256=${createHmac('sha256', secret).update(received!.body).digest('base64')}`);

    const dmPayload = emulator.webhookEvent(dm) as any;
    expect(dmPayload).toMatchObject({
      for_user_id: emulator.self.id,
      direct_message_events: [{ type: 'message_create', id: dm.id, message_create: { sender_id: dm.sender_id, target: { recipient_id: emulator.self.id }, message_data: { text: 'order 1182' } } }],
      users: { [dm.sender_id]: { screen_name: 'jane' }, [emulator.self.id]: { screen_name: emulator.self.username } },
    });
  });

  it('runs the CRC check as a GET with crc_token', async () => {
    let asked: URL | undefined;
    const response = await emulator.crc(async (request) => {
      asked = new URL(request.url);
      return Response.json({ response_token: 'x' });
    }, 'challenge-1');
    expect(response.status).toBe(200);
    expect(asked!.searchParams.get('crc_token')).toBe('challenge-1');
  });
});
