/**
 * `retryable: false` from describeError: the platform says the same request fails again however often it
 * is sent (Graph's HTTP 500 code 1 "Please reduce the amount of data you're asking for"), so a 5xx read is
 * not retried as is: the adapter changes the request instead.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { ChannelContext } from '../../src/core/context.js';
import { HttpClient } from '../../src/core/http/http-client.js';
import type { PlatformErrorInfo } from '../../src/core/http/platform-http.js';
import { normalizeCommonOptions } from '../../src/core/options.js';
import { PlatformError } from '../../src/index.js';

const BASE = 'https://api.example.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function client(info: PlatformErrorInfo) {
  const context = new ChannelContext('test:acme', 'test', normalizeCommonOptions({ retry: { retries: 3 } }, { pollIntervalMs: 1000 }));
  return new HttpClient(context, { baseUrl: BASE, authorize: async () => ({}), readRateLimits: () => [], describeError: () => info });
}

function failing(status: number) {
  let calls = 0;
  server.use(http.all(`${BASE}/things`, () => (calls++, HttpResponse.json({ error: { code: 1 } }, { status }))));
  return () => calls;
}

const get = (httpClient: HttpClient) => httpClient.request({ method: 'GET', path: '/things', bucket: 'GET /things', schema: z.object({}) }).catch((error: unknown) => error);

it('a 5xx read described as retryable: false is sent once and thrown as PlatformError', async () => {
  const calls = failing(500);
  const error = (await get(client({ retryable: false, platformCode: 1 }))) as PlatformError;
  expect(error).toBeInstanceOf(PlatformError);
  expect(error.platformCode).toBe(1);
  expect(calls()).toBe(1);
});

it('a 5xx read without the flag is still retried', async () => {
  const calls = failing(500);
  expect(await get(client({}))).toBeInstanceOf(PlatformError);
  expect(calls()).toBe(4);
});
