/**
 * A 429 that names its own limiter (Discourse's `Discourse-Rate-Limit-Error-Code`: a per-user,
 * per-action limit) spends a bucket the request did not list (`spentBuckets`): the retry and later
 * requests of the same kind (the same buckets) wait for it, requests of other kinds do not.
 * Against msw handlers on a made-up origin.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChannelContext } from '../../src/core/context.js';
import { HttpClient } from '../../src/core/http/http-client.js';
import type { PlatformHttp } from '../../src/core/http/platform-http.js';
import { normalizeCommonOptions, type CommonOptions } from '../../src/core/options.js';
import { RateLimitError } from '../../src/index.js';

const BASE = 'https://api.example.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const okSchema = z.object({ ok: z.literal(true) });

function setup(options: CommonOptions) {
  const seen: string[] = [];
  server.use(
    http.post(`${BASE}/reply`, () => {
      seen.push('reply');
      return HttpResponse.json({ error: 'slow down' }, { status: 429, headers: { 'limiter-code': 'replies-per-day' } });
    }),
    http.post(`${BASE}/topic`, () => {
      seen.push('topic');
      return HttpResponse.json({ ok: true });
    }),
    http.get(`${BASE}/read`, () => {
      seen.push('read');
      return HttpResponse.json({ ok: true });
    }),
  );
  const context = new ChannelContext('test:acme', 'test', normalizeCommonOptions({ retry: { retries: 3 }, ...options }, { pollIntervalMs: 1000 }));
  const platform: PlatformHttp = {
    baseUrl: BASE,
    authorize: async () => ({}),
    readRateLimits: () => [],
    describeError: (response) => ({
      kind: 'rate_limited',
      resetAt: new Date(Date.now() + 6 * 60 * 60 * 1000), // hours, as a per-day posting limit answers
      spentBuckets: [context.bucketName(`limiter:${response.headers.get('limiter-code')}`)],
    }),
  };
  const client = new HttpClient(context, platform);
  const reply = () => client.request({ method: 'POST', path: '/reply', json: {}, bucket: ['api', 'reply'], schema: okSchema });
  const topic = () => client.request({ method: 'POST', path: '/topic', json: {}, bucket: ['api', 'topic'], schema: okSchema });
  const read = () => client.request({ method: 'GET', path: '/read', bucket: 'api', schema: okSchema });
  return { seen, reply, topic, read };
}

describe('a 429 spending the bucket its answer names', () => {
  it('throw mode: the next request of that kind is refused before it is sent; other kinds go out', async () => {
    const { seen, reply, topic, read } = setup({ rateLimit: { onLimit: 'throw' } });
    expect(await reply().catch((caught: unknown) => caught)).toBeInstanceOf(RateLimitError);
    const second = await reply().catch((caught: unknown) => caught);
    expect(second).toBeInstanceOf(RateLimitError);
    expect((second as RateLimitError).resetAt!.getTime()).toBeGreaterThan(Date.now() + 60 * 60 * 1000);
    expect(await read()).toEqual({ ok: true });
    expect(await topic()).toEqual({ ok: true });
    expect(seen).toEqual(['reply', 'read', 'topic']);
  });

  it('wait mode: the retry waits for the named bucket (longer than maxWaitMs: refused, not sent again)', async () => {
    const { seen, reply, read } = setup({ rateLimit: { onLimit: 'wait', maxWaitMs: 1000 } });
    expect(await reply().catch((caught: unknown) => caught)).toBeInstanceOf(RateLimitError);
    expect(await reply().catch((caught: unknown) => caught)).toBeInstanceOf(RateLimitError);
    expect(await read()).toEqual({ ok: true });
    expect(seen).toEqual(['reply', 'read']);
  });
});
