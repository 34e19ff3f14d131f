/**
 * Account Activity webhooks: the CRC challenge, the `x-twitter-webhooks-signature` check over the raw
 * body, and verified events fed into listen(). https://docs.x.com/x-api/account-activity/introduction
 * (securing webhooks: sha256=base64(HMAC-SHA256(consumer secret, ...))).
 *
 * X wants an answer within 3 seconds, so the handler answers as soon as the signature is checked: the
 * account's own id (when not given) and a reply's conversation are looked up after the answer. Deliveries
 * also carry reposts, quotes and the account's own posts: only what the mentions timeline would give is
 * delivered (posts naming the account or replying to it, never its own, never a repost), so push and poll agree.
 */
import type { Message } from '../core/channel.js';
import type { AdapterContext } from '../core/adapter-context.js';
import { hmac } from '../core/hmac.js';
import type { PushedItem } from '../core/listen/push-queue.js';
import { readSignedJson } from '../core/webhook-signature.js';
import { dmEventV1Schema, normalizeDmEventV1, normalizeTweetV1, tweetV1Schema, usersV1Schema, type TweetV1 } from './normalize-activity.js';
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
    // After the answer: lookups may take longer than X waits. A failure is an 'error'; polling still finds the messages.
    void deliver(signed.payload, api, context, push).catch((error: unknown) => context.emit('error', error as Error));
    return new Response(null, { status: 200 });
  };
}

async function deliver(payload: z.infer<typeof activitySchema>, api: TwitterApi, context: AdapterContext, push: (item: PushedItem) => void): Promise<void> {
  if (context.closed.aborted) return;
  const selfId = await api.selfId(context.closed);
  if (payload.for_user_id && payload.for_user_id !== selfId) return;
  const items = await toItems(payload, { channel: context.id, selfId }, api, context.closed);
  if (!context.closed.aborted) for (const item of items) push(item);
}

/** Whether the mentions timeline holds this post: not the account's own, not a repost, and naming or answering the account. */
function inMentionsTimeline(post: TweetV1, selfId: string): boolean {
  if (post.user.id_str === selfId || post.retweeted_status != null) return false;
  return post.in_reply_to_user_id_str === selfId || (post.entities?.user_mentions ?? []).some((mention) => mention.id_str === selfId);
}

async function toItems(payload: z.infer<typeof activitySchema>, normalize: { channel: string; selfId: string }, api: TwitterApi, signal: AbortSignal): Promise<PushedItem[]> {
  const items: PushedItem[] = [];
  const add = (message: Message, source: string) => items.push({ message, position: message.id, source });
  for (const event of payload.tweet_create_events ?? []) {
    const tweet = tweetV1Schema.safeParse(event);
    if (!tweet.success || !inMentionsTimeline(tweet.data, normalize.selfId)) continue;
    add(normalizeTweetV1(tweet.data, normalize, await conversationOf(tweet.data.in_reply_to_status_id_str, tweet.data.id_str, api, signal)), 'mentions');
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
      const repost = tweet.success && (tweet.data.referenced_tweets ?? []).some((reference) => reference?.type === 'retweeted');
      if (tweet.success && tweet.data.author_id !== normalize.selfId && !repost) add(normalizeTweet(tweet.data, index, normalize), 'mentions');
    }
  }
  return items;
}

/** v1.1 payloads lack the conversation id: a reply's is read from v2, so the thread matches what the poll gives. */
async function conversationOf(parentId: string | null | undefined, id: string, api: TwitterApi, signal: AbortSignal): Promise<string | undefined> {
  if (!parentId) return id;
  try {
    return (await api.lookup(id, signal)).threadId;
  } catch {
    return undefined;
  }
}
