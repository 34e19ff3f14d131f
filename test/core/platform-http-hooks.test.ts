/**
 * The HTTP engine's hooks for platforms unlike X: an error answered with HTTP 200 (`failedAnswer`),
 * an error that says a write may have been applied, credentials sent in a form body, and a limit the
 * platform documents but never reports (`quotaWindow`) kept in a bucket several channels share
 * (`bucketScope`). Against msw handlers on a made-up origin.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChannelContext } from '../../src/core/context.js';
import { HttpClient } from '../../src/core/http/http-client.js';
import type { PlatformHttp } from '../../src/core/http/platform-http.js';
import { normalizeCommonOptions, type CommonOptions } from '../../src/core/options.js';
import { MemoryStore, NotFoundError, PlatformError, RateLimitError } from '../../src/index.js';
import { until } from '../conformance/helpers.js';

const BASE = 'https://api.example.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const okSchema = z.object({ stat: z.literal('ok'), value: z.number() });
const platform: PlatformHttp = {
  baseUrl: BASE,
  authorize: async (request) => (request.method === 'POST' ? { form: { credential: 'signed' } } : { searchParams: { credential: 'signed' } }),
  readRateLimits: () => [],
  failedAnswer: (body) => (body as { stat?: string } | undefined)?.stat === 'fail',
  describeError: (response) => {
    const code = (response.body as { code?: number }).code;
    if (code === 1) return { kind: 'not_found', platformCode: code };
    if (code === 106) return { platformCode: code, maybeDelivered: true };
    return {};
  },
};

function client(options: CommonOptions & { id?: string; scope?: string; extra?: Partial<PlatformHttp> } = {}) {
  const { scope, extra, ...common } = options;
  const id = common.id ?? 'test:acme';
  const context = new ChannelContext(id, 'test', normalizeCommonOptions({ retry: { retries: 2 }, ...common }, { pollIntervalMs: 1000 }), scope);
  return { context, http: new HttpClient(context, { ...platform, ...extra }) };
}

describe('an error answered with HTTP 200', () => {
  it('is described by describeError and thrown typed; a 200 that is no error is parsed', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/photo`, ({ request }) => {
        calls += 1;
        const url = new URL(request.url);
        expect(url.searchParams.get('credential')).toBe('signed');
        return url.searchParams.get('id') === '7' ? HttpResponse.json({ stat: 'ok', value: 7 }) : HttpResponse.json({ stat: 'fail', code: 1, message: 'Photo not found' });
      }),
    );
    const { http: httpClient } = client();
    expect(await httpClient.request({ method: 'GET', path: '/photo', searchParams: { id: 7 }, bucket: 'api', schema: okSchema })).toEqual({ stat: 'ok', value: 7 });
    const error = await httpClient.request({ method: 'GET', path: '/photo', searchParams: { id: 8 }, bucket: 'api', schema: okSchema }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 200 });
    expect(calls).toBe(2); // a not-found is not retried
  });

  it('a write the platform says may have been applied is sent once and is maybeDelivered; credentials ride in the form body', async () => {
    const bodies: string[] = [];
    server.use(
      http.post(`${BASE}/comment`, async ({ request }) => {
        bodies.push(await request.text());
        return HttpResponse.json({ stat: 'fail', code: 106, message: 'Write operation failed' });
      }),
    );
    const { http: httpClient } = client();
    const error = await httpClient.request({ method: 'POST', path: '/comment', form: { text: 'hello' }, bucket: 'api', schema: okSchema }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ maybeDelivered: true, platformCode: 106 });
    expect(bodies).toEqual(['text=hello&credential=signed']);
  });
});

describe('a rate limit of one of the buckets of a request', () => {
  it('spends only the buckets the platform names (spentBuckets); the others stay open', async () => {
    const seen: string[] = [];
    server.use(
      http.post(`${BASE}/comment`, () => {
        seen.push('comment');
        return HttpResponse.json({ stat: 'fail', code: 9, message: 'too fast' });
      }),
      http.get(`${BASE}/read`, () => {
        seen.push('read');
        return HttpResponse.json({ stat: 'ok', value: 1 });
      }),
    );
    const { http: httpClient, context } = client({
      rateLimit: { onLimit: 'throw' },
      extra: { describeError: () => ({ kind: 'rate_limited', resetAt: new Date(Date.now() + 60_000), spentBuckets: [context.bucketName('pace')] }) },
    });
    const comment = () => httpClient.request({ method: 'POST', path: '/comment', form: { text: 'x' }, bucket: ['pace', 'api'], schema: okSchema });
    expect(await comment().catch((caught: unknown) => caught)).toBeInstanceOf(RateLimitError);
    expect(await comment().catch((caught: unknown) => caught)).toBeInstanceOf(RateLimitError); // refused before sending
    expect(await httpClient.request({ method: 'GET', path: '/read', bucket: 'api', schema: okSchema })).toEqual({ stat: 'ok', value: 1 });
    expect(seen).toEqual(['comment', 'read']);
  });
});

describe('a limit the platform documents but does not report, shared by scope', () => {
  function countingServer() {
    const seen: string[] = [];
    server.use(
      http.get(`${BASE}/read`, ({ request }) => {
        seen.push(new URL(request.url).searchParams.get('by')!);
        return HttpResponse.json({ stat: 'ok', value: 1 });
      }),
    );
    return seen;
  }
  const read = (httpClient: HttpClient, by: string) => httpClient.request({ method: 'GET', path: '/read', searchParams: { by }, bucket: 'api', schema: okSchema });

  it('channels of one scope share the window; another scope has its own', async () => {
    const seen = countingServer();
    const store = new MemoryStore();
    const resetAt = new Date(Date.now() + 60 * 60 * 1000);
    const extra = { quotaWindow: () => ({ limit: 3, resetAt }) };
    const first = client({ id: 'test:one', scope: 'test:key:K', store, rateLimit: { onLimit: 'throw' }, extra });
    const second = client({ id: 'test:two', scope: 'test:key:K', store, rateLimit: { onLimit: 'throw' }, extra });
    const other = client({ id: 'test:three', scope: 'test:key:L', store, rateLimit: { onLimit: 'throw' }, extra });
    expect(first.context.bucketName('api')).toBe('test:key:K:api');
    await read(first.http, 'one');
    await read(second.http, 'two');
    await read(first.http, 'one');
    const error = await read(second.http, 'two').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    // The window's end, kept in the store as a time to live: back within the millisecond it was rounded to.
    expect(Math.abs((error as RateLimitError).resetAt!.getTime() - resetAt.getTime())).toBeLessThanOrEqual(1);
    await read(other.http, 'three');
    expect(seen).toEqual(['one', 'two', 'one', 'three']);
  });

  it('without a scope each channel counts alone', async () => {
    countingServer();
    const store = new MemoryStore();
    const extra = { quotaWindow: () => ({ limit: 1, resetAt: new Date(Date.now() + 60_000) }) };
    const first = client({ id: 'test:one', store, rateLimit: { onLimit: 'throw' }, extra });
    const second = client({ id: 'test:two', store, rateLimit: { onLimit: 'throw' }, extra });
    await read(first.http, 'one');
    await read(second.http, 'two');
    expect(await read(first.http, 'one').catch((caught: unknown) => caught)).toBeInstanceOf(RateLimitError);
  });

  it('starts full again in the next window', async () => {
    const seen = countingServer();
    let windowEnd = Date.now() + 1500;
    const { http: httpClient } = client({ rateLimit: { onLimit: 'throw' }, extra: { quotaWindow: () => ({ limit: 1, resetAt: new Date(windowEnd) }) } });
    await read(httpClient, 'first window');
    expect(await read(httpClient, 'refused').catch((caught: unknown) => caught)).toBeInstanceOf(RateLimitError);
    const firstEnd = windowEnd;
    windowEnd = firstEnd + 60_000;
    await until(() => Date.now() > firstEnd, 5000, 'the end of the first window');
    await read(httpClient, 'second window');
    expect(seen).toEqual(['first window', 'second window']);
  });
});
