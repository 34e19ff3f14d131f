/**
 * Account Activity API payloads (v1.1 objects) into Messages shaped exactly like the v2 ones.
 * https://docs.x.com/x-api/enterprise-gnip-2.0/fundamentals/account-activity (tweet_create_events,
 * direct_message_events with a `users` map).
 */
import { z } from 'zod';
import type { Attachment, Message } from '../core/channel.js';

const userV1 = z.object({
  id_str: z.string(),
  screen_name: z.string().nullish(),
  name: z.string().nullish(),
  profile_image_url_https: z.string().nullish(),
});

const mediaV1 = z.object({ type: z.string().nullish(), media_url_https: z.string().nullish() });

export const tweetV1Schema = z.object({
  id_str: z.string(),
  text: z.string().nullish(),
  full_text: z.string().nullish(),
  extended_tweet: z.object({ full_text: z.string().nullish(), extended_entities: z.object({ media: z.array(mediaV1).nullish() }).nullish() }).nullish(),
  created_at: z.string(),
  user: userV1,
  in_reply_to_status_id_str: z.string().nullish(),
  extended_entities: z.object({ media: z.array(mediaV1).nullish() }).nullish(),
});
export type TweetV1 = z.infer<typeof tweetV1Schema>;

export const dmEventV1Schema = z.object({
  type: z.string(),
  id: z.string(),
  created_timestamp: z.string(),
  message_create: z
    .object({
      target: z.object({ recipient_id: z.string() }),
      sender_id: z.string(),
      message_data: z.object({ text: z.string().nullish(), attachment: z.object({ media: mediaV1.nullish() }).nullish() }),
    })
    .nullish(),
});
export type DmEventV1 = z.infer<typeof dmEventV1Schema>;

export const usersV1Schema = z.record(z.string(), userV1).nullish();

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
    text: decode(text),
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
  const ids = [sender, create.target.recipient_id].sort((a, b) => (a.length - b.length) || (a < b ? -1 : a > b ? 1 : 0));
  const conversation = ids.join('-'); // a one-to-one conversation id is "<lower id>-<higher id>"
  const media = create.message_data.attachment?.media;
  return {
    id: event.id,
    channel: context.channel,
    platform: 'twitter',
    kind: 'direct',
    threadId: conversation,
    author: authorOf(users?.[sender], sender, context),
    text: decode(create.message_data.text ?? ''),
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

function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
