/**
 * Messenger messages into Messages: from the Conversations API
 * (https://developers.facebook.com/docs/graph-api/reference/conversation/messages/) and from
 * `messaging` webhook events (https://developers.facebook.com/docs/messenger-platform/webhooks,
 * shapes as recorded in restfb/restfb src/test/resources/json/webhooks/messaging-message-*.json).
 * The thread of a Messenger message is the person's PSID: a Page has one conversation per person,
 * and webhooks name the person, not the conversation.
 */
import type { Attachment, Message } from '../core/channel.js';
import type { MessengerMessage } from './facebook-schemas.js';
import { toAuthor, type NormalizeContext } from './normalize-graph.js';
import { parseGraphTime } from '../meta/meta-paging.js';

export function normalizeMessengerMessage(message: MessengerMessage, context: NormalizeContext): Message {
  const from = message.from ?? { id: '' };
  const fromPage = from.id === context.pageId;
  const person = fromPage ? (message.to?.data.find((profile) => profile.id !== context.pageId)?.id ?? '') : from.id;
  return {
    id: message.id,
    channel: context.channel,
    platform: 'facebook',
    kind: 'direct',
    threadId: person,
    author: toAuthor(from, context),
    text: message.message ?? '',
    attachments: (message.attachments?.data ?? []).map((attachment) => {
      const url = attachment.image_data?.url ?? attachment.file_url;
      const kind: Attachment['kind'] = attachment.image_data || attachment.mime_type?.startsWith('image/') ? 'image' : attachment.mime_type?.startsWith('video/') ? 'video' : attachment.mime_type?.startsWith('audio/') ? 'audio' : 'file';
      return { kind, ...(url ? { url } : {}), ...(attachment.name ? { name: attachment.name } : {}), ...(attachment.mime_type ? { mimeType: attachment.mime_type } : {}), ...(attachment.size ? { size: attachment.size } : {}) };
    }),
    createdAt: parseGraphTime(message.created_time),
    url: `https://www.facebook.com/latest/inbox/all?selected_item_id=${person}`,
    raw: message,
  };
}

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
