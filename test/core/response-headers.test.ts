/**
 * `HttpRequest.onResponseHeaders`: a source may read what a successful answer carries beside its body
 * (a server's `Date`), and is not called for an answer that failed. Against msw on a made-up origin.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { ChannelContext } from '../../src/core/context.js';
import { HttpClient } from '../../src/core/http/http-client.js';
import { normalizeCommonOptions } from '../../src/core/options.js';
import { MemoryStore, NotFoundError } from '../../src/index.js';

const BASE = 'https://headers.example.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const context = new ChannelContext('test:headers', 'test', normalizeCommonOptions({ store: new MemoryStore() }, { pollIntervalMs: 1000 }));
const client = new HttpClient(context, { baseUrl: BASE, authorize: async () => ({}), readRateLimits: () => [], describeError: () => ({}) });
const schema = z.object({ ok: z.boolean() });

it('hands the headers of a successful answer to the request, and none of a failed one', async () => {
  const date = 'Mon, 30 Nov 2026 05:50:00 GMT';
  server.use(
    http.get(`${BASE}/found`, () => HttpResponse.json({ ok: true }, { headers: { date } })),
    http.get(`${BASE}/missing`, () => HttpResponse.json({ ok: false }, { status: 404, headers: { date } })),
  );
  const seen: string[] = [];
  const onResponseHeaders = (headers: Headers) => void seen.push(headers.get('date') ?? '');
  await client.request({ method: 'GET', path: '/found', bucket: 'reads', schema, onResponseHeaders });
  expect(seen).toEqual([date]);
  await expect(client.request({ method: 'GET', path: '/missing', bucket: 'reads', schema, onResponseHeaders })).rejects.toBeInstanceOf(NotFoundError);
  expect(seen).toEqual([date]);
});
