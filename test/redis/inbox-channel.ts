/**
 * A channel on the inbox emulator, built with `defineChannel` as a third-party adapter would be:
 * the core supplies quota through the store, retries, sent-once and the listen engine.
 */
import * as z from 'zod/mini';
import { defineChannel, type Channel, type Message, type Store } from '../../src/index.js';

export interface InboxChannelOptions {
  baseUrl: string;
  store: Store;
  id?: string;
  pollIntervalMs?: number;
}

const messageSchema = z.object({ id: z.string(), text: z.string(), author_id: z.string(), created_at: z.string() });
const listSchema = z.object({ data: z.array(messageSchema), meta: z.object({ more: z.nullish(z.boolean()) }) });
const replySchema = z.object({ id: z.string(), in_reply_to: z.string(), text: z.string() });

export function inboxChannel(options: InboxChannelOptions): Channel {
  const id = options.id ?? 'inbox:support';
  return defineChannel({ id, platform: 'inbox', options: { store: options.store, pollIntervalMs: options.pollIntervalMs ?? 50 } }, ({ createHttpClient }) => {
    const http = createHttpClient({
      baseUrl: options.baseUrl,
      authorize: async () => ({ headers: { authorization: 'Bearer inbox-test' } }),
      readRateLimits(headers, bucket) {
        const limit = headers.get('x-rate-limit-limit');
        const remaining = headers.get('x-rate-limit-remaining');
        const reset = headers.get('x-rate-limit-reset');
        if (limit === null || remaining === null || reset === null) return [];
        return [{ bucket, limit: Number(limit), remaining: Number(remaining), resetAt: new Date(Number(reset) * 1000) }];
      },
      describeError: () => ({}),
    });
    const toMessage = (raw: z.infer<typeof messageSchema>): Message => ({
      id: raw.id,
      channel: id,
      platform: 'inbox',
      kind: 'post',
      threadId: raw.id,
      author: { id: raw.author_id, isSelf: raw.author_id === 'support' },
      text: raw.text,
      attachments: [],
      createdAt: new Date(raw.created_at),
      raw,
    });
    const toReply = (raw: z.infer<typeof replySchema>): Message => ({
      id: raw.id,
      channel: id,
      platform: 'inbox',
      kind: 'reply',
      threadId: raw.in_reply_to,
      parentId: raw.in_reply_to,
      author: { id: 'support', isSelf: true },
      text: raw.text,
      attachments: [],
      createdAt: new Date(),
      raw,
    });
    return {
      capabilities: { post: false, reply: true, direct: false, html: false, attachments: false, webhooks: false, realtime: false },
      async send() {
        throw new TypeError('the inbox only answers');
      },
      async reply(to, draft) {
        const answer = await http.request({
          method: 'POST',
          path: '/replies',
          json: { in_reply_to: to.id, text: draft.text },
          bucket: 'POST /replies',
          schema: z.object({ data: replySchema }),
        });
        return toReply(answer.data);
      },
      async recover(draft, to) {
        if (!to) return undefined;
        const answer = await http.request({
          method: 'GET',
          path: '/replies',
          searchParams: { in_reply_to: to.id },
          bucket: 'GET /replies',
          schema: z.object({ data: z.array(replySchema) }),
        });
        const found = answer.data.find((reply) => reply.text === draft.text);
        return found ? toReply(found) : undefined;
      },
      messages: async function* () {},
      thread: async function* () {},
      sources: [
        {
          name: 'messages',
          buckets: ['GET /messages'],
          async poll({ cursor, since, signal }) {
            const answer = await http.request({
              method: 'GET',
              path: '/messages',
              searchParams: { max_results: 100, ...(cursor ? { since_id: cursor } : { start_time: since.toISOString() }) },
              bucket: 'GET /messages',
              schema: listSchema,
              signal,
            });
            return { items: answer.data.map((raw) => ({ message: toMessage(raw), position: raw.id })), more: answer.meta.more === true };
          },
        },
      ],
    };
  });
}
