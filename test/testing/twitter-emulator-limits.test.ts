/**
 * The X emulator's limits and refusals as X's documents give them: 24-hour caps per user and per app with
 * their headers, a plan's usage cap (429 `usage-capped` with `period`, spec 2.159 UsageCapExceededProblem),
 * one read limit for the DM GET endpoints, the plans (`tier`), app-only tokens and OAuth 2.0 scopes (the
 * `security` of each operation in X's OpenAPI document 2.167, compared below when it is beside the clone).
 */
import { describe, expect, it } from 'vitest';
import { TWITTER_BUCKETS, TwitterEmulator, type TwitterEmulatorOptions } from '../../src/testing/twitter/index.js';
import { TwitterAccess, TWITTER_ENDPOINT_ACCESS } from '../../src/testing/twitter/twitter-emulator-access.js';
import { X_DOCUMENT, xDocument } from '../twitter/twitter-world.js';

const BASE = 'https://api.x.com';

function call(emulator: TwitterEmulator, method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<Response> {
  const init: RequestInit = { method, headers: { authorization: `Bearer ${options.token ?? emulator.accessToken}`, 'content-type': 'application/json' } };
  if (options.body !== undefined) init.body = JSON.stringify(options.body);
  return emulator.handle(new Request(BASE + path, init), BASE);
}

const post = (emulator: TwitterEmulator, text: string, token?: string) => call(emulator, 'POST', '/2/tweets', { body: { text }, ...(token ? { token } : {}) });
const limitHeaders = (response: Response, prefix: string) => [prefix + '-limit', prefix + '-remaining'].map((name) => response.headers.get(name));

function emulatorWith(options: TwitterEmulatorOptions = {}) {
  const emulator = new TwitterEmulator(options);
  const customer = emulator.addUser({ username: 'customer' });
  return { emulator, customer };
}

describe('X emulator: 24-hour caps per user and per app', () => {
  it('POST /2/tweets reports the 15-minute window, the user 24-hour cap and the app 24-hour cap', async () => {
    const { emulator } = emulatorWith();
    const response = await post(emulator, 'First post of the day');
    expect(response.status).toBe(201);
    expect(limitHeaders(response, 'x-rate-limit')).toEqual(['100', '99']);
    expect(limitHeaders(response, 'x-user-limit-24hour')).toEqual(['2400', '2399']);
    expect(limitHeaders(response, 'x-app-limit-24hour')).toEqual(['10000', '9999']);
    const reset = Number(response.headers.get('x-app-limit-24hour-reset'));
    expect(reset * 1000 - Date.now()).toBeGreaterThan(23 * 60 * 60 * 1000);
  });

  it('free: 17 posts a day, then 429 with the 24-hour headers spent and nothing stored', async () => {
    const { emulator } = emulatorWith({ tier: 'free' });
    for (let index = 0; index < 17; index++) expect((await post(emulator, `Post number ${index}`)).status).toBe(201);
    const refused = await post(emulator, 'One too many');
    expect(refused.status).toBe(429);
    expect(limitHeaders(refused, 'x-user-limit-24hour')).toEqual(['17', '0']);
    expect(limitHeaders(refused, 'x-app-limit-24hour')).toEqual(['17', '0']);
    expect(refused.headers.get('x-rate-limit-remaining')).toBe('83'); // the 15-minute window still has room
    expect(emulator.postsBy(emulator.self.id)).toHaveLength(17);
  });
});

describe('X emulator: plans (tier)', () => {
  it('free reads no mentions and no DMs: 403 client-forbidden, not counted', async () => {
    const { emulator } = emulatorWith({ tier: 'free' });
    for (const path of [`/2/users/${emulator.self.id}/mentions`, '/2/dm_events', '/2/tweets/search/recent?query=hello']) {
      const response = await call(emulator, 'GET', path);
      expect(response.status).toBe(403);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ type: 'https://api.twitter.com/2/problems/client-forbidden', reason: 'client-not-enrolled', title: 'Client Forbidden' });
      expect(String(body.detail)).toContain('different access level');
    }
    const me = await call(emulator, 'GET', '/2/users/me');
    expect(me.status).toBe(200);
    expect(limitHeaders(me, 'x-rate-limit')).toEqual(['25', '24']); // 25 per 24 hours on Free
  });

  it('basic: its own read and post limits in the headers', async () => {
    const { emulator } = emulatorWith({ tier: 'basic' });
    const mentions = await call(emulator, 'GET', `/2/users/${emulator.self.id}/mentions`);
    expect(limitHeaders(mentions, 'x-rate-limit')).toEqual(['10', '9']);
    const created = await post(emulator, 'A post on Basic');
    expect(limitHeaders(created, 'x-user-limit-24hour')).toEqual(['100', '99']);
    expect(limitHeaders(created, 'x-app-limit-24hour')).toEqual(['1667', '1666']);
  });

  it('pro keeps the limits the emulator had', async () => {
    const { emulator } = emulatorWith({ tier: 'pro' });
    expect(limitHeaders(await call(emulator, 'GET', `/2/users/${emulator.self.id}/mentions`), 'x-rate-limit')).toEqual(['300', '299']);
  });
});

