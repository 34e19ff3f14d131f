/** The X emulator's OAuth 2.0: POST /2/oauth2/token as X serves it, expiring access tokens, revocation. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TwitterEmulator } from 'everywhere/testing';

const BASE = 'https://api.x.com';
afterEach(() => vi.useRealTimers());

function tokenRequest(emulator: TwitterEmulator, form: Record<string, string>, authorization?: string) {
  return emulator.handle(
    new Request(`${BASE}/2/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization ? { authorization } : {}) },
      body: new URLSearchParams(form),
    }),
    BASE,
  );
}

const me = (emulator: TwitterEmulator, token: string) => emulator.handle(new Request(`${BASE}/2/users/me`, { headers: { authorization: `Bearer ${token}` } }), BASE);

describe('X emulator: OAuth 2.0', () => {
  it('refreshes with a form body and rotates the refresh token; a used one is refused as X refuses it', async () => {
    const emulator = new TwitterEmulator();
    const grant = emulator.authorizeOAuth2();
    expect(grant).toMatchObject({ clientId: 'sandbox-client-id', scope: expect.stringContaining('offline.access') });
    const response = await tokenRequest(emulator, { grant_type: 'refresh_token', refresh_token: grant.refreshToken, client_id: grant.clientId });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ token_type: 'bearer', expires_in: 7200, access_token: expect.any(String), scope: grant.scope, refresh_token: expect.any(String) });
    expect(body.refresh_token).not.toBe(grant.refreshToken);
    expect((await me(emulator, body.access_token as string)).status).toBe(200);

    const again = await tokenRequest(emulator, { grant_type: 'refresh_token', refresh_token: grant.refreshToken, client_id: grant.clientId });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ error: 'invalid_request', error_description: 'Value passed for the token was invalid.' });
    expect({ refreshes: emulator.oauth2.refreshes, refused: emulator.oauth2.refused }).toEqual({ refreshes: 1, refused: 1 });
  });

  it('missing parameters and an unknown grant type are invalid_request / unsupported_grant_type', async () => {
    const emulator = new TwitterEmulator();
    const grant = emulator.authorizeOAuth2();
    const noToken = await tokenRequest(emulator, { grant_type: 'refresh_token', client_id: grant.clientId });
    expect(await noToken.json()).toEqual({ error: 'invalid_request', error_description: 'Missing required parameter [refresh_token].' });
    const noClient = await tokenRequest(emulator, { grant_type: 'refresh_token', refresh_token: grant.refreshToken });
    expect(noClient.status).toBe(400);
    expect(await noClient.json()).toMatchObject({ error: 'invalid_request' });
    const password = await tokenRequest(emulator, { grant_type: 'password', refresh_token: grant.refreshToken, client_id: grant.clientId });
    expect(await password.json()).toMatchObject({ error: 'unsupported_grant_type' });
    expect(emulator.oauth2.refreshes).toBe(0);
  });

  it('a confidential client must use HTTP Basic', async () => {
    const emulator = new TwitterEmulator({ oauth2Client: { clientId: 'app', clientSecret: 'app-secret' } });
    const grant = emulator.authorizeOAuth2();
    expect(grant.clientSecret).toBe('app-secret');
    const without = await tokenRequest(emulator, { grant_type: 'refresh_token', refresh_token: grant.refreshToken, client_id: 'app' });
    expect(without.status).toBe(401);
    expect(await without.json()).toMatchObject({ error: 'unauthorized_client' });
    const basic = `Basic ${Buffer.from('app:app-secret').toString('base64')}`;
    expect((await tokenRequest(emulator, { grant_type: 'refresh_token', refresh_token: grant.refreshToken }, basic)).status).toBe(200);
  });

  it('an access token expires after tokenLifetimeMs with X 401 problem body; a revoked grant refuses its tokens with invalid_grant', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const emulator = new TwitterEmulator({ tokenLifetimeMs: 60_000 });
    const grant = emulator.authorizeOAuth2();
    expect((await me(emulator, grant.accessToken)).status).toBe(200);
    vi.setSystemTime(Date.now() + 60_000);
    const expired = await me(emulator, grant.accessToken);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });

    emulator.revoke(grant.refreshToken);
    const refused = await tokenRequest(emulator, { grant_type: 'refresh_token', refresh_token: grant.refreshToken, client_id: grant.clientId });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'invalid_grant' });
    expect(() => emulator.revoke('not-a-token')).toThrow(TypeError);
  });
});
