/**
 * The business-user token on the token keeper: Trustpilot's refresh endpoint (HTTP Basic API key:secret,
 * rotating refresh tokens, `expires_in` as a string) after an expired token; refreshing again after a refused
 * token is paced, so Trustpilot's 429 for refreshing too often never comes (the refusal stands instead);
 * the guidance buckets refuse a call over 833 in 5 minutes before the wire; 403 is PermissionError.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, MemoryStore, PermissionError, RateLimitError } from 'everywhere';
import { trustpilot } from 'everywhere/trustpilot';
import { collect } from '../conformance/helpers.js';
import { API_KEY, baseOptions, TOKEN, trustpilotWorld } from './trustpilot-world.js';

let close: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

async function managed(refreshCooldownMs = 60_000) {
  const world = await trustpilotWorld({ refreshToken: 'first-refresh-token', refreshCooldownMs });
  const { accessToken: _, ...options } = baseOptions();
  const tokens: unknown[] = [];
  const channel = trustpilot({ ...options, store: new MemoryStore(), retry: { retries: 0 }, oauth2: { refreshToken: 'first-refresh-token', accessToken: TOKEN, expiresAt: new Date(Date.now() + 3_600_000) } });
  channel.on('tokens' as 'error', (set: unknown) => tokens.push(set));
  close.push(() => world.close(), () => channel.close());
  world.emulator.review({ stars: 4, text: 'Good.' });
  return { emulator: world.emulator, channel, tokens };
}

describe('Trustpilot authentication and limits', () => {
  it('refreshes an expired token at the refresh endpoint with the API key and secret, and keeps the 100-hour expiry', async () => {
    const { emulator, channel, tokens } = await managed();
    emulator.expireTokens();
    expect((await collect(channel.messages())).map((message) => message.text)).toEqual(['Good.']);
    const refresh = emulator.requests.find((request) => request.path.startsWith('/v1/oauth/'))!;
    expect(refresh.path).toBe('/v1/oauth/oauth-business-users-for-applications/refresh');
    expect(refresh.headers.get('authorization')).toBe(`Basic ${btoa(`${API_KEY}:trustpilot-test-api-secret`)}`);
    expect(new URLSearchParams(refresh.body).get('grant_type')).toBe('refresh_token');
    expect(tokens).toHaveLength(1);
    const { expiresAt } = tokens[0] as { expiresAt: Date };
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(99 * 60 * 60 * 1000);
  });

  it('a second refused token within minutes is not refreshed again: AuthError, and no 429 from Trustpilot', async () => {
    const { emulator, channel } = await managed(10 * 60_000);
    emulator.expireTokens();
    await collect(channel.messages());
    emulator.expireTokens(); // revoked again right away
    const error = await collect(channel.messages()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect(emulator.refreshes).toBe(1);
    expect(emulator.refreshesTooSoon).toBe(0);
  });

  it('the 833 calls in 5 minutes are a bucket: with onLimit throw, the 834th is refused before the wire', async () => {
    const world = await trustpilotWorld();
    const channel = trustpilot({ ...baseOptions(), rateLimit: { onLimit: 'throw' }, retry: { retries: 0 } });
    close.push(() => world.close(), () => channel.close());
    const fiveMinutes = 5 * 60_000;
    if (Date.now() % fiveMinutes > fiveMinutes - 20_000) await new Promise((resolve) => setTimeout(resolve, fiveMinutes - (Date.now() % fiveMinutes) + 10));
    let refused: unknown;
    for (let call = 0; call < 834 && !refused; call++) await collect(channel.messages()).catch((caught: unknown) => (refused = caught));
    expect(refused).toBeInstanceOf(RateLimitError);
    expect(world.emulator.requests).toHaveLength(833);
  });

  it("a 429 is waited for and the call sent again; with onLimit 'throw' it is RateLimitError with resetAt the next 5-minute window", async () => {
    const world = await trustpilotWorld();
    const waiting = trustpilot({ ...baseOptions(), retry: { retries: 2 } });
    const throwing = trustpilot({ ...baseOptions(), retry: { retries: 2 }, rateLimit: { onLimit: 'throw' } });
    close.push(() => world.close(), () => waiting.close(), () => throwing.close());
    world.emulator.review({ stars: 5, text: 'Great.' });
    const quota = { fault: { faultstring: 'Rate limit quota violation. Quota limit exceeded.', detail: { errorcode: 'policies.ratelimit.QuotaViolation' } } };
    world.emulator.fail({ match: { method: 'GET' }, status: 429, body: quota, headers: { 'retry-after': '1' } });
    expect((await collect(waiting.messages())).map((message) => message.text)).toEqual(['Great.']);
    world.emulator.fail({ match: { method: 'GET' }, status: 429, body: quota });
    const error = (await collect(throwing.messages()).catch((caught: unknown) => caught)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.resetAt!.getTime() % (5 * 60_000)).toBe(0);
  });

  it('a business unit the user has no access to: PermissionError', async () => {
    const world = await trustpilotWorld();
    const channel = trustpilot({ ...baseOptions(), businessUnitId: '000000000000000000000000', retry: { retries: 0 } });
    close.push(() => world.close(), () => channel.close());
    expect(await collect(channel.messages()).catch((caught: unknown) => caught)).toBeInstanceOf(PermissionError);
  });
});
