/**
 * The Send API call, the same for Messenger and Instagram Direct
 * (https://developers.facebook.com/docs/messenger-platform/reference/send-api/):
 * `POST /{page-id}/messages` with a JSON body `{ recipient, messaging_type, tag?, message }`, answered
 * `{ recipient_id, message_id }`. `messaging_type` is RESPONSE inside the 24-hour window after the
 * person's last message, MESSAGE_TAG (with a `tag`) outside it.
 */
import * as z from 'zod/mini';
import type { AdapterHttpClient } from '../core/define-channel.js';

export const sentSchema = z.object({ recipient_id: z.nullish(z.string()), message_id: z.string() });
export type Sent = z.infer<typeof sentSchema>;

/** A person by their page-scoped id (PSID / IGSID), or a comment for a private reply. */
export type SendRecipient = { id: string } | { comment_id: string };

export type SendMessage = { text: string } | { attachment: { type: 'image' | 'video' | 'audio' | 'file'; payload: { url: string; is_reusable?: boolean } | { attachment_id: string } } };

export interface SendApiRequest {
  pageId: string;
  recipient: SendRecipient;
  message: SendMessage;
  /** @default 'RESPONSE' */
  messagingType?: 'RESPONSE' | 'UPDATE' | 'MESSAGE_TAG';
  /** With MESSAGE_TAG: e.g. 'HUMAN_AGENT'. */
  tag?: string;
  bucket: string | readonly string[];
}

export function sendApi(http: AdapterHttpClient, request: SendApiRequest): Promise<Sent> {
  return http.request({
    method: 'POST',
    path: `/${request.pageId}/messages`,
    json: {
      recipient: request.recipient,
      messaging_type: request.messagingType ?? 'RESPONSE',
      ...(request.tag ? { tag: request.tag } : {}),
      message: request.message,
    },
    bucket: request.bucket,
    schema: sentSchema,
  });
}
