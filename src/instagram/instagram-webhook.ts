/**
 * Instagram webhooks (https://developers.facebook.com/docs/instagram-platform/webhooks): the Meta app's
 * endpoint, handshake and `X-Hub-Signature-256` check shared with Facebook (src/meta/meta-webhook.ts);
 * deliveries with `object: "instagram"` for this account (`entry.id` = its IG user id) are fed into listen():
 * - `comments` (and `live_comments`, on a live video) `{ id, text, from, media, parent_id }`: the comment is read once (GET /{ig-comment-id}) for
 *   its own timestamp, so its position is the one polling gives (a delivery's `time` is when Meta sent it);
 * - `mentions` `{ media_id, comment_id? }`: read through `mentioned_comment` / `mentioned_media`;
 * - `messaging` `{ sender, recipient, timestamp, message: { mid, text, is_echo } }`: echoes are the account's own.
 * Meta retries a delivery not answered 200 quickly: the reads run after the answer.
 */
import * as z from 'zod/mini';
import { flag } from '../core/options.js';
import type { Message } from '../core/channel.js';
import type { AdapterContext } from '../core/adapter-context.js';
import { NotFoundError } from '../core/errors.js';
import type { PushedItem } from '../core/listen/push-queue.js';
import { toError } from '../core/to-error.js';
import { graphPositionOf } from '../meta/meta-position.js';
import { createMetaWebhook, graphId, type WebhookEnvelope } from '../meta/meta-webhook.js';
import type { InstagramApi } from './instagram-api.js';
import { SOURCES } from './instagram-listen.js';
import { normalizeComment, normalizeMentionedComment, normalizeMentionMedia } from './normalize-instagram.js';

const commentValueSchema = z.object({ id: graphId });
const mentionValueSchema = z.object({ media_id: graphId, comment_id: z.nullish(graphId) });
const messagingSchema = z.object({
  sender: z.object({ id: graphId }),
  recipient: z.object({ id: graphId }),
  timestamp: z.number(),
  message: z.nullish(z.object({ mid: z.string(), text: z.nullish(z.string()), is_echo: z.nullish(flag()), is_deleted: z.nullish(flag()), is_unsupported: z.nullish(flag()) })),
});

export interface InstagramWebhookOptions {
  appSecret: string;
  verifyToken: string;
  api: InstagramApi;
  context: AdapterContext;
  push(item: PushedItem): void;
}

export type InstagramWebhook = ReturnType<typeof createInstagramWebhook>;

export function createInstagramWebhook({ appSecret, verifyToken, api, context, push }: InstagramWebhookOptions) {
  const pending = new Set<Promise<void>>();
  const add = (message: Message, source: string) => push({ message, position: graphPositionOf(message), source });
  const later = (read: () => Promise<void>) => {
    const task = read()
      .catch((error: unknown) => {
        if (!(error instanceof NotFoundError)) context.emit('error', toError(error)); // a deleted comment is no news
      })
      .finally(() => pending.delete(task));
    pending.add(task);
  };

  function receive(envelope: WebhookEnvelope): void {
    if (envelope.object !== 'instagram') return;
    for (const entry of envelope.entry) {
      if (entry.id !== api.accountId) continue; // another account of the same app
      for (const change of entry.changes ?? []) {
        if (change.field === 'comments' || change.field === 'live_comments') {
          const value = commentValueSchema.safeParse(change.value);
          if (value.success) later(async () => add(normalizeComment(await api.comment(value.data.id), api.normalize), SOURCES.comments));
        } else if (change.field === 'mentions') {
          const value = mentionValueSchema.safeParse(change.value);
          if (!value.success) continue;
          const { media_id: mediaId, comment_id: commentId } = value.data;
          later(async () => {
            if (commentId) add(normalizeMentionedComment(await api.mentionedComment(commentId), api.normalize), SOURCES.mentions);
            else add(normalizeMentionMedia((await api.mentionedMedia(mediaId)).mentioned_media, api.normalize), SOURCES.mentions);
          });
        }
      }
      for (const event of entry.messaging ?? []) {
        const parsed = messagingSchema.safeParse(event);
        const message = parsed.success ? parsed.data.message : undefined;
        // Echoes are the account's own sends; deletions and unsupported messages are no new message; reads and reactions carry none.
        if (!parsed.success || !message || message.is_echo || message.is_deleted || message.is_unsupported) continue;
        add(
          {
            id: message.mid,
            channel: api.normalize.channel,
            platform: 'instagram',
            kind: 'direct',
            threadId: parsed.data.sender.id,
            author: { id: parsed.data.sender.id, isSelf: false },
            text: message.text ?? '',
            attachments: [],
            createdAt: new Date(parsed.data.timestamp),
            url: 'https://www.instagram.com/direct/inbox/',
            raw: event,
          },
          SOURCES.direct,
        );
      }
    }
  }

  return {
    handle: createMetaWebhook({ appSecret, verifyToken, receive }),
    /** The reads still running for deliveries already answered. */
    settled: () => Promise.all([...pending]).then(() => undefined),
  };
}
