/**
 * Which `messaging` (and `standby`) webhook events are messages to deliver
 * (https://developers.facebook.com/docs/messenger-platform/webhooks; shapes as recorded in restfb/restfb
 * src/test/resources/json/webhooks/messaging-*.json):
 * - `message` with text or attachments: a new message (echoes, the Page's own sends, are left to the listen engine);
 * - `message.is_deleted` (the person unsent it) and `message.is_unsupported` (a kind Messenger cannot show the
 *   Page): nothing to deliver, never an empty new message;
 * - `message_edit { mid, text, num_edit }`: the same message again, with the new text and `editedAt`;
 * - `read`, `delivery`, `postback`, `reaction` and the rest: not messages.
 * `standby` events (another app owns the thread, handover protocol) are read the same way: a person's
 * message is theirs whoever answers it, and polling finds it too.
 */
import * as z from 'zod/mini';
import { flag } from '../core/options.js';
import type { PushedItem } from '../core/listen/push-queue.js';
import { graphId as id } from '../meta/meta-webhook.js';
import { SOURCES } from './facebook-listen.js';
import { graphPositionOf } from '../meta/meta-position.js';
import { toAuthor, type NormalizeContext } from './normalize-graph.js';
import { normalizeMessagingEvent } from './normalize-messaging-event.js';

const attachments = z.nullish(z.array(z.object({ type: z.nullish(z.string()), payload: z.nullish(z.object({ url: z.nullish(z.string()) })) })));

const messagingSchema = z.object({
  sender: z.object({ id }),
  recipient: z.object({ id }),
  timestamp: z.number(),
  message: z.nullish(
    z.object({
      mid: z.string(),
      text: z.nullish(z.string()),
      is_echo: z.nullish(flag()),
      is_deleted: z.nullish(flag()),
      is_unsupported: z.nullish(flag()),
      reply_to: z.nullish(z.object({ mid: z.string() })),
      attachments,
    })),
  message_edit: z.nullish(z.object({ mid: z.string(), text: z.nullish(z.string()), num_edit: z.nullish(id) })),
});

export function messagingItems(events: readonly unknown[], normalize: NormalizeContext): PushedItem[] {
  const items: PushedItem[] = [];
  for (const event of events) {
    const parsed = messagingSchema.safeParse(event);
    if (!parsed.success) continue; // reads, deliveries (no timestamp), postbacks by user_ref, ...
    const { message, message_edit: edit } = parsed.data;
    if (message) {
      // Echoes are the Page's own sends.
      if (message.is_echo || message.is_deleted || message.is_unsupported) continue;
      if (!message.text && !message.attachments?.length) continue;
      const normalized = normalizeMessagingEvent({ ...parsed.data, message }, normalize);
      items.push({ message: normalized, position: graphPositionOf(normalized), source: SOURCES.messenger });
    } else if (edit) {
      items.push(editItem(parsed.data, edit, normalize));
    }
  }
  return items;
}

/**
 * An edit: the message again, same id, new text, `editedAt` the edit's time. Its position is the edit's second
 * and the edit's number, so each edit is delivered once and never taken for the first delivery.
 */
function editItem(
  event: { sender: { id: string }; recipient: { id: string }; timestamp: number },
  edit: { mid: string; text?: string | null | undefined; num_edit?: string | null | undefined },
  normalize: NormalizeContext,
): PushedItem {
  const editedAt = new Date(event.timestamp);
  // Older mids carry their creation time: "mid.1457764197618:41d102a3e1ae206a38".
  const created = /^mid\.(\d{13}):/.exec(edit.mid)?.[1];
  const fromPage = event.sender.id === normalize.pageId;
  const person = fromPage ? event.recipient.id : event.sender.id;
  const message = {
    id: edit.mid,
    channel: normalize.channel,
    platform: 'facebook',
    kind: 'direct' as const,
    threadId: person,
    author: toAuthor({ id: event.sender.id }, normalize),
    text: edit.text ?? '',
    attachments: [],
    createdAt: created ? new Date(Number(created)) : editedAt,
    editedAt,
    url: `https://www.facebook.com/latest/inbox/all?selected_item_id=${person}`,
    raw: event,
  };
  const second = String(Math.floor(event.timestamp / 1000)).padStart(11, '0');
  return { message, position: `${second}:${edit.mid}~edit${edit.num_edit ?? event.timestamp}`, source: SOURCES.messenger };
}
