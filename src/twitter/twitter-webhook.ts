/**
 * Account Activity webhooks: the CRC challenge, the `x-twitter-webhooks-signature` check over the raw
 * body, and verified events fed into listen(). https://docs.x.com/x-api/account-activity/introduction
 * (securing webhooks: sha256=base64(HMAC-SHA256(consumer secret, ...))).
 */
import type { Message } from '../core/channel.js';
import type { AdapterContext } from '../core/adapter-context.js';
import { hmac } from '../core/hmac.js';
import type { PushedItem } from '../core/listen/push-queue.js';
import { readSignedJson } from '../core/webhook-signature.js';
import { dmEventV1Schema, normalizeDmEventV1, normalizeTweetV1, tweetV1Schema, usersV1Schema } from './normalize-activity.js';
import { IncludesIndex, normalizeDmEvent, normalizeTweet } from './normalize-tweet.js';
import type { TwitterApi } from './twitter-api.js';
import * as z from 'zod/mini';
import { dmEventSchema, includesSchema, tweetSchema } from './twitter-schemas.js';

const activitySchema = z.object({
  for_user_id: z.nullish(z.string()),
  tweet_create_events: z.nullish(z.array(z.unknown())),
  direct_message_events: z.nullish(z.array(z.unknown())),
  users: usersV1Schema,
  // v2 objects, as newer deliveries send them.
  data: z.optional(z.unknown()),
  includes: includesSchema,
});

export interface TwitterWebhookOptions {
  consumerSecret: string;
  api: TwitterApi;
  context: AdapterContext;
  push(item: PushedItem): void;
}

export function createTwitterWebhook({ consumerSecret, api, context, push }: TwitterWebhookOptions) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (request.method === 'GET') {
      const token = url.searchParams.get('crc_token');
      if (!token) return Response.json({ error: 'crc_token is missing' }, { status: 400 });
      return Response.json({ response_token: `sha256=${await hmac('SHA-256', consumerSecret, token, 'base64')}` });
    }
    if (request.method !== 'POST') return new Response(null, { status: 405, headers: { allow: 'GET, POST' } });

    const signed = await readSignedJson(request, { header: 'x-twitter-webhooks-signature', secret: consumerSecret, encoding: 'base64', prefix: 'sha256=' }, activitySchema);
    if (!signed.ok) return signed.response;
    const payload = signed.payload;
    const selfId = await api.selfId();
    if (payload.for_user_id && payload.for_user_id !== selfId) return new Response(null, { status: 200 });
    for (const item of await toItems(payload, { channel: context.id, selfId }, api)) push(item);
    return new Response(null, { status: 200 });
  };
}

async function toItems(payload: z.infer<typeof activitySchema>, normalize: { channel: string; selfId: string }, api: TwitterApi): Promise<PushedItem[]> {
  const items: PushedItem[] = [];
  const add = (message: Message, source: string) => items.push({ message, position: message.id, source });
  for (const event of payload.tweet_create_events ?? []) {
    const tweet = tweetV1Schema.safeParse(event);
    if (!tweet.success) continue;
    add(normalizeTweetV1(tweet.data, normalize, await conversationOf(tweet.data.in_reply_to_status_id_str, tweet.data.id_str, api)), 'mentions');
  }
  for (const event of payload.direct_message_events ?? []) {
    const parsed = dmEventV1Schema.safeParse(event);
    const message = parsed.success ? normalizeDmEventV1(parsed.data, payload.users, normalize) : undefined;
    if (message) add(message, 'dm');
  }
  const index = new IncludesIndex(payload.includes);
  for (const object of Array.isArray(payload.data) ? payload.data : payload.data ? [payload.data] : []) {
    const dm = dmEventSchema.safeParse(object);
    if (dm.success && dm.data.dm_conversation_id) add(normalizeDmEvent(dm.data, index, normalize), 'dm');
    else {
      const tweet = tweetSchema.safeParse(object);
      if (tweet.success) add(normalizeTweet(tweet.data, index, normalize), 'mentions');
    }
  }
  return items;
}

/** v1.1 payloads lack the conversation id: a reply's is read from v2, so the thread matches what the poll gives. */
async function conversationOf(parentId: string | null | undefined, id: string, api: TwitterApi): Promise<string | undefined> {
  if (!parentId) return id;
  try {
    return (await api.lookup(id)).threadId;
  } catch {
    return undefined;
  }
}
