/**
 * Instagram Graph objects into Messages. A comment's thread is its top-level comment (Instagram threads
 * one level deep: `parent_id` names the top-level comment) and its parent the comment or media it
 * answers; a Direct message's thread is the person's IGSID (one conversation per person); media that
 * tags or @mentions the account is a `post` of someone else, its own thread.
 */
import type { Message } from '../core/channel.js';
import { parseGraphTime } from '../meta/meta-paging.js';
import type { Comment, DirectMessage, Media, MentionedComment } from './instagram-schemas.js';

export interface NormalizeContext {
  channel: string;
  /** The IG user id of the account: its own comments and messages are `isSelf`. */
  accountId: string;
}

export function normalizeComment(comment: Comment, context: NormalizeContext, media?: Pick<Media, 'id' | 'permalink'>): Message {
  const own = comment.user?.id === context.accountId || comment.from?.id === context.accountId;
  const authorId = own ? context.accountId : (comment.from?.id ?? '');
  const handle = comment.from?.username ?? comment.username ?? undefined;
  const mediaId = comment.media?.id ?? media?.id;
  const message: Message = {
    id: comment.id,
    channel: context.channel,
    platform: 'instagram',
    kind: 'comment',
    threadId: comment.parent_id ?? comment.id,
    author: { id: authorId, isSelf: own, ...(handle ? { handle } : {}) },
    text: comment.text ?? '',
    attachments: [],
    createdAt: parseGraphTime(comment.timestamp),
    raw: comment,
  };
  const parentId = comment.parent_id ?? mediaId;
  if (parentId) message.parentId = parentId;
  if (media?.permalink) message.url = media.permalink;
  return message;
}

/** A comment on someone else's media that @mentions the account (`mentioned_comment`): Graph does not say who wrote it. */
export function normalizeMentionedComment(answer: MentionedComment, context: NormalizeContext): Message {
  const comment = answer.mentioned_comment;
  return {
    id: comment.id,
    channel: context.channel,
    platform: 'instagram',
    kind: 'comment',
    threadId: comment.id,
    ...(comment.media?.id ? { parentId: comment.media.id } : {}),
    author: { id: '', isSelf: false },
    text: comment.text ?? '',
    attachments: [],
    createdAt: parseGraphTime(comment.timestamp),
    raw: answer,
  };
}

/** Media of another account that tags the account or @mentions it in its caption. Graph gives its username, not an id. */
export function normalizeMentionMedia(media: Media, context: NormalizeContext): Message {
  const username = media.username ?? '';
  const message: Message = {
    id: media.id,
    channel: context.channel,
    platform: 'instagram',
    kind: 'post',
    threadId: media.id,
    author: { id: username, isSelf: false, ...(username ? { handle: username } : {}) },
    text: media.caption ?? '',
    attachments: [],
    createdAt: parseGraphTime(media.timestamp),
    raw: media,
  };
  if (media.permalink) message.url = media.permalink;
  return message;
}

export function normalizeDirectMessage(message: DirectMessage, context: NormalizeContext): Message {
  const from = message.from ?? { id: '' };
  const own = from.id === context.accountId;
  const person = own ? (message.to?.data.find((user) => user.id !== context.accountId)?.id ?? '') : from.id;
  return {
    id: message.id,
    channel: context.channel,
    platform: 'instagram',
    kind: 'direct',
    threadId: person,
    author: { id: from.id, isSelf: own, ...(from.username ? { handle: from.username } : {}) },
    text: message.message ?? '',
    attachments: [],
    createdAt: parseGraphTime(message.created_time),
    url: 'https://www.instagram.com/direct/inbox/',
    raw: message,
  };
}

/** Whether a message came from `mentioned_comment` (answered with POST /{ig-user-id}/mentions). */
export function isMentionedComment(message: Message): boolean {
  return typeof message.raw === 'object' && message.raw !== null && 'mentioned_comment' in message.raw;
}
