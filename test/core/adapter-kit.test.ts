/**
 * A third-party adapter written with nothing but the root entry's adapter kit, as the README's
 * "The adapter kit" shows: its schemas in classic zod (ours are zod/mini), its errors named in
 * `describeError`, including 'forbidden' (PermissionError) and a usage cap (RateLimitError.quota),
 * and its signed webhook checked by the core's `readSignedJson`.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineChannel,
  PermissionError,
  RateLimitError,
  readSignedJson,
  type Channel,
  type ErrorResponse,
  type Message,
  type PlatformErrorInfo,
  type WebhookSignatureScheme,
} from '../../src/index.js';

const BASE = 'https://api.guestbook.test';
const WEBHOOK_SECRET = 'guestbook-webhook-secret';
const SIGNATURE: WebhookSignatureScheme = { header: 'x-guestbook-signature', secret: WEBHOOK_SECRET, encoding: 'hex', prefix: 'sha256=' };
const entry = z.object({ id: z.string(), text: z.string(), at: z.string() });
const entrySchema = z.object({ entries: z.array(entry) });

const errorSchema = z.object({ error: z.string(), reset: z.number().optional() });

function describeGuestbookError(response: ErrorResponse): PlatformErrorInfo {
  const body = errorSchema.safeParse(response.body);
  if (!body.success) return {};
  if (body.data.error === 'not_allowed') return { kind: 'forbidden', platformCode: body.data.error };
  if (body.data.error === 'monthly_cap') return { kind: 'rate_limited', quota: true, resetAt: new Date(body.data.reset! * 1000) };
  return { platformCode: body.data.error };
}

function guestbook(fetch: typeof globalThis.fetch): Channel {
  // Polls an hour apart: what listen() delivers in these tests came by the webhook.
  const options = { fetch, retry: { retries: 3 }, pollIntervalMs: 3_600_000 };
  return defineChannel({ id: 'guestbook:acme', platform: 'guestbook', options }, ({ context, createHttpClient, push }) => {
    const http = createHttpClient({
      baseUrl: BASE,
      authorize: async () => ({ headers: { authorization: 'Bearer guestbook-token' } }),
      readRateLimits: () => [],
      describeError: describeGuestbookError,
    });
    const toMessage = (entry: { id: string; text: string; at: string }): Message => ({
      id: entry.id,
      channel: context.id,
      platform: 'guestbook',
      kind: 'comment',
      threadId: entry.id,
      author: { id: 'guest', isSelf: false },
      text: entry.text,
      attachments: [],
      createdAt: new Date(entry.at),
      raw: entry,
    });
    return {
      capabilities: { post: true, reply: false, direct: false, html: false, attachments: false, webhooks: false, realtime: false },
      async send(draft) {
        const answer = await http.request({ method: 'POST', path: '/entries', json: { text: draft.text }, bucket: 'POST /entries', schema: entrySchema });
        return toMessage(answer.entries[0]!);
      },
      reply: async () => {
        throw new Error('not used here');
      },
      async *messages({ signal }) {
        const answer = await http.request({ method: 'GET', path: '/entries', bucket: 'GET /entries', schema: entrySchema, ...(signal ? { signal } : {}) });
        yield* answer.entries.map(toMessage);
      },
      thread: async function* () {},
      sources: [{ name: 'entries', poll: async () => ({ items: [] }) }],
      async webhook(request) {
        const signed = await readSignedJson(request, SIGNATURE, entry);
        if (!signed.ok) return signed.response;
        push({ message: toMessage(signed.payload), position: signed.payload.id, source: 'entries' });
        return new Response(null, { status: 204 });
      },
    };
  });
}

/** A fetch double answering each request with the next of `answers`, counting what went on the wire. */
function wire(...answers: Array<() => Response>) {
  const requests: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(`${request.method} ${new URL(request.url).pathname}`);
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    return answer();
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

describe('the adapter kit', () => {
  it('reads through the core engine with a classic zod schema', async () => {
    const { fetch, requests } = wire(() => Response.json({ entries: [{ id: 'e1', text: 'Lovely stay!', at: '2026-11-01T10:00:00Z' }] }));
    const channel = guestbook(fetch);
    const read: Message[] = [];
    for await (const message of channel.messages()) read.push(message);
    expect(read.map((message) => [message.id, message.text])).toEqual([['e1', 'Lovely stay!']]);
    expect(requests).toEqual(['GET /entries']);
    await channel.close();
  });

  it("turns describeError's 'forbidden' into a PermissionError, not retried", async () => {
    const { fetch, requests } = wire(() => Response.json({ error: 'not_allowed' }, { status: 403 }));
    const channel = guestbook(fetch);
    const error = await channel.send({ text: 'Hello' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ code: 'forbidden', status: 403, channel: 'guestbook:acme' });
    expect(requests).toEqual(['POST /entries']);
    await channel.close();
  });

  it('turns a usage cap into RateLimitError with quota: true and its reset, not waited for or retried', async () => {
    const reset = Math.floor(Date.now() / 1000) + 86_400;
    const { fetch, requests } = wire(() => Response.json({ error: 'monthly_cap', reset }, { status: 429 }));
    const channel = guestbook(fetch);
    const error = await channel.send({ text: 'Hello' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: 'rate_limited', quota: true, resetAt: new Date(reset * 1000) });
    expect(requests).toEqual(['POST /entries']);
    await channel.close();
  });

  it('checks a webhook with the core helper: a signed delivery reaches listen(), an unsigned one is a 401', async () => {
    const channel = guestbook(wire().fetch);
    const controller = new AbortController();
    const heard = channel.listen({ signal: controller.signal })[Symbol.asyncIterator]().next();
    const body = JSON.stringify({ id: 'e2', text: 'Breakfast was great', at: new Date().toISOString() });
    const deliver = (signature?: string) =>
      channel.webhook!(new Request('https://bot.test/guestbook', { method: 'POST', body, headers: signature ? { 'x-guestbook-signature': signature } : {} }));
    expect((await deliver()).status).toBe(401);
    expect((await deliver('sha256=' + createHmac('sha256', 'wrong-secret').update(body).digest('hex'))).status).toBe(401);
    expect((await deliver('sha256=' + createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex'))).status).toBe(204);
    const { value } = await heard;
    expect([value?.id, value?.text]).toEqual(['e2', 'Breakfast was great']);
    controller.abort();
    await channel.close();
  });

  it('keeps quota unset on an ordinary rate limit', async () => {
    const { fetch } = wire(() => Response.json({ error: 'slow_down' }, { status: 429, headers: { 'retry-after': '1' } }));
    const channel = defineChannel({ id: 'guestbook:limits', platform: 'guestbook', options: { fetch, retry: { retries: 0 }, rateLimit: { onLimit: 'throw' } } }, ({ createHttpClient }) => {
      const http = createHttpClient({ baseUrl: BASE, authorize: async () => ({}), readRateLimits: () => [], describeError: describeGuestbookError });
      return {
        capabilities: { post: true, reply: false, direct: false, html: false, attachments: false, webhooks: false, realtime: false },
        send: async () => {
          await http.request({ method: 'POST', path: '/entries', json: {}, bucket: 'POST /entries', schema: entrySchema });
          throw new Error('unreachable');
        },
        reply: async () => {
          throw new Error('not used here');
        },
        messages: async function* () {},
        thread: async function* () {},
        sources: [],
      };
    });
    const error = await channel.send({ text: 'Hello' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).quota).toBeUndefined();
    await channel.close();
  });
});
