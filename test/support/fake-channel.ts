/**
 * The tests' one channel double: an adapter for the fake platform (fake-platform.ts), written with
 * `defineChannel` as a third party would, so the core supplies quota, retries, sent-once and the
 * listen engine. It answers in memory (`platform`) or over HTTP (`baseUrl`, for worker processes).
 * Knobs: `controls` to make polls or sends fail, to see what the core handed the adapter (its
 * `push()` too: a test pushes as a webhook or IDLE would) and to turn a platform record into the
 * Message a poll would deliver; `pollIntervalMs` (an hour proves a push path: no second poll comes);
 * `defect` to break one promise at a time, to show the conformance suite catches it.
 */
import * as z from 'zod/mini';
import { defineChannel, InvalidDraftError, NotFoundError, type Channel, type ChannelTools, type Message, type RateLimitOptions, type Store } from '../../src/index.js';
import { FAKE_SELF, FAKE_TOKEN, type FakePlatform, type FakeRecord } from './fake-platform.js';

export type FakeDefect = 'reply-in-new-thread' | 'delivers-own-messages' | 'oldest-first-history' | 'timer-outlives-listen';

/** Set by the test to inject failures; filled by the channel with what it saw. */
export interface FakeControls {
  /** Thrown by every poll while set (an AuthError ends listen(); the hub restarts it). */
  failPolls?: Error | undefined;
  /** Thrown by the next poll only. */
  failNextPoll?: Error | undefined;
  /** Thrown by send() while set. */
  failSends?: Error | undefined;
  /** What the core handed the adapter: its context, push() and isHandled(). */
  tools?: ChannelTools;
  /** The Message a poll delivers for this platform record: what a test pushes through `tools.push`. */
  toMessage?: (record: FakeRecord) => Message;
  closed: boolean;
}

export interface FakeChannelOptions {
  /** The platform, answered in memory through its Request/Response handler. */
  platform?: FakePlatform;
  /** Or the platform served over HTTP at this URL. */
  baseUrl?: string;
  /** @default FAKE_TOKEN */
  token?: string;
  /** @default 'fake:bot' */
  id?: string;
  store?: Store;
  rateLimit?: RateLimitOptions;
  retry?: { retries?: number };
  /** @default 50 */
  pollIntervalMs?: number;
  /** Messages per poll; a full page polls again at once. @default 100 */
  pageSize?: number;
  controls?: FakeControls;
  defect?: FakeDefect;
}

const record = z.object({ id: z.string(), threadId: z.string(), parentId: z.optional(z.string()), author: z.string(), text: z.string(), direct: z.boolean(), createdAt: z.string() });
const one = z.object({ data: record });
const many = z.object({ data: z.array(record) });
const IN_MEMORY_BASE = 'https://fake.test';

export function fakeControls(): FakeControls {
  return { closed: false };
}

