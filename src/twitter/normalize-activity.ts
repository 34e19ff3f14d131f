/**
 * Account Activity API payloads (v1.1 objects) into Messages shaped exactly like the v2 ones.
 * https://docs.x.com/x-api/enterprise-gnip-2.0/fundamentals/account-activity (tweet_create_events,
 * direct_message_events with a `users` map).
 */
import * as z from 'zod/mini';
import type { Attachment, Message } from '../core/channel.js';
import { comparePositions } from '../core/listen/listen-source.js';
import { decodeBasicEntities } from '../core/html-entities.js';

const maybe = <T extends z.ZodMiniType>(schema: T) => z.nullish(schema);
const text = z.string();

const userV1 = z.object({ id_str: text, screen_name: maybe(text), name: maybe(text), profile_image_url_https: maybe(text) });

const mediaV1 = z.object({ type: maybe(text), media_url_https: maybe(text) });
const mediaListV1 = maybe(z.object({ media: maybe(z.array(mediaV1)) }));

export const tweetV1Schema = z.object({
  id_str: text,
  text: maybe(text),
  full_text: maybe(text),
  extended_tweet: maybe(z.object({ full_text: maybe(text), extended_entities: mediaListV1 })),
  created_at: text,
  user: userV1,
  in_reply_to_status_id_str: maybe(text),
  extended_entities: mediaListV1,
  // What decides whether the post is in the mentions timeline (see the webhook's inMentionsTimeline).
  in_reply_to_user_id_str: maybe(text),
  retweeted_status: z.optional(z.unknown()),
  entities: maybe(z.object({ user_mentions: maybe(z.array(z.object({ id_str: text }))) })),
});
export type TweetV1 = z.infer<typeof tweetV1Schema>;

export const dmEventV1Schema = z.object({
  type: text,
  id: text,
  created_timestamp: text,
  message_create: maybe(
    z.object({
      target: z.object({ recipient_id: text }),
      sender_id: text,
      message_data: z.object({ text: maybe(text), attachment: maybe(z.object({ media: maybe(mediaV1) })) }),
    }),
  ),
});
export type DmEventV1 = z.infer<typeof dmEventV1Schema>;

// The `users` map of a DM delivery (user id → v1.1 user): every value must be a user, as z.record(text, userV1)
// checked, by one custom check instead (z.record adds 0.6 KB gzipped to the browser bundle for this map).
// The users are only read, so keeping them as sent rather than stripped changes nothing.
export const usersV1Schema = maybe(
  z.custom<Record<string, z.infer<typeof userV1>>>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((user) => userV1.safeParse(user).success),
  ),
);

interface Context {
  channel: string;
  selfId: string;
}

/** `threadId` needs the conversation root, which v1.1 payloads lack: the caller passes it when known. */
export function normalizeTweetV1(tweet: TweetV1, context: Context, conversationId: string | undefined): Message {
  const parentId = tweet.in_reply_to_status_id_str ?? undefined;
  const text = tweet.extended_tweet?.full_text ?? tweet.full_text ?? tweet.text ?? '';
  const media = tweet.extended_tweet?.extended_entities?.media ?? tweet.extended_entities?.media ?? [];
  const message: Message = {
    id: tweet.id_str,
    channel: context.channel,
    platform: 'twitter',
    kind: parentId ? 'reply' : 'post',
    threadId: conversationId ?? parentId ?? tweet.id_str,
    author: authorOf(tweet.user, tweet.user.id_str, context),
    text: decodeBasicEntities(text),
    attachments: media.map(toAttachment),
    createdAt: new Date(tweet.created_at),
    url: `https://x.com/${tweet.user.screen_name ?? 'i/web'}/status/${tweet.id_str}`,
    raw: tweet,
  };
  if (parentId) message.parentId = parentId;
  return message;
}

export function normalizeDmEventV1(event: DmEventV1, users: z.infer<typeof usersV1Schema>, context: Context): Message | undefined {
  const create = event.message_create;
  if (event.type !== 'message_create' || !create) return undefined;
  const sender = create.sender_id;
  const ids = [sender, create.target.recipient_id].sort(comparePositions);
  const conversation = ids.join('-'); // a one-to-one conversation id is "<lower id>-<higher id>"
  const media = create.message_data.attachment?.media;
  return {
    id: event.id,
    channel: context.channel,
    platform: 'twitter',
    kind: 'direct',
    threadId: conversation,
    author: authorOf(users?.[sender], sender, context),
    text: decodeBasicEntities(create.message_data.text ?? ''),
    attachments: media ? [toAttachment(media)] : [],
    createdAt: new Date(Number(event.created_timestamp)),
    url: `https://x.com/messages/${conversation}`,
    raw: event,
  };
}

function authorOf(user: z.infer<typeof userV1> | undefined, id: string, context: Context): Message['author'] {
  const author: Message['author'] = { id, isSelf: id === context.selfId };
  if (user?.screen_name) author.handle = user.screen_name;
  if (user?.name) author.name = user.name;
  if (user?.profile_image_url_https) author.avatarUrl = user.profile_image_url_https;
  return author;
}

function toAttachment(media: z.infer<typeof mediaV1>): Attachment {
  const attachment: Attachment = { kind: media.type === 'photo' ? 'image' : media.type ? 'video' : 'file' };
  if (media.media_url_https) attachment.url = media.media_url_https;
  return attachment;
}