describe('X emulator: usage caps', () => {
  it('a spent cap is 429 usage-capped with its period while the rate window shows room; nothing is written', async () => {
    const { emulator } = emulatorWith();
    emulator.capUsage('Monthly');
    const refused = await post(emulator, 'Capped post');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(await refused.json()).toEqual({ title: 'UsageCapExceeded', detail: 'Usage cap exceeded: Monthly product cap', type: 'https://api.twitter.com/2/problems/usage-capped', period: 'Monthly', scope: 'Product' });
    expect(Number(refused.headers.get('x-rate-limit-remaining'))).toBeGreaterThan(0);
    expect(emulator.postsBy(emulator.self.id)).toHaveLength(0);
    emulator.capUsage('Daily');
    expect(((await (await call(emulator, 'GET', '/2/users/me')).json()) as { period: string }).period).toBe('Daily');
    emulator.capUsage(undefined);
    expect((await post(emulator, 'Uncapped post')).status).toBe(201);
  });

  it('posts served by reads count toward the monthly cap; at the cap every request is refused', async () => {
    const { emulator } = emulatorWith();
    emulator.mention({ from: 'customer', text: 'one' });
    emulator.mention({ from: 'customer', text: 'two' });
    await call(emulator, 'GET', `/2/users/${emulator.self.id}/mentions`);
    await call(emulator, 'GET', '/2/users/me'); // a user, not a post
    emulator.directMessage({ from: 'customer', text: 'and a DM' });
    await call(emulator, 'GET', '/2/dm_events'); // DM events are not posts either
    expect(emulator.access.postsRead).toBe(2);
    const access = new TwitterAccess('pro', 3);
    access.count(TWITTER_BUCKETS.mentions, { status: 200, body: { data: [{ id: '1' }, { id: '2' }] } });
    expect(access.capped()).toBeUndefined();
    access.count(TWITTER_BUCKETS.lookup, { status: 200, body: { data: { id: '3' } } });
    expect(access.capped()).toMatchObject({ status: 429, body: { period: 'Monthly' } });
  });
});

describe('X emulator: one read limit for the DM GET endpoints', () => {
  it('GET /2/dm_events and GET /2/dm_conversations/{id}/dm_events count in one window', async () => {
    const { emulator } = emulatorWith();
    const conversation = emulator.directMessage({ from: 'customer', text: 'Hello' }).dm_conversation_id;
    expect(limitHeaders(await call(emulator, 'GET', '/2/dm_events'), 'x-rate-limit')).toEqual(['15', '14']);
    expect(limitHeaders(await call(emulator, 'GET', `/2/dm_conversations/${conversation}/dm_events`), 'x-rate-limit')).toEqual(['15', '13']);
  });
});