export function fakeChannel(options: FakeChannelOptions): Channel {
  const { defect, platform } = options;
  const controls = options.controls ?? fakeControls();
  const token = options.token ?? FAKE_TOKEN;
  const pageSize = options.pageSize ?? 100;
  const baseUrl = platform ? IN_MEMORY_BASE : options.baseUrl;
  if (!baseUrl) throw new TypeError('fakeChannel needs a platform or a baseUrl');
  const fetch = platform ? ((async (input: RequestInfo | URL, init?: RequestInit) => platform.handle(new Request(input, init), IN_MEMORY_BASE)) as typeof globalThis.fetch) : undefined;
  const common = { fetch, store: options.store, rateLimit: options.rateLimit, retry: options.retry, pollIntervalMs: options.pollIntervalMs ?? 50, id: options.id };
  const defined = Object.fromEntries(Object.entries(common).filter(([, value]) => value !== undefined));
  return defineChannel({ id: 'fake:bot', platform: 'fake', options: defined }, (tools) => {
    const { context, createHttpClient } = tools;
    controls.tools = tools;
    const http = createHttpClient({
      baseUrl,
      authorize: async () => {
        context.addSecret(token);
        return { headers: { authorization: `Bearer ${token}` } };
      },
      readRateLimits(headers, bucket) {
        const [limit, remaining, reset] = ['limit', 'remaining', 'reset'].map((name) => headers.get(`x-rate-limit-${name}`));
        if (!limit || !remaining || !reset) return [];
        return [{ bucket, limit: Number(limit), remaining: Number(remaining), resetAt: new Date(Number(reset) * 1000) }];
      },
      describeError: () => ({}),
    });
    let keepAlive: ReturnType<typeof setInterval> | undefined;
    const toMessage = (item: z.infer<typeof record>): Message => ({
      id: item.id,
      channel: context.id,
      platform: 'fake',
      kind: item.direct ? 'direct' : item.parentId ? 'reply' : 'post',
      threadId: defect === 'reply-in-new-thread' && item.author === FAKE_SELF && item.parentId ? item.id : item.threadId,
      ...(item.parentId ? { parentId: item.parentId } : {}),
      author: { id: item.author, handle: item.author, isSelf: item.author === FAKE_SELF && defect !== 'delivers-own-messages' },
      text: item.text,
      attachments: [],
      createdAt: new Date(item.createdAt),
      raw: item,
    });
    controls.toMessage = toMessage;
    const post = async (body: Record<string, string>) =>
      toMessage((await http.request({ method: 'POST', path: '/messages', json: body, bucket: 'POST /messages', schema: one })).data);
    const threadOf = async (id: string, signal?: AbortSignal) =>
      (await http.request({ method: 'GET', path: `/threads/${encodeURIComponent(id)}`, bucket: 'GET /threads/:id', schema: many, ...(signal ? { signal } : {}) })).data.map(toMessage);
    return {
      capabilities: { post: true, reply: true, direct: true, html: false, attachments: false, maxTextLength: 500, webhooks: false, realtime: false },
      validateDraft(draft) {
        if (draft.text.length > 500) throw new InvalidDraftError('too long', context.errorOptions());
      },
      async send(draft) {
        if (controls.failSends) throw controls.failSends;
        return post({ text: draft.text, ...(draft.to ? { to: draft.to } : {}) });
      },
      reply: (to, draft) => post({ text: draft.text, replyTo: to.id }),
      // After an interrupted reply (a worker killed mid-request): the answer, if it got through.
      async recover(draft, to) {
        if (!to) return undefined;
        const thread = await threadOf(to.threadId).catch((error: unknown) => (error instanceof NotFoundError ? [] : Promise.reject(error)));
        // The platform answers from memory at once, so not in the thread means not posted: null.
        return thread.find((message) => message.author.isSelf && message.parentId === to.id && message.text === draft.text) ?? null;
      },
      async *messages({ signal }) {
        let before: string | undefined;
        for (;;) {
          const page = await http.request({ method: 'GET', path: '/messages', searchParams: { limit: 10, before }, bucket: 'GET /messages', schema: many, ...(signal ? { signal } : {}) });
          const messages = page.data.map(toMessage);
          yield* defect === 'oldest-first-history' ? messages.reverse() : messages;
          if (page.data.length < 10) return;
          before = page.data.at(-1)!.id;
        }
      },
      async *thread(of, { signal }) {
        yield* await threadOf(typeof of === 'string' ? of : of.threadId, signal);
      },
      sources: [
        {
          name: 'messages',
          buckets: ['GET /messages'],
          async poll({ cursor, since, signal }) {
            // The defect: a keep-alive timer that nothing clears when listen() ends.
            if (defect === 'timer-outlives-listen' && !keepAlive) keepAlive = setInterval(() => undefined, 60_000);
            const failure = controls.failPolls ?? controls.failNextPoll;
            controls.failNextPoll = undefined;
            if (failure) throw failure;
            const searchParams = { limit: pageSize, after: cursor ?? '0', ...(cursor ? {} : { since: since.toISOString() }) };
            const page = await http.request({ method: 'GET', path: '/messages', searchParams, bucket: 'GET /messages', schema: many, signal });
            const fresh = page.data.map(toMessage);
            // A text starting "auto:" is an automatic answer (an out-of-office reply): the source marks it skip.
            return { items: fresh.map((message) => ({ message, position: message.id, ...(message.text.startsWith('auto:') ? { skip: true } : {}) })), more: page.data.length === pageSize };
          },
        },
      ],
      async close() {
        clearInterval(keepAlive);
        controls.closed = true;
      },
    };
  });
}
