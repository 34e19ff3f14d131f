/**
 * A `messaging` webhook event into a Message (https://developers.facebook.com/docs/messenger-platform/webhooks,
 * shapes as recorded in restfb/restfb src/test/resources/json/webhooks/messaging-message-*.json). Only webhook
 * deliveries need it, so it is loaded with them (src/meta/meta-lazy-webhook.ts). The thread is the person's PSID,
 * as for messages read from the Conversations API (normalize-messenger.ts).
 */
import type { Attachment, Message } from '../core/channel.js';
import { toAuthor, type NormalizeContext } from './normalize-graph.js';

export interface MessagingEvent {
  sender: { id: string };
  recipient: { id: string };
  timestamp: number;
  message: {
    mid: string;
    text?: string | null | undefined;
    is_echo?: boolean | null | undefined;
    reply_to?: { mid: string } | null | undefined;
    attachments?: Array<{ type?: string | null | undefined; payload?: { url?: string | null | undefined } | null | undefined }> | null | undefined;
  };
}

const WEBHOOK_KINDS: Record<string, Attachment['kind']> = { image: 'image', video: 'video', audio: 'audio', file: 'file', fallback: 'link' };

export function normalizeMessagingEvent(event: MessagingEvent, context: NormalizeContext): Message {
  const fromPage = event.sender.id === context.pageId;
  const message: Message = {
    id: event.message.mid,
    channel: context.channel,
    platform: 'facebook',
    kind: 'direct',
    threadId: fromPage ? event.recipient.id : event.sender.id,
    author: toAuthor({ id: event.sender.id }, context),
    text: event.message.text ?? '',
    attachments: (event.message.attachments ?? []).map((attachment) => ({
      kind: WEBHOOK_KINDS[attachment.type ?? ''] ?? 'file',
      ...(attachment.payload?.url ? { url: attachment.payload.url } : {}),
    })),
    createdAt: new Date(event.timestamp),
    url: `https://www.facebook.com/latest/inbox/all?selected_item_id=${fromPage ? event.recipient.id : event.sender.id}`,
    raw: event,
  };
  if (event.message.reply_to?.mid) message.parentId = event.message.reply_to.mid;
  return message;
}
