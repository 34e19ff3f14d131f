/**
 * A request that costs more than one of its bucket (`HttpRequest.cost`: units, as YouTube counts them):
 * the cost is reserved in the store before the request, in every bucket of the request, so a bucket with
 * less left than the cost is waited for or refused before anything is sent. Against msw on a made-up origin.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChannelContext } from '../../src/core/context.js';
import { HttpClient } from '../../src/core/http/http-client.js';
import { normalizeCommonOptions } from '../../src/core/options.js';
import { MemoryStore, RateLimitError } from '../../src/index.js';

const BASE = 'https://units.example.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const schema = z.object({ ok: z.boolean() });
const resetAt = () => new Date(Date.now() + 60 * 60_000);

function client(store: MemoryStore) {
  const context = new ChannelContext('test:units', 'test', normalizeCommonOptions({ store, rateLimit: { onLimit: 'throw' } }, { pollIntervalMs: 1000 }));
  const httpClient = new HttpClient(context, {
    baseUrl: BASE,
    authorize: async () => ({}),
    readRateLimits: () => [],
    describeError: () => ({}),
    quotaWindow: (bucket) => (bucket === 'test:units:units' ? { limit: 100, resetAt: resetAt() } : bucket === 'test:units:listen' ? { limit: 30, resetAt: resetAt() } : undefined),
  });
  return { context, httpClient };
}

describe('a request that costs N units', () => {
  it('spends its cost from every bucket it names, and one that does not fit is refused before the wire', async () => {
    let sent = 0;
    server.use(http.all(`${BASE}/*`, () => ((sent += 1), HttpResponse.json({ ok: true }))));
    const store = new MemoryStore();
    const { httpClient } = client(store);
    const insert = () => httpClient.request({ method: 'POST', path: '/insert', bucket: 'units', cost: 50, schema });
    const list = () => httpClient.request({ method: 'GET', path: '/list', bucket: ['units', 'listen'], cost: 1, schema });

    await insert(); // 100 -> 50
    for (let index = 0; index < 20; index++) await list(); // units 50 -> 30, listen 30 -> 10
    expect(sent).toBe(21);
    const refused = await insert().catch((caught: unknown) => caught); // 50 > 30 left
    expect(refused).toBeInstanceOf(RateLimitError);
    expect(sent).toBe(21);
    expect(await store.take('test:units:units', 30)).toEqual({ ok: true, waitMs: 0 }); // exactly 30 were left
    expect((await store.take('test:units:listen', 11)).ok).toBe(false); // and 10 of the listen share
    expect((await store.take('test:units:listen', 10)).ok).toBe(true);
  });

  it('costs 1 when it says nothing', async () => {
    server.use(http.all(`${BASE}/*`, () => HttpResponse.json({ ok: true })));
    const store = new MemoryStore();
    const { httpClient } = client(store);
    for (let index = 0; index < 3; index++) await httpClient.request({ method: 'GET', path: '/list', bucket: 'listen', schema });
    expect((await store.take('test:units:listen', 28)).ok).toBe(false);
    expect((await store.take('test:units:listen', 27)).ok).toBe(true);
  });
});
