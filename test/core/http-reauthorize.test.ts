/** The HTTP engine after the platform refuses the credentials: re-authorized once and sent again, writes included. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChannelContext } from '../../src/core/context.js';
import { HttpClient } from '../../src/core/http/http-client.js';
import type { PlatformErrorInfo, PlatformHttp } from '../../src/core/http/platform-http.js';
import { normalizeCommonOptions } from '../../src/core/options.js';
import { AuthError } from '../../src/index.js';

const ok = z.object({ ok: z.literal(true) });

/** A platform that accepts only `valid.token`, and refuses others with `refusal`. */
function setup(options: { reauthorize?: PlatformHttp['reauthorize']; refusal?: { status: number; body: unknown }; describe?: () => PlatformErrorInfo } = {}) {
  const valid = { token: 'token-1' };
  const wire: Array<{ method: string; token: string | null; body: string }> = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const token = request.headers.get('authorization')?.replace('Bearer ', '') ?? null;
    wire.push({ method: request.method, token, body: await request.text() });
    if (token !== valid.token) return Response.json(options.refusal?.body ?? { title: 'Unauthorized', status: 401 }, { status: options.refusal?.status ?? 401 });
    return Response.json({ ok: true });
  };
  const context = new ChannelContext('test:acme', 'test', normalizeCommonOptions({ fetch, retry: { retries: 3 } }, { pollIntervalMs: 1000 }));
  const retries: number[] = [];
  context.emitter.on('retry', (_error: unknown, attempt: number) => retries.push(attempt));
  let current = 'token-1';
  const platform: PlatformHttp = {
    baseUrl: 'https://api.example.test',
    authorize: async () => ({ headers: { authorization: `Bearer ${current}` } }),
    ...(options.reauthorize ? { reauthorize: options.reauthorize } : {}),
    readRateLimits: () => [],
    describeError: options.describe ?? (() => ({})),
  };
  const http = new HttpClient(context, platform);
  return {
    http,
    wire,
    retries,
    valid,
    setCurrent: (token: string) => (current = token),
    post: () => http.request({ method: 'POST', path: '/things', json: { a: 1 }, bucket: 'POST /things', schema: ok }),
    get: () => http.request({ method: 'GET', path: '/things', bucket: 'GET /things', schema: ok }),
  };
}

describe('HTTP engine: refused credentials', () => {
  it('a 401 on a write: re-authorized once and the write is sent again with the new credentials', async () => {
    const refused: unknown[] = [];
    const world = setup({
      reauthorize: async (_request, authorization) => {
        refused.push(authorization);
        return { headers: { authorization: 'Bearer token-2' } };
      },
    });
    world.valid.token = 'token-2';
    world.setCurrent('token-1');
    expect(await world.post()).toEqual({ ok: true });
    expect(world.wire).toEqual([
      { method: 'POST', token: 'token-1', body: '{"a":1}' },
      { method: 'POST', token: 'token-2', body: '{"a":1}' },
    ]);
    expect(refused).toEqual([{ headers: { authorization: 'Bearer token-1' } }]);
    expect(world.retries).toEqual([]); // not a retry of the loop: the same attempt, with other credentials
  });

  it('the same credentials back: the refusal stands, sent once', async () => {
    const world = setup({ reauthorize: async (_request, authorization) => authorization });
    world.valid.token = 'other';
    const error = await world.get().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect(world.wire).toHaveLength(1);
  });

  it('new credentials refused too: AuthError after the second request, never a third', async () => {
    let next = 1;
    const world = setup({ reauthorize: async () => ({ headers: { authorization: `Bearer token-x${next++}` } }) });
    world.valid.token = 'none';
    expect(await world.post().catch((caught: unknown) => caught)).toMatchObject({ code: 'auth', status: 401 });
    expect(world.wire.map((request) => request.token)).toEqual(['token-1', 'token-x1']);
  });

  it('without a reauthorize hook a 401 is an AuthError at once', async () => {
    const world = setup();
    world.valid.token = 'other';
    expect(await world.get().catch((caught: unknown) => caught)).toBeInstanceOf(AuthError);
    expect(world.wire).toHaveLength(1);
  });

  it("the adapter's credentialsRefused decides for other statuses (a Graph 190 is a 400); a 403 without it is not re-authorized", async () => {
    const graph = setup({
      refusal: { status: 400, body: { error: { code: 190 } } },
      describe: () => ({ kind: 'auth', credentialsRefused: true }),
      reauthorize: async () => ({ headers: { authorization: 'Bearer token-2' } }),
    });
    graph.valid.token = 'token-2';
    expect(await graph.get()).toEqual({ ok: true });
    expect(graph.wire).toHaveLength(2);

    const forbidden = setup({ refusal: { status: 403, body: {} }, reauthorize: async () => ({ headers: { authorization: 'Bearer token-2' } }) });
    forbidden.valid.token = 'token-2';
    expect(await forbidden.get().catch((caught: unknown) => caught)).toBeInstanceOf(AuthError);
    expect(forbidden.wire).toHaveLength(1);
  });

  it('a re-authorization that fails ends the request with its error', async () => {
    const refusedGrant = new AuthError('the grant is revoked', { platform: 'test', channel: 'test:acme', reauthorize: true });
    const world = setup({ reauthorize: async () => Promise.reject(refusedGrant) });
    world.valid.token = 'other';
    expect(await world.post().catch((caught: unknown) => caught)).toBe(refusedGrant);
    expect(world.wire).toHaveLength(1);
  });
});
