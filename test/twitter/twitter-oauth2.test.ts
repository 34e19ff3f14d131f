/**
 * `twitter({ oauth2 })` against the emulator (msw at https://api.x.com), whose access tokens expire
 * after two hours: the clock is moved with fake Date (timers stay real), so an expiry takes no time.
 */
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthError, createHub, MemoryStore, type Message } from 'everywhere';
import { createSandbox, TwitterEmulator, TWITTER_BUCKETS, twitterHandlers, type TwitterOAuth2Tokens } from 'everywhere/testing';
import { twitter } from 'everywhere/twitter';
import { grownBy, nothingMoreBy, take, until } from '../conformance/helpers.js';

const FAST = { limit: 100_000, windowMs: 900_000 };
const TWO_HOURS = 7_200_000;
const ENCRYPTION_KEY = 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=';
let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  vi.useRealTimers();
});

function world() {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  const emulator = new TwitterEmulator({ limits: { [TWITTER_BUCKETS.mentions]: FAST, [TWITTER_BUCKETS.dmEvents]: FAST } });
  const server = setupServer(...twitterHandlers(emulator));
  server.listen({ onUnhandledRequest: 'error' });
  const store = new MemoryStore();
  const controller = new AbortController();
  cleanup.push(() => server.close(), () => controller.abort());
  const channel = (grant: TwitterOAuth2Tokens, options: { known?: boolean; encryptionKey?: string; store?: MemoryStore } = {}) => {
    const { clientId, refreshToken, accessToken, expiresAt } = grant;
    const built = twitter({
      oauth2: { clientId, refreshToken, accessToken, ...(options.known === false ? {} : { expiresAt }) },
      userId: emulator.self.id,
      store: options.store ?? store,
      pollIntervalMs: 20,
      directMessages: false,
      ...(options.encryptionKey ? { encryptionKey: options.encryptionKey } : {}),
    });
    cleanup.push(() => built.close());
    return built;
  };
  const tokenRequests = () => emulator.count('POST', '/2/oauth2/token');
  const refusedReads = () => emulator.requests.filter((request) => request.status === 401).length;
  return { emulator, store, controller, channel, tokenRequests, refusedReads };
}

const ids = (messages: Message[]) => messages.map((message) => message.id);

