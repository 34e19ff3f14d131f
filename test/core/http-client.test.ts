/**
 * The core HTTP engine against msw handlers that keep a strict fixed window and send X-style limit
 * headers (x-rate-limit-limit/-remaining/-reset in epoch seconds, https://docs.x.com/x-api/fundamentals/rate-limits).
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { RESET_GUARD_MS } from '../../src/core/bucket.js';
import { ChannelContext } from '../../src/core/context.js';
import { HttpClient } from '../../src/core/http/http-client.js';
import { normalizeCommonOptions, type CommonOptions } from '../../src/core/options.js';
import { AuthError, InvalidResponseError, NetworkError, PlatformError, RateLimitError } from '../../src/index.js';
import { readTwitterRateLimits } from '../../src/twitter/twitter-rate-limits.js';
import { WindowLimiter } from '../../src/testing/window-limiter.js';

const BASE = 'https://api.example.test';
const TOKEN = 'secret-token-value';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let wire: Array<{ method: string; at: number }> = [];
afterEach(() => (wire = []));

function client(options: CommonOptions = {}) {
  const context = new ChannelContext('test:acme', 'test', normalizeCommonOptions({ retry: { retries: 3 }, ...options }, { pollIntervalMs: 1000 }));
  const events = { rateLimit: [] as number[], retry: [] as number[] };
  context.emitter.on('rateLimit', (_state: unknown, waitMs: number) => events.rateLimit.push(waitMs));
  context.emitter.on('retry', (_error: unknown, attempt: number) => events.retry.push(attempt));
  const httpClient = new HttpClient(context, {
    baseUrl: BASE,
    authorize: async () => {
      context.addSecret(TOKEN);
      return { headers: { authorization: `Bearer ${TOKEN}` } };
    },
    readRateLimits: readTwitterRateLimits,
    describeError: () => ({}),
  });
  return { httpClient, events };
}

const ok = z.object({ ok: z.literal(true) });
const post = (httpClient: HttpClient) => httpClient.request({ method: 'POST', path: '/things', json: { a: 1 }, bucket: 'POST /things', schema: ok });
const get = (httpClient: HttpClient) => httpClient.request({ method: 'GET', path: '/things', bucket: 'GET /things', schema: ok });

function limitHeaders(hit: { limit: number; remaining: number; resetAt: number }) {
  return { 'x-rate-limit-limit': String(hit.limit), 'x-rate-limit-remaining': String(hit.remaining), 'x-rate-limit-reset': String(Math.ceil(hit.resetAt / 1000)) };
}

function windowed(limit: number, windowMs: number) {
  const limiter = new WindowLimiter(() => ({ limit, windowMs }));
  server.use(
    http.all(`${BASE}/things`, ({ request }) => {
      wire.push({ method: request.method, at: Date.now() });
      const hit = limiter.hit('things')!;
      if (!hit.allowed) return HttpResponse.json({ title: 'Too Many Requests' }, { status: 429, headers: limitHeaders(hit) });
      return HttpResponse.json({ ok: true }, { headers: limitHeaders(hit) });
    }),
  );
  return limiter;
}

function sequence(...answers: Array<() => Response>) {
  server.use(
    http.all(`${BASE}/things`, ({ request }) => {
      wire.push({ method: request.method, at: Date.now() });
      // The last answer repeats.
      return (answers.length > 1 ? answers.shift()! : answers[0]!)();
    }),
  );
}

describe('HTTP engine: quota', () => {
  it('with 3 requests left, 10 parallel sends put 3 on the wire and queue the rest: no 429, never more than 3 in a window', async () => {
    const limiter = windowed(3, 1000);
    const { httpClient, events } = client();
    const results = await Promise.all(Array.from({ length: 10 }, () => post(httpClient)));
    expect(results).toHaveLength(10);
    expect(limiter.refused).toBe(0);
    expect(limiter.maxInWindow).toBe(3);
    expect(wire).toHaveLength(10);
    expect(events.rateLimit.length).toBeGreaterThan(0);
  });

  it("with onLimit 'throw', a spent bucket throws RateLimitError without sending", async () => {
    windowed(1, 60_000);
    const { httpClient } = client({ rateLimit: { onLimit: 'throw' } });
    await post(httpClient);
    const error = await post(httpClient).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).resetAt!.getTime()).toBeGreaterThan(Date.now());
    expect(wire).toHaveLength(1);
  });

  it("with onLimit 'throw', a bucket with room is not refused in the last moments of its window: the request waits for the reset", async () => {
    sequence(() => HttpResponse.json({ ok: true }));
    const { httpClient } = client({ rateLimit: { onLimit: 'throw' } });
    // Nothing is granted within RESET_GUARD_MS of a reset (a request could land in the next window): a wait, not a spent bucket.
    const resetAt = new Date(Date.now() + RESET_GUARD_MS / 2);
    await httpClient.quota.report({ bucket: 'test:acme:GET /things', limit: 100, remaining: 100, resetAt });
    expect(await get(httpClient)).toEqual({ ok: true });
    expect(wire).toHaveLength(1);
    expect(wire[0]!.at).toBeGreaterThanOrEqual(resetAt.getTime());
  });

  it('throws RateLimitError when the wait would exceed maxWaitMs', async () => {
    windowed(1, 60_000);
    const { httpClient } = client({ rateLimit: { maxWaitMs: 1000 } });
    await post(httpClient);
    await expect(post(httpClient)).rejects.toBeInstanceOf(RateLimitError);
    expect(wire).toHaveLength(1);
  });

  it('retries a write the platform refused with 429, after the reset, and once only on the wire per attempt', async () => {
    const reset = () => String(Math.ceil((Date.now() + 1000) / 1000));
    sequence(
      () => HttpResponse.json({}, { status: 429, headers: { 'x-rate-limit-limit': '5', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset() } }),
      () => HttpResponse.json({ ok: true }),
    );
    const { httpClient, events } = client();
    await expect(post(httpClient)).resolves.toEqual({ ok: true });
    expect(wire.map((request) => request.method)).toEqual(['POST', 'POST']);
    expect(events.retry).toEqual([1]);
  });

  it("with onLimit 'throw', a 429 is thrown with resetAt and never retried", async () => {
    sequence(() => HttpResponse.json({}, { status: 429, headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + 30) } }));
    const { httpClient } = client({ rateLimit: { onLimit: 'throw' } });
    const error = (await get(httpClient).catch((caught: unknown) => caught)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.resetAt).toBeInstanceOf(Date);
    expect(wire).toHaveLength(1);
  });
});

describe('HTTP engine: retries', () => {
  it('retries reads on 5xx and network errors', async () => {
    sequence(
      () => HttpResponse.json({}, { status: 503 }),
      () => HttpResponse.error(),
      () => HttpResponse.json({ ok: true }),
    );
    const { httpClient, events } = client();
    await expect(get(httpClient)).resolves.toEqual({ ok: true });
    expect(wire).toHaveLength(3);
    expect(events.retry).toEqual([1, 2]);
  });

  it('honours Retry-After before retrying a read', async () => {
    sequence(() => HttpResponse.json({}, { status: 503, headers: { 'retry-after': '1' } }), () => HttpResponse.json({ ok: true }));
    const { httpClient } = client();
    // Fake time: the wait is the one the client chose, on the clock the requests are stamped with.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const answer = get(httpClient);
      await vi.advanceTimersByTimeAsync(5000);
      await answer;
    } finally {
      vi.useRealTimers();
    }
    expect(wire[1]!.at - wire[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('never retries a write after a 5xx: one request, maybeDelivered', async () => {
    sequence(() => HttpResponse.json({ detail: 'Service Unavailable' }, { status: 503 }));
    const { httpClient } = client();
    const error = (await post(httpClient).catch((caught: unknown) => caught)) as PlatformError;
    expect(error).toBeInstanceOf(PlatformError);
    expect(error.maybeDelivered).toBe(true);
    expect(error.status).toBe(503);
    expect(wire).toHaveLength(1);
  });

  it('never retries a write after a dropped connection: NetworkError, maybeDelivered', async () => {
    sequence(() => HttpResponse.error());
    const { httpClient } = client();
    const error = (await post(httpClient).catch((caught: unknown) => caught)) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.maybeDelivered).toBe(true);
    expect(wire).toHaveLength(1);
  });

  it('gives up on reads after the configured retries', async () => {
    sequence(() => HttpResponse.json({}, { status: 500 }));
    const { httpClient } = client({ retry: { retries: 1 } });
    await expect(get(httpClient)).rejects.toBeInstanceOf(PlatformError);
    expect(wire).toHaveLength(2);
  });
});

describe('HTTP engine: answers', () => {
  it('turns a body that does not match the schema into InvalidResponseError with the issues', async () => {
    sequence(() => HttpResponse.json({ ok: 'yes' }));
    const { httpClient } = client();
    const error = (await get(httpClient).catch((caught: unknown) => caught)) as InvalidResponseError;
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.issues[0]!.path).toEqual(['ok']);
  });

  it('turns 401 into AuthError without the token anywhere', async () => {
    server.use(
      http.all(`${BASE}/things`, ({ request }) =>
        HttpResponse.json({ detail: `token ${request.headers.get('authorization')} refused`, url: `${request.url}?access_token=${TOKEN}` }, { status: 401 }),
      ),
    );
    const { httpClient } = client();
    const error = (await get(httpClient).catch((caught: unknown) => caught)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect([error.message, error.stack, JSON.stringify(error), JSON.stringify(error.cause)].join()).not.toContain(TOKEN);
  });
});
