/**
 * Google's refusals as typed errors: a project without approved access (quota 0) is an AuthError that
 * says so; 429 RESOURCE_EXHAUSTED is waited for (or thrown with onLimit 'throw'); the 10 edits a minute
 * of a location are a bucket that refuses the 11th reply before the wire; an expired token (one hour) is
 * refreshed with oauth2 and the request sent again; 403 and 404 are PermissionError and NotFoundError.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, MemoryStore, NotFoundError, PermissionError, RateLimitError } from 'everywhere';
import { googleBusiness } from 'everywhere/google-business';
import { collect } from '../conformance/helpers.js';
import { ACCOUNT_ID, API, LOCATION_ID, TOKEN, googleBusinessWorld } from './google-business-world.js';

let close: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

async function setup(world?: Awaited<ReturnType<typeof googleBusinessWorld>>, options: Partial<Parameters<typeof googleBusiness>[0]> = {}) {
  world ??= await googleBusinessWorld();
  const channel = googleBusiness({ accountId: ACCOUNT_ID, locationId: LOCATION_ID, accessToken: TOKEN, retry: { retries: 0 }, ...options } as Parameters<typeof googleBusiness>[0]);
  close.push(() => world.close(), () => channel.close());
  return { world, channel };
}

const exhausted = (retryAfter?: string) => ({
  status: 429,
  ...(retryAfter ? { headers: { 'retry-after': retryAfter } } : {}),
  body: { error: { code: 429, message: "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute'", status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'RATE_LIMIT_EXCEEDED', metadata: { quota_limit_value: '300' } }] } },
});

describe('Google Business Profile errors', () => {
  it('quota 0 (access not approved yet): AuthError that says to request access, not retried, the token nowhere', async () => {
    const { world, channel } = await setup(await googleBusinessWorld({ approved: false }));
    const error = (await collect(channel.messages()).catch((caught: unknown) => caught)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain('not approved');
    expect(error.message).toContain('https://developers.google.com/my-business/content/prereqs');
    expect(JSON.stringify(error) + error.stack).not.toContain(TOKEN);
    expect(world.emulator.requests).toHaveLength(1);
  });

  it('429 RESOURCE_EXHAUSTED on a reply is waited for (Retry-After), then put once', async () => {
    const { world, channel } = await setup(undefined, { retry: { retries: 2 } });
    world.emulator.review({ stars: 3, comment: 'Meh.' });
    const [review] = await collect(channel.messages());
    world.emulator.fail({ match: { method: 'PUT' }, ...exhausted('1') });
    const retries: unknown[] = [];
    channel.on('retry', (error) => retries.push(error));
    await channel.reply(review!, { text: 'Thanks for the feedback.' });
    expect(retries).toEqual([expect.any(RateLimitError)]);
    expect(world.emulator.requests.filter((request) => request.method === 'PUT').map((request) => request.status)).toEqual([429, 200]);
  });

  it("429 with onLimit 'throw': RateLimitError with resetAt, sent once", async () => {
    const { world, channel } = await setup(undefined, { rateLimit: { onLimit: 'throw' } });
    world.emulator.fail({ match: { method: 'GET' }, ...exhausted() });
    const error = (await collect(channel.messages()).catch((caught: unknown) => caught)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.resetAt).toBeInstanceOf(Date);
    expect(world.emulator.requests).toHaveLength(1);
  });

  it('the 10 edits a minute of a location are a bucket: the 11th reply is refused before the wire', async () => {
    const world = await googleBusinessWorld();
    const store = new MemoryStore();
    const { channel } = await setup(world, { store, rateLimit: { onLimit: 'throw' } });
    for (let index = 0; index < 11; index++) world.emulator.review({ stars: 4, comment: `review ${index}` });
    const reviews = await collect(channel.messages());
    // Align to the start of a clock minute's first half, so the eleven replies share one window.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 10));
    const outcomes = [];
    for (const review of reviews) outcomes.push(await channel.reply(review, { text: `Thanks for review ${review.text}` }).then(() => 'sent', (error: unknown) => error));
    expect(outcomes.slice(0, 10)).toEqual(Array(10).fill('sent'));
    expect(outcomes[10]).toBeInstanceOf(RateLimitError);
    expect(world.emulator.requests.filter((request) => request.method === 'PUT')).toHaveLength(10);
  });

  it('with oauth2, an expired access token (one hour) is refreshed at the token endpoint and the request sent again', async () => {
    const world = await googleBusinessWorld();
    const store = new MemoryStore();
    const { channel } = await setup(world, {
      accessToken: undefined,
      store,
      oauth2: { clientId: 'sandbox-client', clientSecret: 'sandbox-client-secret', refreshToken: 'sandbox-refresh-token', accessToken: TOKEN, expiresAt: new Date(Date.now() + 3_600_000), tokenUrl: `${API}/token` },
    });
    world.emulator.review({ stars: 5, comment: 'Great.' });
    world.emulator.expireTokens();
    const tokens: unknown[] = [];
    channel.on('tokens' as 'error', (set: unknown) => tokens.push(set));
    expect((await collect(channel.messages())).map((message) => message.text)).toEqual(['Great.']);
    expect(world.emulator.requests.map((request) => `${request.method} ${request.status}`)).toEqual(['GET 401', 'POST 200', 'GET 200']);
    expect(tokens).toHaveLength(1);
  });

  it('a refused token without oauth2: AuthError', async () => {
    const { channel } = await setup(undefined, { accessToken: 'ya29.revoked' });
    expect(await collect(channel.messages()).catch((caught: unknown) => caught)).toBeInstanceOf(AuthError);
  });

  it('a location of another account: PermissionError; a review deleted meanwhile: NotFoundError on reply', async () => {
    const { world, channel } = await setup();
    world.emulator.review({ stars: 2, comment: 'Bad.' });
    const [review] = await collect(channel.messages());
    world.emulator.remove(review!.id);
    expect(await channel.reply(review!, { text: 'Sorry to hear that.' }).catch((caught: unknown) => caught)).toBeInstanceOf(NotFoundError);
    const other = googleBusiness({ accountId: '1', locationId: LOCATION_ID, accessToken: TOKEN, retry: { retries: 0 } });
    close.push(() => other.close());
    expect(await collect(other.messages()).catch((caught: unknown) => caught)).toBeInstanceOf(PermissionError);
  });
});
