/** A WordPress comment into a Message. */
import type { Message } from '../core/channel.js';
import { htmlToText } from '../core/html-text.js';
import type { WordpressComment } from './wordpress-schemas.js';

export interface CommentContext {
  channel: string;
  /** The WordPress user id of the channel's account: its comments are `isSelf`. */
  selfId: number;
  /** The title of the comment's post, as text. */
  postTitle: string | undefined;
  /** The top-level comment of the comment's thread (the comment itself when it is one). */
  rootId: number;
}

/** WordPress writes dates without a zone; `date_gmt` is UTC. */
export function gmtDate(value: string): Date {
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
}

export function normalizeComment(comment: WordpressComment, context: CommentContext): Message {
  const name = comment.author_name?.trim();
  const avatar = largestAvatar(comment.author_avatar_urls);
  const message: Message = {
    id: String(comment.id),
    channel: context.channel,
    platform: 'wordpress',
    kind: 'comment',
    threadId: String(context.rootId),
    author: {
      // A visitor (author 0) has no account: the name they typed stands for them.
      id: comment.author > 0 ? String(comment.author) : `guest:${name ?? ''}`,
      ...(name ? { name } : {}),
      ...(avatar ? { avatarUrl: avatar } : {}),
      isSelf: comment.author > 0 && comment.author === context.selfId,
    },
    text: htmlToText(comment.content.rendered),
    html: comment.content.rendered,
    attachments: [],
    createdAt: gmtDate(comment.date_gmt),
    raw: comment,
  };
  if (comment.link) message.url = comment.link;
  if (context.postTitle) message.subject = context.postTitle;
  if (comment.parent > 0) message.parentId = String(comment.parent);
  return message;
}

function largestAvatar(urls: Record<string, string> | null | undefined): string | undefined {
  if (!urls) return undefined;
  const sizes = Object.keys(urls).map(Number).filter(Number.isFinite).sort((a, b) => b - a);
  return sizes.length > 0 ? urls[String(sizes[0])] : undefined;
}
