/** The token keeper: refresh before expiry and after a refusal, one refresh across callers and processes, the stored set, encryption, redaction. */
import { describe, expect, it } from 'vitest';
import { AuthError, MemoryStore, PlatformError } from '../../src/index.js';
import { ChannelContext } from '../../src/core/context.js';
import { createTokenKeeper, type TokenKeeperOptions } from '../../src/core/oauth2/token-keeper.js';
import { normalizeCommonOptions } from '../../src/core/options.js';
import type { TokenSet } from '../../src/core/oauth2/token-set.js';

const TOKEN_URL = 'http://127.0.0.1:1/oauth2/token';
const KEY = 'test:acme:oauth2:tokens';
const ENCRYPTION_KEY = btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, index) => index * 7)));
const inAnHour = () => new Date(Date.now() + 3_600_000);
const inThirtySeconds = () => new Date(Date.now() + 30_000);

interface GrantRequest {
  form: Record<string, string>;
  authorization: string | null;
}

/**
 * A token endpoint as X runs it: the refresh token rotates on every refresh and works once; a spent
 * one is 400 invalid_request. `hold()` keeps the next answers back until `release()`.
 */
function tokenEndpoint(options: { first?: string } = {}) {
  const valid = new Set([options.first ?? 'refresh-0']);
  const requests: GrantRequest[] = [];
  let issued = 0;
  let gate: Promise<void> | undefined;
  let open: () => void = () => {};
  let answer: ((form: Record<string, string>) => Response | undefined) | undefined;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const form = Object.fromEntries(new URLSearchParams(await request.text()));
    requests.push({ form, authorization: request.headers.get('authorization') });
    if (gate) await gate;
    const scripted = answer?.(form);
    if (scripted) return scripted;
    if (!valid.delete(form.refresh_token ?? '')) {
      return Response.json({ error: 'invalid_request', error_description: 'Value passed for the token was invalid.' }, { status: 400 });
    }
    issued += 1;
    valid.add(`refresh-${issued}`);
    return Response.json({ token_type: 'bearer', expires_in: 7200, access_token: `access-${issued}`, scope: 'tweet.read offline.access', refresh_token: `refresh-${issued}` });
  };
  return {
    fetch,
    requests,
    get refreshes() {
      return issued;
    },
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release() {
      gate = undefined;
      open();
    },
    answerWith(script: (form: Record<string, string>) => Response | undefined) {
      answer = script;
    },
    revokeAll() {
      valid.clear();
    },
  };
}

type KeeperOverrides = Partial<Omit<TokenKeeperOptions, 'oauth2' | 'context'>> & {
  store?: MemoryStore;
  oauth2?: { [K in keyof TokenKeeperOptions['oauth2']]?: TokenKeeperOptions['oauth2'][K] | undefined };
};