describe('X with oauth2', () => {
  it('a token that expires in the middle of listen(): one refresh before it is used again, nothing lost, nothing twice', async () => {
    const { emulator, controller, channel, tokenRequests, refusedReads } = world();
    const bot = channel(emulator.authorizeOAuth2());
    const refreshed: unknown[] = [];
    bot.on('tokens', (tokens) => refreshed.push(tokens));
    const stream = bot.listen({ signal: controller.signal, since: new Date(Date.now() - 1000) })[Symbol.asyncIterator]();
    const first = emulator.mention({ from: 'customer', text: 'before the expiry' });
    expect(ids(await take(stream, 1))).toEqual([first.id]);

    vi.setSystemTime(Date.now() + TWO_HOURS);
    const later = [emulator.mention({ from: 'customer', text: 'after the expiry' }), emulator.mention({ from: 'customer', text: 'and another' })];
    expect(ids(await take(stream, 2))).toEqual(later.map((tweet) => tweet.id));
    const after = emulator.mention({ from: 'customer', text: 'the next one' });
    expect(ids(await take(stream, 1))).toEqual([after.id]); // nothing delivered twice in between

    expect(tokenRequests()).toBe(1);
    expect(emulator.oauth2.refreshes).toBe(1);
    expect(refusedReads()).toBe(0); // refreshed ahead of the expiry, so X never saw the expired token
    expect(refreshed).toEqual([expect.objectContaining({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresAt: expect.any(Date) })]);
  });

  it('an expiry the channel was not told of: X answers 401, the channel refreshes once and the read is sent again', async () => {
    const { emulator, controller, channel, tokenRequests, refusedReads } = world();
    const bot = channel(emulator.authorizeOAuth2(), { known: false });
    const stream = bot.listen({ signal: controller.signal, since: new Date(Date.now() - 1000) })[Symbol.asyncIterator]();
    const first = emulator.mention({ from: 'customer', text: 'one' });
    expect(ids(await take(stream, 1))).toEqual([first.id]);
    vi.setSystemTime(Date.now() + TWO_HOURS);
    const second = emulator.mention({ from: 'customer', text: 'two' });
    expect(ids(await take(stream, 1))).toEqual([second.id]);
    expect(refusedReads()).toBe(1);
    expect(tokenRequests()).toBe(1);
  });

  it('a write refused with 401 (the token expired unannounced) is sent again after the refresh: posted once', async () => {
    const { emulator, channel, tokenRequests } = world();
    const bot = channel(emulator.authorizeOAuth2(), { known: false });
    vi.setSystemTime(Date.now() + TWO_HOURS);
    const sent = await bot.send({ text: 'a post after the expiry' });
    const attempts = emulator.requests.filter((request) => request.method === 'POST' && request.path === '/2/tweets');
    expect(attempts.map((request) => request.status)).toEqual([401, 201]);
    expect(attempts[0]!.headers.get('authorization')).not.toBe(attempts[1]!.headers.get('authorization'));
    expect(emulator.postsBy(emulator.self.id).map((tweet) => tweet.id)).toEqual([sent.id]);
    expect(tokenRequests()).toBe(1);
  });

  it('two channels on one store (two processes) after the expiry: one refresh, no refresh token sent twice', async () => {
    const { emulator, channel, tokenRequests } = world();
    const grant = emulator.authorizeOAuth2();
    const [first, second] = [channel(grant), channel(grant)];
    emulator.mention({ from: 'customer', text: 'hello' });
    vi.setSystemTime(Date.now() + TWO_HOURS);
    const read = async (bot: ReturnType<typeof channel>) => {
      const found: Message[] = [];
      for await (const message of bot.messages({ limit: 1 })) found.push(message);
      return found;
    };
    const [a, b] = await Promise.all([read(first), read(second)]);
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(tokenRequests()).toBe(1);
    expect(emulator.oauth2.refused).toBe(0);
  });

  it('a revoked grant: AuthError with reauthorize: true ends listen(), the hub reports it, and a new authorization goes on from the saved cursor', async () => {
    const { emulator, store, controller, channel } = world();
    const grant = emulator.authorizeOAuth2();
    const bot = channel(grant);
    const hub = createHub([bot], { restart: { minDelayMs: 20, maxDelayMs: 40 } });
    cleanup.push(() => hub.close());
    const reported: Error[] = [];
    hub.on('error', (error) => reported.push(error));
    const emitted: Error[] = [];
    bot.on('error', (error) => emitted.push(error));
    const listens = vi.spyOn(bot, 'listen');
    const stream = hub.listen({ signal: controller.signal, since: new Date(Date.now() - 1000) })[Symbol.asyncIterator]();
    const handled = emulator.mention({ from: 'customer', text: 'handled before the revocation' });
    expect(ids(await take(stream, 1))).toEqual([handled.id]);

    emulator.revoke(grant.refreshToken);
    vi.setSystemTime(Date.now() + TWO_HOURS);
    const waiting = emulator.mention({ from: 'customer', text: 'arrives while nobody can read' });
    const next = stream.next();
    await until(() => reported.length >= 2, 10_000, 'the hub to report the refused grant twice (it retries with backoff)');
    expect(reported[0]).toBeInstanceOf(AuthError);
    expect(reported[0]).toMatchObject({ code: 'auth', reauthorize: true });
    for (const error of reported) for (const token of [grant.accessToken, grant.refreshToken]) expect(JSON.stringify({ message: error.message, stack: error.stack })).not.toContain(token);
    expect(emulator.oauth2.refused).toBe(1); // the refused refresh token is not sent again by the retries
    // The channel emits the refusal as 'error' once (the retries throw it again without a request), with no token in it.
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toBeInstanceOf(AuthError);
    expect(emitted[0]).toMatchObject({ code: 'auth', reauthorize: true });
    expect(emitted[0]).toBe(reported[0]);
    for (const token of [grant.accessToken, grant.refreshToken]) expect(JSON.stringify({ message: emitted[0]!.message, json: (emitted[0] as AuthError).toJSON(), stack: emitted[0]!.stack })).not.toContain(token);
    // The hub reports each failed listen once: the emitted refusal and the listen it ended are one report.
    expect(reported.length).toBeLessThanOrEqual(listens.mock.calls.length);

    // Straight on the channel: listen() ends with it.
    const direct = bot.listen({ signal: controller.signal })[Symbol.asyncIterator]();
    await expect(direct.next()).rejects.toMatchObject({ reauthorize: true });

    // The person signs in again; another process builds its channel with the new tokens and uses it once:
    // the new set is in the store, and the hub's next restart reads it.
    const again = channel(emulator.authorizeOAuth2());
    for await (const message of again.messages({ limit: 1 })) void message;
    expect((await next).value?.id).toBe(waiting.id); // from the saved cursor: the one handled before is not delivered again
    const after = emulator.mention({ from: 'customer', text: 'after the new sign-in' });
    expect(ids(await take(stream, 1))).toEqual([after.id]);
    expect(await store.get(`${bot.id}:oauth2:tokens`)).toBeDefined();
  });

  it('a channel built again with a new authorization goes on from the saved cursor', async () => {
    const { emulator, controller, channel } = world();
    const grant = emulator.authorizeOAuth2();
    const first = channel(grant);
    const stream = first.listen({ signal: controller.signal, since: new Date(Date.now() - 1000) })[Symbol.asyncIterator]();
    const handled = emulator.mention({ from: 'customer', text: 'one' });
    expect(ids(await take(stream, 1))).toEqual([handled.id]);
    await stream.return?.();
    emulator.revoke(grant.refreshToken);
    vi.setSystemTime(Date.now() + TWO_HOURS);
    const missed = emulator.mention({ from: 'customer', text: 'while signed out' });
    await expect(first.listen({ signal: controller.signal })[Symbol.asyncIterator]().next()).rejects.toMatchObject({ reauthorize: true });

    const rebuilt = channel(emulator.authorizeOAuth2());
    const resumed = rebuilt.listen({ signal: controller.signal })[Symbol.asyncIterator]();
    expect(ids(await take(resumed, 1))).toEqual([missed.id]);
    const polls = () => emulator.count('GET', `/2/users/${emulator.self.id}/mentions`);
    expect(await nothingMoreBy(resumed, grownBy(polls, 2))).toBeUndefined();
  });

  it('with encryptionKey the stored set shows no token; a channel without the key cannot use it', async () => {
    const { emulator, store, channel } = world();
    const grant = emulator.authorizeOAuth2();
    const sealed = channel(grant, { encryptionKey: ENCRYPTION_KEY });
    const tokens: Array<{ accessToken: string; refreshToken: string }> = [];
    sealed.on('tokens', (set) => tokens.push(set));
    vi.setSystemTime(Date.now() + TWO_HOURS);
    for await (const message of sealed.messages({ limit: 1 })) void message;
    expect(tokens).toHaveLength(1);
    const stored = (await store.get(`${sealed.id}:oauth2:tokens`))!;
    for (const secret of [grant.accessToken, grant.refreshToken, tokens[0]!.accessToken, tokens[0]!.refreshToken]) expect(stored).not.toContain(secret);

    const keyless = channel(grant);
    const error = await (async () => {
      for await (const message of keyless.messages({ limit: 1 })) void message;
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toMatch(/encrypted: give the encryptionKey/);
  });

  it('the sandbox offers a grant: the channel refreshes it over 127.0.0.1 at <baseUrl>/2/oauth2/token', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    const sandbox = await createSandbox();
    const x = twitter({ ...sandbox.twitter.oauth2Options() });
    cleanup.push(() => sandbox.close(), () => x.close());
    vi.setSystemTime(Date.now() + TWO_HOURS);
    const sent = await x.send({ text: 'hello from a refreshed token' });
    expect(sandbox.twitter.emulator.postsBy(sandbox.twitter.emulator.self.id).map((tweet) => tweet.id)).toEqual([sent.id]);
    expect(sandbox.twitter.emulator.oauth2.refreshes).toBe(1);
    expect(sandbox.twitter.emulator.count('POST', '/2/oauth2/token')).toBe(1);
  });

  it('refuses an oauth2 option with a bad field, or beside accessToken, naming the option and not its value', () => {
    expect(() => twitter({ oauth2: { clientId: 'c', refreshToken: '' } })).toThrow(/option 'oauth2.refreshToken'/);
    expect(() => twitter({ oauth2: { clientId: 'c', refreshToken: 'r', tokenUrl: 'ftp://x' } })).toThrow(/option 'oauth2.tokenUrl'/);
    expect(() => twitter({ accessToken: 't', oauth2: { clientId: 'c', refreshToken: 'r-secret' } })).toThrow(/option 'oauth2' is invalid: give accessToken or oauth2, not both/);
    expect(() => twitter({ oauth2: { clientId: 'c', refreshToken: 'r' }, encryptionKey: 'c2hvcnQ=' })).toThrow(/option 'encryptionKey' is invalid: expected 32 bytes in base64/);
    const error = (() => {
      try {
        twitter({ oauth2: { clientId: 'c', refreshToken: 'r-secret', expiresAt: 'tomorrow' as never } });
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error?.message).toMatch(/option 'oauth2.expiresAt'/);
    expect(error?.message).not.toContain('r-secret');
  });
});
