/**
 * The Trustpilot emulator is as strict as documented: unknown or malformed list parameters and reply
 * fields are a 400, a reply needs JSON (415) and the business unit's own user; gateway refusals come in
 * the Apigee fault shape (an unknown token, an expired one, the guidance exceeded); the token endpoint
 * answers expires_in as a string and refuses a refresh that comes too soon with 429.
 */
import { describe, expect, it } from 'vitest';
import { TrustpilotEmulator } from 'everywhere/testing';

const BASE = 'https://api.trustpilot.com';
const TOKEN = 'emulator-test-token';

function call(emulator: TrustpilotEmulator, method: string, path: string, init: { body?: string; headers?: Record<string, string>; token?: string } = {}) {
  const headers = { authorization: `Bearer ${init.token ?? TOKEN}`, 'content-type': 'application/json', ...init.headers };
  return emulator.handle(new Request(`${BASE}${path}`, { method, headers, ...(init.body !== undefined ? { body: init.body } : {}) }), BASE);
}

describe('TrustpilotEmulator', () => {
  const emulator = new TrustpilotEmulator({ accessToken: TOKEN });
  const list = `/v1/private/business-units/${emulator.businessUnitId}/reviews`;

  it('refuses unknown and malformed list parameters with 400', async () => {
    for (const query of ['?since=2026-01-01', '?perPage=101', '?perPage=many', '?orderBy=updatedat.desc', '?responded=yes', '?startDateTime=yesterday']) {
      expect((await call(emulator, 'GET', list + query)).status).toBe(400);
    }
    expect((await call(emulator, 'GET', `${list}?orderBy=createdat.desc&perPage=100&page=1&responded=false`)).status).toBe(200);
  });

  it('takes a reply only as JSON with the business user and a message, and keeps one reply per review', async () => {
    const review = emulator.review({ stars: 2, text: 'Slow.' });
    const path = `/v1/private/reviews/${review.id}/reply`;
    const reply = (fields: Record<string, unknown>) => JSON.stringify(fields);
    expect((await call(emulator, 'POST', path, { body: reply({ authorBusinessUserId: emulator.businessUserId, message: 'Hi', text: 'Hi' }) })).status).toBe(400);
    expect((await call(emulator, 'POST', path, { body: reply({ authorBusinessUserId: '000000000000000000000000', message: 'Hi' }) })).status).toBe(400);
    expect((await call(emulator, 'POST', path, { body: reply({ authorBusinessUserId: emulator.businessUserId, message: ' ' }) })).status).toBe(400);
    expect((await call(emulator, 'POST', path, { body: 'message=Hi', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);
    expect((await call(emulator, 'POST', path, { body: reply({ authorBusinessUserId: emulator.businessUserId, message: 'Sorry.' }) })).status).toBe(201);
    expect((await call(emulator, 'POST', path, { body: reply({ authorBusinessUserId: emulator.businessUserId, message: 'Sorry, fixed.' }) })).status).toBe(201);
    const stored = emulator.reviews.get(review.id)!.companyReply!;
    expect(stored.text).toBe('Sorry, fixed.');
    expect(stored.updatedAt).not.toBeNull();
  });

  it('answers gateway refusals as Apigee faults: unknown token, expired token, guidance exceeded', async () => {
    const fault = async (response: Response) => [response.status, ((await response.json()) as { fault: { detail: { errorcode: string } } }).fault.detail.errorcode];
    expect(await fault(await call(emulator, 'GET', list, { token: 'nope' }))).toEqual([401, 'oauth.v2.InvalidAccessToken']);
    const limited = new TrustpilotEmulator({ accessToken: TOKEN, limits: { 'calls per 5 minutes': { limit: 1, windowMs: 300_000 } } });
    const limitedList = `/v1/private/business-units/${limited.businessUnitId}/reviews`;
    expect((await call(limited, 'GET', limitedList)).status).toBe(200);
    const over = await call(limited, 'GET', limitedList);
    expect(await fault(over)).toEqual([429, 'policies.ratelimit.QuotaViolation']);
    expect([...over.headers.keys()].filter((name) => /rate|limit/i.test(name))).toEqual([]); // no limit headers
    limited.expireTokens();
    expect(await fault(await call(limited, 'GET', limitedList))).toEqual([401, 'keymanagement.service.access_token_expired']);
  });

  it('refreshes with HTTP Basic key:secret, expires_in as a string, a rotated refresh token, and 429 when too soon', async () => {
    const own = new TrustpilotEmulator({ refreshToken: 'r1', refreshCooldownMs: 60_000 });
    const refresh = (refreshToken: string, basic = `${own.apiKey}:${own.apiSecret}`) =>
      own.handle(
        new Request(`${BASE}/v1/oauth/oauth-business-users-for-applications/refresh`, {
          method: 'POST',
          headers: { authorization: `Basic ${btoa(basic)}`, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
        }),
        BASE,
      );
    expect((await refresh('r1', `${own.apiKey}:wrong`)).status).toBe(401);
    const first = (await (await refresh('r1')).json()) as { access_token: string; refresh_token: string; expires_in: unknown };
    expect(first.expires_in).toBe('359999');
    expect((await refresh('r1')).status).toBe(400); // the old refresh token is spent
    expect((await refresh(first.refresh_token)).status).toBe(429); // too soon after the last refresh
    expect(own.refreshesTooSoon).toBe(1);
  });
});
