/**
 * Instagram webhook payloads as Meta sends them (https://developers.facebook.com/docs/instagram-platform/webhooks,
 * https://developers.facebook.com/docs/graph-api/webhooks/reference/instagram): `object: "instagram"`,
 * one entry per IG professional account (`id` = its IG user id, `time` in epoch seconds);
 * `comments` changes `{ from: { id, username }, media: { id, media_product_type }, id, parent_id?, text }`
 * (fields added 2021-10-20, https://developers.facebook.com/docs/graph-api/changelog/ooc-changes/oct-20-2021);
 * `live_comments` the same for a live video (https://developers.facebook.com/docs/instagram-platform/webhooks#live-comments);
 * `mentions` changes `{ media_id, comment_id? }` (the comment or caption that @mentions the account);
 * `messaging` events `{ sender: { id }, recipient: { id }, timestamp (ms), message: { mid, text } }`
 * (https://developers.facebook.com/docs/messenger-platform/instagram/features/webhook).
 * Signed like every Meta webhook: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`.
 */
import { hmac } from '../../core/hmac.js';
import type { CommentRecord, DirectRecord, MediaRecord } from './instagram-data.js';

/** A URL to POST to, or a fetch-style handler such as `channel.webhook`. */
export type WebhookTarget = string | ((request: Request) => Promise<Response>);

function envelope(accountId: string, seconds: number, body: Record<string, unknown>) {
  return { object: 'instagram', entry: [{ id: accountId, time: seconds, ...body }] };
}

export function commentsPayload(accountId: string, comment: CommentRecord, media: MediaRecord): unknown {
  const value: Record<string, unknown> = {
    from: { id: comment.from.id, username: comment.from.username },
    media: { id: media.id, media_product_type: media.productType },
    id: comment.id,
    text: comment.text,
  };
  if (comment.parentId) value.parent_id = comment.parentId;
  // Comments on a live broadcast come under their own field, `live_comments`, with the same value.
  const field = media.productType === 'LIVE' ? 'live_comments' : 'comments';
  return envelope(accountId, Math.floor(comment.createdMs / 1000), { changes: [{ field, value }] });
}

export function mentionsPayload(accountId: string, mediaId: string, commentId: string | undefined, atMs: number): unknown {
  return envelope(accountId, Math.floor(atMs / 1000), { changes: [{ field: 'mentions', value: { media_id: mediaId, ...(commentId ? { comment_id: commentId } : {}) } }] });
}

export function messagesPayload(accountId: string, message: DirectRecord): unknown {
  const echo = message.from.id === accountId;
  return envelope(accountId, Math.floor(message.createdMs / 1000), {
    messaging: [
      {
        sender: { id: message.from.id },
        recipient: { id: message.to.id },
        timestamp: message.createdMs,
        message: { mid: message.id, text: message.text, ...(echo ? { is_echo: true } : {}) },
      },
    ],
  });
}

export async function signAndDeliver(target: WebhookTarget, payload: unknown, appSecret: string, signature?: string | null): Promise<Response> {
  const body = JSON.stringify(payload);
  const headers = new Headers({ 'content-type': 'application/json' });
  const value = signature === undefined ? `sha256=${await hmac('SHA-256', appSecret, body, 'hex')}` : signature;
  if (value !== null) headers.set('x-hub-signature-256', value);
  if (typeof target === 'string') return fetch(target, { method: 'POST', headers, body });
  return target(new Request('https://webhook.example/instagram', { method: 'POST', headers, body }));
}
