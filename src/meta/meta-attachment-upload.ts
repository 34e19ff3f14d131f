/**
 * Uploading a file for the Send API to name (Messenger's attachments by data); a file of its own so that
 * it is loaded with the attachment code, not with every channel.
 */
import * as z from 'zod/mini';
import type { AdapterHttpClient } from '../core/define-channel.js';

export const uploadedSchema = z.object({ attachment_id: z.string() });

/**
 * The Attachment Upload API (https://developers.facebook.com/docs/messenger-platform/reference/attachment-upload-api/):
 * `POST /me/message_attachments` (the Page, by its token), multipart: `message` =
 * `{"attachment":{"type":...,"payload":{"is_reusable":true}}}` and the file as `filedata`; answered `{ attachment_id }`,
 * which a Send API message then names in `payload.attachment_id`.
 */
export function uploadAttachment(
  http: AdapterHttpClient,
  request: { type: 'image' | 'video' | 'audio' | 'file'; file: { data: Uint8Array; name: string; mimeType: string }; bucket: string | readonly string[] },
): Promise<z.infer<typeof uploadedSchema>> {
  return http.request({
    method: 'POST',
    path: '/me/message_attachments',
    multipart: { message: JSON.stringify({ attachment: { type: request.type, payload: { is_reusable: true } } }), filedata: request.file },
    bucket: request.bucket,
    schema: uploadedSchema,
  });
}
