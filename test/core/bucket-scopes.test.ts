/**
 * ChannelSetup.bucketScopes: a bucket named there is shared by every channel that gives it the same
 * scope (an app-wide cap), while the channel's other buckets stay its own (per-account windows).
 * Two channels on one store, against msw handlers on a made-up origin.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineChannel } from '../../src/core/define-channel.js';
import { MemoryStore, RateLimitError, type Channel, type Store } from '../../src/index.js';

const BASE = 'https://api.example.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const created = z.object({ id: z.string() });

function account(name: string, store: Store, scopes?: Record<string, string>): Channel {
  return defineChannel(
    { id: `test:${name}`, platform: 'test', options: { store, rateLimit: { onLimit: 'throw' } }, ...(scopes ? { bucketScopes: scopes } : {}) },
    ({ context, createHttpClient }) => {
      const client = createHttpClient({
        baseUrl: BASE,
        authorize: async () => ({ headers: { authorization: `Bearer ${name}` } }),
        // The app's day cap (header app-*) is spent after this answer; the account's window has room.
        readRateLimits: (headers, bucket) => [
          { bucket, remaining: Number(headers.get('account-remaining')), resetAt: new Date(Date.now() + 60_000) },
          { bucket: context.bucketName('app-day'), remaining: Number(headers.get('app-remaining')), resetAt: new Date(Date.now() + 86_400_000) },
        ],
        describeError: () => ({}),
      });
      return {
        capabilities: { post: true, reply: false, direct: false, html: false, attachments: false, maxTextLength: 100, webhooks: false, realtime: false },
        send: async () => {
          const answer = await client.request({ method: 'POST', path: '/posts', json: {}, bucket: ['posts', 'app-day'], schema: created });
          return { id: answer.id } as never;
        },
        reply: async () => {
          throw new Error('unused');
        },
        messages: async function* () {},
        thread: async function* () {},
        sources: [],
      };
    },
  );
}

describe('bucketScopes', () => {
  it("one app's cap is shared by its accounts' channels; their own windows are not", async () => {
    let sent = 0;
    server.use(http.post(`${BASE}/posts`, () => HttpResponse.json({ id: String(++sent) }, { headers: { 'account-remaining': '5', 'app-remaining': '0' } })));
    const store = new MemoryStore();
    const alice = account('alice', store, { 'app-day': 'test-app:42' });
    const bob = account('bob', store, { 'app-day': 'test-app:42' });
    await alice.send({ text: 'hello' });
    // The app's cap is spent for every account of the app: bob is refused before anything is sent.
    const refused = await bob.send({ text: 'hello' }).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(RateLimitError);
    expect((refused as RateLimitError).message).toContain('test-app:42:app-day');
    expect(sent).toBe(1);
    expect(alice.rateLimits().map((state) => state.bucket).sort()).toEqual(['test-app:42:app-day', 'test:alice:posts']);
    await Promise.all([alice.close(), bob.close()]);
  });

  it('without bucketScopes each channel keeps every bucket to itself', async () => {
    let sent = 0;
    server.use(http.post(`${BASE}/posts`, () => HttpResponse.json({ id: String(++sent) }, { headers: { 'account-remaining': '5', 'app-remaining': '0' } })));
    const store = new MemoryStore();
    const alice = account('alice', store);
    const bob = account('bob', store);
    await alice.send({ text: 'hello' });
    await bob.send({ text: 'hello' });
    expect(sent).toBe(2);
    await Promise.all([alice.close(), bob.close()]);
  });
});
