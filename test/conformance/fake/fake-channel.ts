/**
 * A minimal compliant adapter for the fake platform, written with `defineChannel` as a third party
 * would. `broken` switches on one defect at a time, to show the suite catches it.
 */
import * as z from 'zod/mini';
import { defineChannel, InvalidDraftError, type Channel, type Message, type Store } from '../../../src/index.js';
import type { RateLimitOptions } from '../../../src/core/options.js';
import { readTwitterRateLimits } from '../../../src/twitter/twitter-rate-limits.js';
import { FAKE_SELF, type FakeEmulator, type FakeRecord } from './fake-emulator.js';

export type FakeDefect = 'reply-in-new-thread' | 'delivers-own-messages' | 'oldest-first-history' | 'timer-outlives-listen';

export interface FakeChannelOptions {
  emulator: FakeEmulator;
  token: string;
  id?: string;
  store?: Store;
  rateLimit?: RateLimitOptions;
  pollIntervalMs?: number;
  broken?: FakeDefect;
}

const record = z.object({ id: z.string(), threadId: z.string(), parentId: z.optional(z.string()), author: z.string(), text: z.string(), direct: z.boolean(), createdAt: z.string() });
const one = z.object({ data: record });
const many = z.object({ data: z.array(record) });
const BASE = 'https://fake.test';

export function fakeChannel(options: FakeChannelOptions): Channel {
  const { emulator, broken } = options;
  // The emulator answers in memory, through the same Request/Response path a server would.
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => emulator.handle(new Request(input, init), BASE)) as typeof globalThis.fetch;
  const common = { fetch, store: options.store, rateLimit: options.rateLimit, pollIntervalMs: options.pollIntervalMs ?? 50, id: options.id };
  return defineChannel({ id: 'fake:bot', platform: 'fake', options: Object.fromEntries(Object.entries(common).filter(([, value]) => value !== undefined)) }, ({ context, createHttpClient }) => {
    const http = createHttpClient({
      baseUrl: BASE,
      authorize: async () => {
        context.addSecret(options.token);
        return { headers: { authorization: `Bearer ${options.token}` } };
      },
      readRateLimits: readTwitterRateLimits,
      describeError: () => ({}),
    });
    let keepAlive: ReturnType<typeof setInterval> | undefined;
    const toMessage = (item: z.infer<typeof record>): Message => ({
      id: item.id,
      channel: context.id,
      platform: 'fake',
      kind: item.direct ? 'direct' : item.parentId ? 'reply' : 'post',
      threadId: broken === 'reply-in-new-thread' && item.author === FAKE_SELF && item.parentId ? item.id : item.threadId,
      ...(item.parentId ? { parentId: item.parentId } : {}),
      author: { id: item.author, handle: item.author, isSelf: item.author === FAKE_SELF && broken !== 'delivers-own-messages' },
      text: item.text,
      attachments: [],
      createdAt: new Date(item.createdAt),
      raw: item,
    });
    const post = async (body: Record<string, string>) => toMessage((await http.request({ method: 'POST', path: '/messages', json: body, bucket: 'POST /messages', schema: one })).data);
    return {
      capabilities: { post: true, reply: true, direct: true, html: false, attachments: false, maxTextLength: 500, webhooks: false, realtime: false },
      validateDraft(draft) {
        if (draft.text.length > 500) throw new InvalidDraftError('too long', context.errorOptions());
      },
      send: (draft) => post({ text: draft.text, ...(draft.to ? { to: draft.to } : {}) }),
      reply: (to, draft) => post({ text: draft.text, replyTo: to.id }),
      async *messages({ signal }) {
        let before: string | undefined;
        for (;;) {
          const page = await http.request({ method: 'GET', path: '/messages', searchParams: { limit: 10, before }, bucket: 'GET /messages', schema: many, ...(signal ? { signal } : {}) });
          const messages = page.data.map(toMessage);
          yield* broken === 'oldest-first-history' ? messages.reverse() : messages;
          if (page.data.length < 10) return;
          before = page.data.at(-1)!.id;
        }
      },
      async *thread(of, { signal }) {
        const id = typeof of === 'string' ? of : of.threadId;
        const page = await http.request({ method: 'GET', path: `/threads/${id}`, bucket: 'GET /threads/:id', schema: many, ...(signal ? { signal } : {}) });
        yield* page.data.map(toMessage);
      },
      sources: [
        {
          name: 'messages',
          buckets: ['GET /messages'],
          async poll({ cursor, since, signal }) {
            // The defect: a keep-alive timer that nothing clears when listen() ends.
            if (broken === 'timer-outlives-listen' && !keepAlive) keepAlive = setInterval(() => undefined, 60_000);
            const page = await http.request({ method: 'GET', path: '/messages', searchParams: { limit: 100, after: cursor ?? '0' }, bucket: 'GET /messages', schema: many, signal });
            const fresh = page.data.map(toMessage).filter((message) => cursor !== undefined || message.createdAt >= since);
            // The fake API lists others' messages only; the channel's own replies are listed here to prove they are skipped.
            const own = emulator.records.filter((item: FakeRecord) => item.author === FAKE_SELF && Number(item.id) > Number(cursor ?? '0')).map(toMessage);
            const all = [...fresh, ...own.filter((message) => cursor !== undefined || message.createdAt >= since)].sort((a, b) => Number(a.id) - Number(b.id));
            return { items: all.map((message) => ({ message, position: message.id })), more: page.data.length === 100 };
          },
        },
      ],
      async close() {
        clearInterval(keepAlive);
      },
    };
  });
}

export { BASE as FAKE_BASE };
