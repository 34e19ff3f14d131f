/**
 * Page webhook payloads as Graph sends them
 * (https://developers.facebook.com/docs/graph-api/webhooks/getting-started; signed and delivered by
 * ../meta/meta-webhook-delivery.ts); bodies shaped as recorded in restfb/restfb
 * src/test/resources/json/webhooks/ (feed-comment-add-211.json: a `feed` change with `from`,
 * epoch-second `created_time`; messaging-message-*.json: `sender`, `recipient`, epoch-ms `timestamp`, `message.mid`).
 */
import type { CommentRecord, MessengerRecord, PostRecord } from './facebook-data.js';

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

/** One `messaging` event (or `standby`, when another app owns the thread) in a Page delivery. */
export function messagingEventPayload(pageId: string, event: Record<string, unknown>, field: 'messaging' | 'standby' = 'messaging'): unknown {
  return { object: 'page', entry: [{ id: pageId, time: Date.now(), [field]: [event] }] };
}

export type MessagingEventKind = 'deleted' | 'unsupported' | 'read' | 'delivery' | 'postback' | 'reaction';

/**
 * The events of a person's conversation that are not new messages, shaped as restfb/restfb records them:
 * messaging-message-isdeleted.json (`message: { is_deleted: true, mid }`), messaging-message-isunsupported.json
 * (`message: { is_unsupported: true, mid }`), messaging-read-basic.json (`read: { watermark, seq }`),
 * messaging-delivery-basic.json (`delivery: { mids, watermark, seq }`, no `timestamp`),
 * messaging-postback-*.json (`postback: { title, payload }`), messaging-reaction-*.json (`reaction: { mid, action, reaction }`).
 */
export function messagingEvent(kind: MessagingEventKind, psid: string, pageId: string, mid: string, at: number): Record<string, unknown> {
  const ends = { sender: { id: psid }, recipient: { id: pageId } };
  switch (kind) {
    case 'deleted':
      return { ...ends, timestamp: at, message: { is_deleted: true, mid } };
    case 'unsupported':
      return { ...ends, timestamp: at, message: { is_unsupported: true, mid } };
    case 'read':
      return { ...ends, timestamp: at, read: { watermark: at, seq: 38 } };
    case 'delivery':
      return { sender: { id: pageId }, recipient: { id: psid }, delivery: { mids: [mid], watermark: at, seq: 37 } };
    case 'postback':
      return { ...ends, timestamp: at, postback: { title: 'Get Started', payload: 'GET_STARTED' } };
    case 'reaction':
      return { ...ends, timestamp: at, reaction: { mid, action: 'react', reaction: 'love', emoji: '\u2764' } };
  }
}

/** A person's edit (restfb/restfb messaging-message-edits.json: `message_edit: { mid, text, num_edit }`). */
export function messageEditEvent(psid: string, pageId: string, mid: string, text: string, numEdit: number, at: number): Record<string, unknown> {
  return { sender: { id: psid }, recipient: { id: pageId }, timestamp: at, message_edit: { mid, text, num_edit: numEdit } };
}

/**
 * A post on the Page by someone else (a visitor post), as a `feed` change: restfb/restfb feed-post-add-25.json
 * (`item: post`, `from`, `sender_id`, no `created_time`) and feed-status-add-25.json (`item: status`,
 * `sender_id` / `sender_name`, epoch-second `created_time`, `published`).
 */
export function feedPostPayload(pageId: string, post: PostRecord, item: 'post' | 'status'): unknown {
  const seconds = Math.floor(post.createdMs / 1000);
  const value =
    item === 'post'
      ? { item, verb: 'add', post_id: post.id, is_hidden: false, sender_id: Number(post.from.id), from: { name: post.from.name, id: post.from.id }, message: post.message }
      : { item, verb: 'add', post_id: post.id, sender_id: Number(post.from.id), published: 1, created_time: seconds, message: post.message, sender_name: post.from.name };
  return { object: 'page', entry: [{ id: pageId, time: seconds, changes: [{ field: 'feed', value }] }] };
}

/**
 * A mention of the Page, as a `mention` change: restfb/restfb mention-post-add-real.json (`item: post`, `post_id`,
 * `message`, epoch-second `created_time`, no author) and mention-comment-add.json (`item: comment`, `comment_id`).
 */
export function mentionPayload(pageId: string, mention: { postId: string; commentId?: string; message: string; createdMs: number }): unknown {
  const seconds = Math.floor(mention.createdMs / 1000);
  const value = mention.commentId
    ? { message: mention.message, post_id: mention.postId, comment_id: mention.commentId, created_time: seconds, item: 'comment', verb: 'add' }
    : { message: mention.message, post_id: mention.postId, created_time: seconds, item: 'post', verb: 'add' };
  return { object: 'page', entry: [{ id: pageId, time: seconds, changes: [{ value, field: 'mention' }] }] };
}
