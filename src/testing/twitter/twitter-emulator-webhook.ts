/**
 * Account Activity API deliveries: the v1.1 payloads (`tweet_create_events`, `direct_message_events`
 * with a `users` map, `for_user_id`) of https://docs.x.com/x-api/account-activity/introduction
 * ("Payload Examples"), signed as https://docs.x.com/x-api/webhooks/introduction says: header
 * x-twitter-webhooks-signature = "sha256=" + base64(HMAC-SHA256(consumer secret, raw body)); the CRC
 * is a GET with ?crc_token= answered by {"response_token": "sha256=" + base64(HMAC-SHA256(consumer secret, token))}.
 */
import { createHmac } from 'node:crypto';
import { otherParticipant, type EmulatedDmEvent, type EmulatedTweet, type EmulatedUser } from './twitter-emulator-state.js';

export type WebhookTarget = string | ((request: Request) => Promise<Response>);

// Where a function target is "mounted": any URL will do, the handler only reads the path and query.
const FUNCTION_TARGET_URL = 'https://webhook.example/x';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** v1.1 `created_at`: "Mon May 19 14:01:46 +0000 2025". */
export function v1Date(iso: string): string {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000 ${date.getUTCFullYear()}`;
}

/** A v1.1 user object, as the `user` of a post or an entry of the `users` map. */
export function v1User(user: EmulatedUser): Record<string, unknown> {
  return {
    id: Number(user.id),
    id_str: user.id,
    name: user.name,
    screen_name: user.username,
    created_timestamp: String(Date.parse(user.created_at)),
    protected: user.protected,
    verified: user.verified,
    profile_image_url_https: user.profile_image_url,
  };
}

export interface WebhookLookup {
  user(id: string): EmulatedUser | undefined;
  userByName(username: string): EmulatedUser | undefined;
  /** The post a repost or a quote refers to. */
  tweet?(id: string): EmulatedTweet | undefined;
}

/** X drops a webhook that takes longer than this to answer (https://docs.x.com/x-api/account-activity/introduction). */
export const WEBHOOK_DEADLINE_MS = 3000;

/** One delivery of the emulator to a webhook, and how the webhook answered it. */
export interface WebhookDelivery {
  status: number;
  /** Milliseconds until the webhook answered. */
  elapsedMs: number;
  /** Answered within X's 3 seconds. */
  withinDeadline: boolean;
  /** API requests the emulator received while it waited for the answer: a webhook should answer before any. */
  requestsBeforeAnswer: number;
}

/** A v1.1 post object (the elements of `tweet_create_events`). */
export function v1Tweet(tweet: EmulatedTweet, lookup: WebhookLookup): Record<string, unknown> {
  const author = lookup.user(tweet.author_id);
  const parentId = tweet.referenced_tweets?.find((reference) => reference.type === 'replied_to')?.id ?? null;
  const parentAuthor = tweet.in_reply_to_user_id ? lookup.user(tweet.in_reply_to_user_id) : undefined;
  const userMentions = [...tweet.text.matchAll(/(?:^|[^A-Za-z0-9_])@([A-Za-z0-9_]{1,15})/g)].flatMap((match) => {
    const user = lookup.userByName(match[1]!);
    if (!user) return [];
    const start = match.index! + match[0].indexOf('@');
    return [{ screen_name: user.username, name: user.name, id: Number(user.id), id_str: user.id, indices: [start, start + 1 + match[1]!.length] }];
  });
  // A repost carries the original as retweeted_status; a quote says is_quote_status and carries quoted_status.
  const reposted = tweet.referenced_tweets?.find((reference) => reference.type === 'retweeted');
  const quoted = tweet.referenced_tweets?.find((reference) => reference.type === 'quoted');
  const original = (reference: { id: string } | undefined) => (reference && lookup.tweet ? lookup.tweet(reference.id) : undefined);
  const referenced: Record<string, unknown> = {};
  const repostOf = original(reposted);
  if (repostOf) referenced.retweeted_status = v1Tweet(repostOf, lookup);
  const quoteOf = original(quoted);
  if (quoted) referenced.quoted_status_id_str = quoted.id;
  if (quoteOf) referenced.quoted_status = v1Tweet(quoteOf, lookup);
  return {
    created_at: v1Date(tweet.created_at),
    id: Number(tweet.id), // a JavaScript number loses precision, as X's own `id` does: read id_str
    id_str: tweet.id,
    // v1.1 escapes &, < and > in text (https://docs.x.com/x-api/fundamentals/data-dictionary, Tweet object), as stored already.
    text: tweet.text,
    display_text_range: [0, [...tweet.text].length],
    source: '<a href="https://github.com/everywhere" rel="nofollow">everywhere emulator</a>',
    truncated: false,
    in_reply_to_status_id: parentId === null ? null : Number(parentId),
    in_reply_to_status_id_str: parentId,
    in_reply_to_user_id: tweet.in_reply_to_user_id ? Number(tweet.in_reply_to_user_id) : null,
    in_reply_to_user_id_str: tweet.in_reply_to_user_id ?? null,
    in_reply_to_screen_name: parentAuthor?.username ?? null,
    user: author ? v1User(author) : { id: Number(tweet.author_id), id_str: tweet.author_id },
    is_quote_status: quoted !== undefined,
    ...referenced,
    entities: { hashtags: [], urls: [], user_mentions: userMentions, symbols: [] },
    lang: 'en',
    timestamp_ms: String(Date.parse(tweet.created_at)),
  };
}

/** A v1.1 DM event (the elements of `direct_message_events`). */
export function v1DmEvent(event: EmulatedDmEvent): Record<string, unknown> {
  return {
    type: 'message_create',
    id: event.id,
    created_timestamp: String(Date.parse(event.created_at)),
    message_create: {
      target: { recipient_id: otherParticipant(event.dm_conversation_id, event.sender_id) },
      sender_id: event.sender_id,
      message_data: { text: event.text, entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] } },
    },
  };
}

export function signature(consumerSecret: string, body: string): string {
  return `sha256=${createHmac('sha256', consumerSecret).update(body).digest('base64')}`;
}

/** POST the payload to the target, signed. Resolves to the target's answer. */
export async function deliver(target: WebhookTarget, consumerSecret: string, payload: unknown): Promise<Response> {
  const body = JSON.stringify(payload);
  const init: RequestInit = {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-twitter-webhooks-signature': signature(consumerSecret, body) },
    body,
  };
  return typeof target === 'string' ? fetch(target, init) : target(new Request(FUNCTION_TARGET_URL, init));
}

/** The CRC check X runs on a webhook: GET ?crc_token=. */
export async function crcCheck(target: WebhookTarget, token: string): Promise<Response> {
  const url = new URL(typeof target === 'string' ? target : FUNCTION_TARGET_URL);
  url.searchParams.set('crc_token', token);
  return typeof target === 'string' ? fetch(url) : target(new Request(url, { method: 'GET' }));
}

/** What a webhook must answer to a CRC check with `token`. */
export function crcResponseToken(consumerSecret: string, token: string): string {
  return signature(consumerSecret, token);
}
