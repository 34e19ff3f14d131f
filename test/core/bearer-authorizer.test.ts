/**
 * The bearer authorizer every OAuth 2.0 adapter uses: a fixed token, a function read per request, or the
 * token keeper's managed grant; after a 401 the next token (the function again, or the keeper's refresh).
 */
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/index.js';
import { ChannelContext } from '../../src/core/context.js';
import type { AuthorizeRequest } from '../../src/core/http/platform-http.js';
import { createBearerAuthorizer } from '../../src/core/oauth2/bearer-authorizer.js';
import { normalizeCommonOptions } from '../../src/core/options.js';

const TOKEN_URL = 'http://127.0.0.1:1/oauth2/token';
const request: AuthorizeRequest = { method: 'GET', url: new URL('http://127.0.0.1:1/v1/items') };
const context = () => new ChannelContext('test:acme', 'test', normalizeCommonOptions({ store: new MemoryStore() }, { pollIntervalMs: 1000 }));

describe('createBearerAuthorizer', () => {
  it('a fixed token is the Bearer of every request, and after a refusal the same one (the refusal stands)', async () => {
    const auth = createBearerAuthorizer({ accessToken: 'fixed-token' }, context());
    const first = await auth.authorize(request);
    expect(first).toEqual({ headers: { authorization: 'Bearer fixed-token' } });
    expect(await auth.reauthorize(request, first)).toEqual(first);
  });

  it('a token function is read per request and again after a refusal; every token it gives is a secret', async () => {
    const tokens = ['token-1', 'token-2'];
    const ctx = context();
    const auth = createBearerAuthorizer({ accessToken: () => tokens.shift()! }, ctx);
    const first = await auth.authorize(request);
    expect(first.headers?.authorization).toBe('Bearer token-1');
    expect((await auth.reauthorize(request, first)).headers?.authorization).toBe('Bearer token-2');
    expect([...ctx.secrets]).toEqual(expect.arrayContaining(['token-1', 'token-2']));
  });

  it('a managed grant: the keeper token first, and after a refusal the refreshed one (one refresh of the refused token)', async () => {
    const forms: Array<Record<string, string>> = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      forms.push(Object.fromEntries(new URLSearchParams(await new Request(input, init).text())));
      return Response.json({ token_type: 'bearer', expires_in: 3600, access_token: 'access-1', refresh_token: 'refresh-1' });
    };
    const ctx = context();
    const oauth2 = { clientId: 'client-a', refreshToken: 'refresh-0', accessToken: 'access-0', expiresAt: new Date(Date.now() + 3_600_000), tokenUrl: TOKEN_URL };
    const auth = createBearerAuthorizer({ oauth2, fetch }, ctx);
    const first = await auth.authorize(request);
    expect(first.headers?.authorization).toBe('Bearer access-0');
    expect(forms).toHaveLength(0);
    expect((await auth.reauthorize(request, first)).headers?.authorization).toBe('Bearer access-1');
    expect(forms).toEqual([expect.objectContaining({ grant_type: 'refresh_token', refresh_token: 'refresh-0' })]);
    expect([...ctx.secrets]).toEqual(expect.arrayContaining(['refresh-0', 'access-0', 'access-1']));
  });
});
