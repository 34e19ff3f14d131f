/**
 * Messenger messages into Messages, from the Conversations API
 * (https://developers.facebook.com/docs/graph-api/reference/conversation/messages/); webhook events are
 * normalize-messaging-event.ts's. The thread of a Messenger message is the person's PSID: a Page has one
 * conversation per person, and webhooks name the person, not the conversation.
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
