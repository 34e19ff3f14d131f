/**
 * A 429 whose answer carries no reset (a proxy's, or a platform's that left the header out) resets when
 * the spent bucket was last reported to reset: the state earlier answers gave, not a guess. Before, the
 * fallback read only the 429's own headers, which by then had no reset, so it never ran.
 * Against msw handlers on a made-up origin.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChannelContext } from '../../src/core/context.js';
import { HttpClient } from '../../src/core/http/http-client.js';
import type { PlatformHttp } from '../../src/core/http/platform-http.js';
import { normalizeCommonOptions } from '../../src/core/options.js';
import { RateLimitError } from '../../src/index.js';

const BASE = 'https://api.example.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const okSchema = z.object({ ok: z.literal(true) });

function setup(resetInSeconds: number) {
  const reset = Math.ceil(Date.now() / 1000) + resetInSeconds;
  let calls = 0;
  server.use(
    http.get(`${BASE}/read`, () => {
      calls += 1;
      // The first answer reports the window (one left, its reset); the second is a 429 without any header.
      if (calls === 1) return HttpResponse.json({ ok: true }, { headers: { 'limit-remaining': '1', 'limit-reset': String(reset) } });
      return HttpResponse.json({ error: 'too many requests' }, { status: 429 });
    }),
  );
  const context = new ChannelContext('test:acme', 'test', normalizeCommonOptions({ retry: { retries: 2 }, rateLimit: { onLimit: 'throw' } }, { pollIntervalMs: 1000 }));
  const platform: PlatformHttp = {
    baseUrl: BASE,
    authorize: async () => ({}),
    readRateLimits: (headers, bucket) => {
      const remaining = headers.get('limit-remaining');
      const resetAt = headers.get('limit-reset');
      return remaining === null || resetAt === null ? [] : [{ bucket, remaining: Number(remaining), resetAt: new Date(Number(resetAt) * 1000) }];
    },
    describeError: () => ({}),
  };
  const client = new HttpClient(context, platform);
  const read = () => client.request({ method: 'GET', path: '/read', bucket: 'api', schema: okSchema });
  return { read, reset, calls: () => calls };
}

describe('a 429 without a reset of its own', () => {
  it("resets when the bucket's last reported state says, and the next request is refused before it is sent", async () => {
    const { read, reset, calls } = setup(600);
    expect(await read()).toEqual({ ok: true });
    const error = await read().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).resetAt).toEqual(new Date(reset * 1000));
    const next = await read().catch((caught: unknown) => caught);
    expect(next).toBeInstanceOf(RateLimitError);
    expect((next as RateLimitError).resetAt!.getTime()).toBe(reset * 1000);
    expect(calls()).toBe(2);
  });
});
