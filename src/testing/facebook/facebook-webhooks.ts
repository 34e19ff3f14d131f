/**
 * Page webhook payloads and their delivery, as Graph sends them
 * (https://developers.facebook.com/docs/graph-api/webhooks/getting-started): `X-Hub-Signature-256:
 * sha256=<hex HMAC-SHA256(app secret, raw body)>`; bodies shaped as recorded in restfb/restfb
 * src/test/resources/json/webhooks/ (feed-comment-add-211.json: a `feed` change with `from`,
 * epoch-second `created_time`; messaging-message-*.json: `sender`, `recipient`, epoch-ms `timestamp`, `message.mid`).
 */
import { hmac } from '../../core/hmac.js';
import type { CommentRecord, MessengerRecord } from './facebook-data.js';

/** A URL to POST to, or a fetch-style handler such as `channel.webhook`. */
export type WebhookTarget = string | ((request: Request) => Promise<Response>);

export function feedCommentPayload(pageId: string, comment: CommentRecord): unknown {
  const seconds = Math.floor(comment.createdMs / 1000);
  return {
    object: 'page',
    entry: [
      {
        id: pageId,
        time: seconds,
        changes: [
          {
            field: 'feed',
            value: {
              from: { id: comment.from.id, name: comment.from.name },
              item: 'comment',
              verb: 'add',
              comment_id: comment.id,
              post_id: comment.postId,
              parent_id: comment.objectId,
              created_time: seconds,
              message: comment.message,
              ...(comment.attachmentUrl ? { photo: comment.attachmentUrl } : {}),
            },
          },
        ],
      },
    ],
  };
}

export function messagingPayload(pageId: string, message: MessengerRecord): unknown {
  return {
    object: 'page',
    entry: [
      {
        id: pageId,
        time: message.createdMs,
        messaging: [
          {
            sender: { id: message.from.id },
            recipient: { id: message.to.id },
            timestamp: message.createdMs,
            message: { mid: message.id, text: message.text, ...(message.from.id === pageId ? { is_echo: true } : {}) },
          },
        ],
      },
    ],
  };
}

export async function signWebhook(target: WebhookTarget, payload: unknown, appSecret: string, signature?: string | null): Promise<Response> {
  const body = JSON.stringify(payload);
  const headers = new Headers({ 'content-type': 'application/json' });
  const value = signature === undefined ? `sha256=${await hmac('SHA-256', appSecret, body, 'hex')}` : signature;
  if (value !== null) headers.set('x-hub-signature-256', value);
  if (typeof target === 'string') return fetch(target, { method: 'POST', headers, body });
  return target(new Request('https://webhook.example/facebook', { method: 'POST', headers, body }));
}