describe('X emulator: app-only tokens and scopes', () => {
  it('an app-only token reads public posts but is refused on user-context and DM endpoints (403 unsupported-authentication)', async () => {
    const { emulator, customer } = emulatorWith();
    const token = emulator.appOnlyToken;
    expect((await call(emulator, 'GET', `/2/users/${emulator.self.id}/mentions`, { token })).status).toBe(200);
    for (const [method, path, body] of [
      ['GET', '/2/users/me', undefined],
      ['GET', '/2/dm_events', undefined],
      ['POST', '/2/tweets', { text: 'From the app alone' }],
      ['POST', `/2/dm_conversations/with/${customer.id}/messages`, { text: 'Hi' }],
    ] as const) {
      const response = await call(emulator, method, path, { token, body });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(await response.json()).toMatchObject({ type: 'https://api.twitter.com/2/problems/unsupported-authentication', title: 'Unsupported Authentication' });
    }
    expect(emulator.tweets).toHaveLength(0);
    expect(emulator.dmEvents).toHaveLength(0);
  });

  it('an OAuth 2.0 token without a scope is refused where the document requires it', async () => {
    const { emulator, customer } = emulatorWith();
    const readOnly = emulator.oauth2.authorize('tweet.read users.read offline.access').accessToken;
    expect((await call(emulator, 'GET', `/2/users/${emulator.self.id}/mentions`, { token: readOnly })).status).toBe(200);
    const refusedPost = await post(emulator, 'Needs tweet.write', readOnly);
    expect(refusedPost.status).toBe(403);
    expect(await refusedPost.json()).toEqual({ title: 'Forbidden', type: 'about:blank', status: 403, detail: 'Forbidden' }); // X names no scope
    expect((await call(emulator, 'GET', '/2/dm_events', { token: readOnly })).status).toBe(403);
    expect((await call(emulator, 'POST', `/2/dm_conversations/with/${customer.id}/messages`, { token: readOnly, body: { text: 'Hi' } })).status).toBe(403);
    expect(emulator.tweets).toHaveLength(0);
  });

  it.skipIf(X_DOCUMENT.skip)(`the emulator's scopes and app-only rules are the document's${X_DOCUMENT.note}`, () => {
    for (const [endpoint, access] of Object.entries(TWITTER_ENDPOINT_ACCESS)) {
      const [method, path] = endpoint.split(' ') as [string, string];
      const documented = xDocument()!.security(method, path.replace(/:([a-z_]+)/g, '{$1}'));
      const emulated = { endpoint, scopes: [...access.scopes].sort(), appOnly: access.appOnly, userContext: access.userContext ?? true };
      expect(emulated).toEqual({ endpoint, scopes: [...documented.scopes].sort(), appOnly: documented.appOnly, userContext: documented.userContext });
    }
  });
});

describe('X emulator: bad options', () => {
  it('a bad tier, mentionsServed or appOnlyToken is a TypeError at construction', () => {
    expect(() => new TwitterEmulator({ tier: 'enterprise' as never })).toThrow(new TypeError('TwitterEmulator: tier must be one of free, basic, pro'));
    for (const mentionsServed of [0, -1, 1.5, Number.NaN]) expect(() => new TwitterEmulator({ mentionsServed })).toThrow(/mentionsServed must be a positive integer or Infinity/);
    expect(() => new TwitterEmulator({ accessToken: 'same', appOnlyToken: 'same' })).toThrow(/appOnlyToken must be a non-empty token other than accessToken/);
    expect(() => new TwitterEmulator({ appOnlyToken: '' })).toThrow(TypeError);
    expect(new TwitterEmulator({ tier: 'basic', mentionsServed: Infinity }).access.tier).toBe('basic');
  });
});