/** A keeper on a real ChannelContext (id "test:acme", so its set lives under KEY), with the events and secrets it records. */
function keeper(endpoint: ReturnType<typeof tokenEndpoint>, overrides: KeeperOverrides = {}) {
  const events: TokenSet[] = [];
  const errors: Error[] = [];
  const { oauth2, store, ...rest } = overrides;
  const context = new ChannelContext('test:acme', 'test', normalizeCommonOptions({ store: store ?? new MemoryStore() }, { pollIntervalMs: 1000 }));
  context.emitter.on('tokens', (tokens: TokenSet) => events.push(tokens));
  context.emitter.on('error', (error: Error) => errors.push(error));
  const settings = { clientId: 'client-a', refreshToken: 'refresh-0', accessToken: 'access-0', expiresAt: inAnHour(), tokenUrl: TOKEN_URL, ...oauth2 };
  const instance = createTokenKeeper({
    oauth2: JSON.parse(JSON.stringify(settings), (key, value: unknown) => (key === 'expiresAt' ? new Date(value as string) : value)) as TokenKeeperOptions['oauth2'],
    context,
    fetch: endpoint.fetch,
    ...rest,
  });
  return { keeper: instance, context, events, errors, secrets: context.secrets };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('token keeper', () => {
  it('uses the given access token while it has more than 60 s left', async () => {
    const endpoint = tokenEndpoint();
    const { keeper: tokens } = keeper(endpoint);
    expect(await tokens.accessToken()).toBe('access-0');
    expect(endpoint.requests).toHaveLength(0);
  });

  it('refreshes a token with less than 60 s left with the RFC 6749 §6 form, and stores the new set before handing it out', async () => {
    const endpoint = tokenEndpoint();
    const store = new MemoryStore();
    const { keeper: tokens, events } = keeper(endpoint, { store, oauth2: { expiresAt: inThirtySeconds() } });
    expect(await tokens.accessToken()).toBe('access-1');
    expect(endpoint.requests).toEqual([{ form: { grant_type: 'refresh_token', refresh_token: 'refresh-0', client_id: 'client-a' }, authorization: null }]);
    const stored = JSON.parse((await store.get(KEY))!) as { accessToken: string; refreshToken: string; expiresAt: string };
    expect(stored).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    expect(new Date(stored.expiresAt).getTime()).toBeGreaterThan(Date.now() + 7_000_000);
    expect(events).toEqual([{ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: new Date(stored.expiresAt), scope: 'tweet.read offline.access' }]);
    expect(await tokens.accessToken()).toBe('access-1');
    expect(endpoint.refreshes).toBe(1);
  });

  it('refreshes first when the options carry only a refresh token', async () => {
    const endpoint = tokenEndpoint();
    const { keeper: tokens } = keeper(endpoint, { oauth2: { accessToken: undefined, expiresAt: undefined } });
    expect(await tokens.accessToken()).toBe('access-1');
  });

  it('a confidential client authenticates with HTTP Basic (RFC 6749 §2.3.1)', async () => {
    const endpoint = tokenEndpoint();
    const { keeper: tokens } = keeper(endpoint, { oauth2: { clientSecret: 'secret: ä+/', expiresAt: inThirtySeconds() } });
    await tokens.accessToken();
    expect(endpoint.requests[0]!.authorization).toBe(`Basic ${btoa('client-a:secret%3A+%C3%A4%2B%2F')}`);
  });

  it('many callers at once in one process: one refresh', async () => {
    const endpoint = tokenEndpoint();
    const { keeper: tokens } = keeper(endpoint, { oauth2: { expiresAt: inThirtySeconds() } });
    endpoint.hold();
    const calls = Array.from({ length: 20 }, () => tokens.accessToken());
    await new Promise((resolve) => setTimeout(resolve, 20));
    endpoint.release();
    expect(new Set(await Promise.all(calls))).toEqual(new Set(['access-1']));
    expect(endpoint.requests).toHaveLength(1);
  });

  it('two keepers on one store (two processes): one refresh, the other reads the new set, no refresh token sent twice', async () => {
    const endpoint = tokenEndpoint();
    const store = new MemoryStore();
    const first = keeper(endpoint, { store, oauth2: { expiresAt: inThirtySeconds() } });
    const second = keeper(endpoint, { store, oauth2: { expiresAt: inThirtySeconds() } });
    endpoint.hold();
    const both = Promise.all([first.keeper.accessToken(), second.keeper.accessToken()]);
    await new Promise((resolve) => setTimeout(resolve, 250)); // the second is waiting on the first's claim
    endpoint.release();
    expect(await both).toEqual(['access-1', 'access-1']);
    expect(endpoint.requests.map((request) => request.form.refresh_token)).toEqual(['refresh-0']);
    expect(first.events.length + second.events.length).toBe(1);
  });

  it("a wait for another process's refresh ends when the channel's close() begins", async () => {
    const endpoint = tokenEndpoint();
    const store = new MemoryStore();
    const first = keeper(endpoint, { store, oauth2: { expiresAt: inThirtySeconds() } });
    const second = keeper(endpoint, { store, oauth2: { expiresAt: inThirtySeconds() } });
    endpoint.hold();
    const refreshing = first.keeper.accessToken();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const waiting = second.keeper.accessToken();
    await new Promise((resolve) => setTimeout(resolve, 150)); // it polls the held claim
    second.context.markClosed();
    const closed = await caught(waiting);
    expect(closed).toBe(second.context.closed.reason);
    expect(closed).toMatchObject({ code: 'closed' });
    endpoint.release();
    expect(await refreshing).toBe('access-1');
    expect(endpoint.requests).toHaveLength(1);
  });

  it('refused(): refreshes once; a token another process already replaced is answered from the store without a refresh', async () => {
    const endpoint = tokenEndpoint();
    const store = new MemoryStore();
    const first = keeper(endpoint, { store });
    const second = keeper(endpoint, { store });
    expect(await first.keeper.accessToken()).toBe('access-0');
    expect(await second.keeper.accessToken()).toBe('access-0');
    expect(await first.keeper.refused('access-0')).toBe('access-1');
    expect(await second.keeper.refused('access-0')).toBe('access-1');
    expect(await first.keeper.refused('access-0')).toBe('access-1');
    expect(endpoint.refreshes).toBe(1);
    expect(await second.keeper.refused('access-1')).toBe('access-2');
    expect(endpoint.requests.map((request) => request.form.refresh_token)).toEqual(['refresh-0', 'refresh-1']);
  });

  it('a refused grant is an AuthError with reauthorize: true, and the refused refresh token is not sent again', async () => {
    const endpoint = tokenEndpoint();
    endpoint.revokeAll();
    const { keeper: tokens, errors } = keeper(endpoint, { oauth2: { expiresAt: inThirtySeconds() } });
    const error = await caught(tokens.accessToken());
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'auth', reauthorize: true, status: 400 });
    expect((error as Error).message).toContain('invalid_request');
    expect(await caught(tokens.accessToken())).toMatchObject({ reauthorize: true });
    expect(endpoint.requests).toHaveLength(1);
    // Emitted as 'error' on the channel once, for the one refused refresh (the second call sent none).
    expect(errors).toEqual([error]);
  });

  it('invalid_grant is a refused grant too; invalid_client is an AuthError about the client; a 500 is a PlatformError', async () => {
    const endpoint = tokenEndpoint();
    const answers = [
      Response.json({ error: 'invalid_grant', error_description: 'revoked' }, { status: 400 }),
      Response.json({ error: 'invalid_client' }, { status: 401 }),
      new Response('upstream down', { status: 500 }),
    ];
    endpoint.answerWith(() => answers.shift());
    const refusedGrant = keeper(endpoint, { oauth2: { expiresAt: inThirtySeconds() } });
    const grant = await caught(refusedGrant.keeper.accessToken());
    expect(grant).toMatchObject({ reauthorize: true });
    expect(refusedGrant.errors).toEqual([grant]);
    const wrongClient = keeper(endpoint, { oauth2: { expiresAt: inThirtySeconds() } });
    const client = await caught(wrongClient.keeper.accessToken());
    expect(client).toBeInstanceOf(AuthError);
    expect((client as AuthError).reauthorize).toBeUndefined();
    expect((client as Error).message).toContain('clientId and clientSecret');
    const outage = keeper(endpoint, { oauth2: { expiresAt: inThirtySeconds() } });
    expect(await caught(outage.keeper.accessToken())).toBeInstanceOf(PlatformError);
    expect(await outage.keeper.accessToken()).toBe('access-1'); // not a refusal: the same refresh token works next time
    // Only a refused grant is emitted as 'error': the others are the caller's to handle (or retried next call).
    expect([...wrongClient.errors, ...outage.errors]).toEqual([]);
  });

  it('an answer without an access token is a PlatformError, and the refresh token is tried again next time', async () => {
    const endpoint = tokenEndpoint();
    endpoint.answerWith(() => (endpoint.requests.length === 1 ? Response.json({ token_type: 'bearer' }) : undefined));
    const tokens = keeper(endpoint, { oauth2: { expiresAt: inThirtySeconds() } }).keeper;
    const error = await caught(tokens.accessToken());
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as Error).message).toContain('answered the refresh with 200 and no access token');
    expect(await tokens.accessToken()).toBe('access-1');
  });

  it('the stored set wins over the options; options with a refresh token the store never held replace it', async () => {
    const endpoint = tokenEndpoint();
    const store = new MemoryStore();
    const running = keeper(endpoint, { store });
    expect(await running.keeper.refused('access-0')).toBe('access-1');
    // A restart with the same (now spent) options: the store's set is used.
    const restarted = keeper(endpoint, { store });
    expect(await restarted.keeper.accessToken()).toBe('access-1');
    // A person signed in again: new tokens in the options replace the stored set.
    const reauthorized = keeper(endpoint, { store, oauth2: { refreshToken: 'refresh-new', accessToken: 'access-new' } });
    expect(await reauthorized.keeper.accessToken()).toBe('access-new');
    expect(JSON.parse((await store.get(KEY))!)).toMatchObject({ refreshToken: 'refresh-new', accessToken: 'access-new' });
  });

  it('the store tells the refresh tokens it has held by their SHA-256, never by the tokens', async () => {
    const endpoint = tokenEndpoint();
    const store = new MemoryStore();
    const written: string[] = [];
    const set = store.set.bind(store);
    store.set = async (key, value, options) => {
      written.push(key, value);
      return set(key, value, options);
    };
    const { keeper: tokens } = keeper(endpoint, { store, encryptionKey: ENCRYPTION_KEY, oauth2: { expiresAt: inThirtySeconds() } });
    await tokens.accessToken();
    const seen = written.filter((entry) => entry.startsWith(`${KEY}:seen:`));
    expect(seen).toHaveLength(2);
    for (const key of seen) expect(key).toMatch(new RegExp(`^${KEY}:seen:[0-9a-f]{64}$`));
    for (const entry of written) for (const token of ['refresh-0', 'refresh-1', 'access-0', 'access-1']) expect(entry).not.toContain(token);
  });

  it('with encryptionKey the stored set shows none of its tokens; without the key (or with another) it cannot be used', async () => {
    const endpoint = tokenEndpoint();
    const store = new MemoryStore();
    const sealed = keeper(endpoint, { store, encryptionKey: ENCRYPTION_KEY, oauth2: { expiresAt: inThirtySeconds() } });
    expect(await sealed.keeper.accessToken()).toBe('access-1');
    const stored = (await store.get(KEY))!;
    for (const token of ['access-0', 'refresh-0', 'access-1', 'refresh-1', 'tweet.read']) expect(stored).not.toContain(token);
    expect(stored).toMatch(/^aes-gcm:/);
    // Same key in another process: reads it.
    expect(await keeper(endpoint, { store, encryptionKey: ENCRYPTION_KEY }).keeper.accessToken()).toBe('access-1');
    const withoutKey = await caught(keeper(endpoint, { store }).keeper.accessToken());
    expect(withoutKey).toBeInstanceOf(AuthError);
    expect((withoutKey as Error).message).toContain('is encrypted: give the encryptionKey');
    const otherKey = btoa(String.fromCharCode(...new Uint8Array(32)));
    expect((await caught(keeper(endpoint, { store, encryptionKey: otherKey }).keeper.accessToken()) as Error).message).toContain('does not decrypt with this encryptionKey');
    expect(endpoint.refreshes).toBe(1);
  });

  it('an encryptionKey that is not 32 bytes of base64 is a TypeError', () => {
    const endpoint = tokenEndpoint();
    expect(() => keeper(endpoint, { encryptionKey: btoa('too short') })).toThrow(TypeError);
    expect(() => keeper(endpoint, { encryptionKey: 'not base64 at all!' })).toThrow(/32 bytes in base64/);
  });

  it('no token, refresh token or client secret in any error, and every one registered as a secret', async () => {
    const endpoint = tokenEndpoint();
    endpoint.answerWith((form) => Response.json({ error: 'invalid_grant', error_description: `refresh token ${form.refresh_token} is revoked; client secret-s3cr3t` }, { status: 400 }));
    const { keeper: tokens, secrets, errors } = keeper(endpoint, { oauth2: { clientSecret: 'secret-s3cr3t', expiresAt: inThirtySeconds() } });
    const error = (await caught(tokens.accessToken())) as AuthError;
    expect(errors).toEqual([error]); // the 'error' event carries this same scrubbed error
    const shown = JSON.stringify({ message: error.message, json: error.toJSON(), stack: error.stack });
    for (const secret of ['refresh-0', 'access-0', 'secret-s3cr3t']) expect(shown).not.toContain(secret);
    expect([...secrets]).toEqual(expect.arrayContaining(['refresh-0', 'access-0', 'secret-s3cr3t']));
  });
});
