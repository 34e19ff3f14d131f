/**
 * Page webhooks (https://developers.facebook.com/docs/graph-api/webhooks/getting-started), on the
 * Meta app's endpoint (handshake and `X-Hub-Signature-256` check: src/meta/meta-webhook.ts):
 * `feed` changes with `item: comment, verb: add` and `messaging` message events (facebook-messaging-events.ts) are fed into
 * listen() with the same position and source name the polls give, so a message seen by both is
 * delivered once. Payload shapes as recorded in restfb/restfb src/test/resources/json/webhooks/
 * (feed-comment-add-*.json, messaging-message-*.json): ids may be numbers or strings.
 */
import * as z from 'zod/mini';
import type { Message } from '../core/channel.js';
import type { PushedItem } from '../core/listen/push-queue.js';
import { SOURCES } from './facebook-listen.js';
import { graphPositionOf } from '../meta/meta-position.js';
import { toAuthor, type NormalizeContext } from './normalize-graph.js';
import { messagingItems } from './facebook-messaging-events.js';
import { createMetaWebhook, graphId as id, type WebhookEnvelope } from '../meta/meta-webhook.js';

const feedValueSchema = z.object({
  item: z.string(),
  verb: z.string(),
  comment_id: z.nullish(z.string()),
  post_id: z.nullish(z.string()),
  parent_id: z.nullish(z.string()),
  from: z.nullish(z.object({ id, name: z.nullish(z.string()) })),
  // Older deliveries (v2.5) name the author with sender_id / sender_name.
  sender_id: z.nullish(id),
  sender_name: z.nullish(z.string()),
  // Some deliveries (restfb feed-post-add-25.json) carry no created_time: the entry's time stands in.
  created_time: z.nullish(z.number()),
  message: z.nullish(z.string()),
  photo: z.nullish(z.string()),
  video: z.nullish(z.string()),
});

export interface FacebookWebhookOptions {
  appSecret: string;
  verifyToken: string;
  normalize: NormalizeContext;
  push(item: PushedItem): void;
}

export function createFacebookWebhook({ appSecret, verifyToken, normalize, push }: FacebookWebhookOptions) {
  return createMetaWebhook({
    appSecret,
    verifyToken,
    receive(envelope) {
      if (envelope.object === 'page') for (const item of toItems(envelope, normalize)) push(item);
    },
  });
}

function toItems(payload: WebhookEnvelope, normalize: NormalizeContext): PushedItem[] {
  const items: PushedItem[] = [];
  const add = (message: Message, source: string | undefined) => items.push({ message, position: graphPositionOf(message), ...(source ? { source } : {}) });
  for (const entry of payload.entry) {
    if (entry.id !== normalize.pageId) continue; // another Page of the same app
    for (const change of entry.changes ?? []) {
      if (change.field !== 'feed' && change.field !== 'mention') continue;
      const parsed = feedValueSchema.safeParse(change.value);
      if (!parsed.success || parsed.data.verb !== 'add') continue;
      const value = { ...parsed.data, created_time: parsed.data.created_time ?? entry.time ?? Math.floor(Date.now() / 1000) };
      // A mention on the Page's own feed comes as a `feed` change too: delivered from there, once.
      const onOwnFeed = value.post_id?.startsWith(`${normalize.pageId}_`) === true;
      if (change.field === 'mention') {
        if (onOwnFeed) continue;
        const message = value.item === 'comment' ? normalizeFeedComment(value, normalize) : value.item === 'post' ? normalizeFeedPost(value, normalize) : undefined;
        // Post mentions are polled too (`/{page-id}/tagged`); comment mentions only come here.
        if (message) add(message, value.item === 'post' ? SOURCES.mentions : undefined);
      } else if (value.item === 'comment') {
        const message = normalizeFeedComment(value, normalize);
        if (message) add(message, SOURCES.comments);
      } else if (value.item === 'post' || value.item === 'status') {
        // A visitor post; the Page's own posts are its sends.
        const message = normalizeFeedPost(value, normalize);
        if (message && !message.author.isSelf) add(message, SOURCES.comments);
      }
    }
    items.push(...messagingItems([...(entry.messaging ?? []), ...(entry.standby ?? [])], normalize));
  }
  return items;
}

type FeedValue = z.infer<typeof feedValueSchema> & { created_time: number };

/** A post by someone else: on the Page (a visitor post) or elsewhere (a mention); no author when Graph gives none. */
function normalizeFeedPost(value: FeedValue, normalize: NormalizeContext): Message | undefined {
  if (!value.post_id) return undefined;
  const from = value.from ?? (value.sender_id ? { id: value.sender_id, name: value.sender_name } : undefined);
  const attachmentUrl = value.photo ?? value.video;
  return {
    id: value.post_id,
    channel: normalize.channel,
    platform: 'facebook',
    kind: 'post',
    threadId: value.post_id,
    author: toAuthor(from ?? { id: '' }, normalize),
    text: value.message ?? '',
    attachments: attachmentUrl ? [{ kind: value.photo ? 'image' : 'video', url: attachmentUrl }] : [],
    createdAt: new Date(value.created_time * 1000),
    url: `https://www.facebook.com/${value.post_id}`,
    raw: value,
  };
}

function normalizeFeedComment(value: FeedValue, normalize: NormalizeContext): Message | undefined {
  if (!value.comment_id || !value.post_id) return undefined;
  const from = value.from ?? (value.sender_id ? { id: value.sender_id, name: value.sender_name } : undefined);
  const attachmentUrl = value.photo ?? value.video;
  return {
    id: value.comment_id,
    channel: normalize.channel,
    platform: 'facebook',
    kind: 'comment',
    threadId: value.post_id,
    parentId: value.parent_id ?? value.post_id,
    author: toAuthor(from ?? { id: '' }, normalize),
    text: value.message ?? '',
    attachments: attachmentUrl ? [{ kind: value.photo ? 'image' : 'video', url: attachmentUrl }] : [],
    createdAt: new Date(value.created_time * 1000),
    url: `https://www.facebook.com/${value.comment_id}`,
    raw: value,
  };
}
