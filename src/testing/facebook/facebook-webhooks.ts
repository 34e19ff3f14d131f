/**
 * Page webhook payloads as Graph sends them
 * (https://developers.facebook.com/docs/graph-api/webhooks/getting-started; signed and delivered by
 * ../meta/meta-webhook-delivery.ts); bodies shaped as recorded in restfb/restfb
 * src/test/resources/json/webhooks/ (feed-comment-add-211.json: a `feed` change with `from`,
 * epoch-second `created_time`; messaging-message-*.json: `sender`, `recipient`, epoch-ms `timestamp`, `message.mid`).
 */
import type { CommentRecord, MessengerRecord } from './facebook-data.js';

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
