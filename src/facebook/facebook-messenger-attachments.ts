/**
 * A Messenger message's attachments, each sent as a Send API message of its own after the text (the Send API
 * takes text or one attachment): by URL as it is, its type told by its extension; by data through the
 * Attachment Upload API first (src/meta/meta-attachment-upload.ts). Loaded when a message first has attachments.
 */
import type { Attachment, DraftAttachment } from '../core/channel.js';
import type { AdapterHttpClient } from '../core/define-channel.js';
import { attachmentTypeOfMime, attachmentTypeOfUrl, type SendAttachmentType } from '../meta/meta-attachments.js';
import { uploadAttachment } from '../meta/meta-attachment-upload.js';
import { sendApi, type SendApiRequest } from '../meta/meta-send.js';

type AttachmentMessage = { attachment: { type: SendAttachmentType; payload: { url: string; is_reusable: boolean } | { attachment_id: string } } };

export async function sendAttachments(
  http: AdapterHttpClient,
  request: { pageId: string; psid: string; attachments: readonly DraftAttachment[] } & Pick<SendApiRequest, 'bucket' | 'messagingType' | 'tag'>,
): Promise<Attachment[]> {
  const { pageId, psid, attachments, ...rest } = request;
  const sent: Attachment[] = [];
  for (const attachment of attachments) {
    const message = await attachmentMessage(http, attachment, rest.bucket);
    await sendApi(http, { pageId, recipient: { id: psid }, message, ...rest });
    sent.push(toAttachment(attachment, message.attachment.type));
  }
  return sent;
}

async function attachmentMessage(http: AdapterHttpClient, attachment: DraftAttachment, bucket: SendApiRequest['bucket']): Promise<AttachmentMessage> {
  if ('url' in attachment) return { attachment: { type: attachmentTypeOfUrl(attachment.url), payload: { url: attachment.url, is_reusable: true } } };
  const type = attachmentTypeOfMime(attachment.mimeType);
  const uploaded = await uploadAttachment(http, { type, file: attachment, bucket });
  return { attachment: { type, payload: { attachment_id: uploaded.attachment_id } } };
}

function toAttachment(attachment: DraftAttachment, type: SendAttachmentType): Attachment {
  if ('url' in attachment) return { kind: type, url: attachment.url };
  return { kind: type, name: attachment.name, mimeType: attachment.mimeType, size: attachment.data.byteLength };
}
