/** Page posts and their comments (Graph objects) into Messages. */
import type { Attachment, Author, Message } from '../core/channel.js';
import type { Comment, Post, Profile } from './facebook-schemas.js';
import { parseGraphTime } from '../meta/meta-paging.js';

export interface NormalizeContext {
  channel: string;
  pageId: string;
}

export function normalizePost(post: Post, context: NormalizeContext): Message {
  return {
    id: post.id,
    channel: context.channel,
    platform: 'facebook',
    kind: 'post',
    threadId: post.id,
    author: toAuthor(post.from ?? { id: context.pageId }, context),
    text: post.message ?? '',
    attachments: [],
    createdAt: parseGraphTime(post.created_time),
    url: post.permalink_url ?? `https://www.facebook.com/${post.id}`,
    raw: post,
  };
}

/** A comment, or a reply to a comment, on the post `postId` (the thread). */
export function normalizeComment(comment: Comment, postId: string, context: NormalizeContext): Message {
  const attachment = comment.attachment;
  const attachments: Attachment[] = [];
  if (attachment) {
    const url = attachment.media?.image?.src ?? attachment.url;
    attachments.push({ kind: attachment.type?.includes('video') ? 'video' : attachment.type?.includes('photo') || attachment.type?.includes('sticker') ? 'image' : 'link', ...(url ? { url } : {}) });
  }
  return {
    id: comment.id,
    channel: context.channel,
    platform: 'facebook',
    kind: 'comment',
    threadId: postId,
    parentId: comment.parent?.id ?? postId,
    author: toAuthor(comment.from ?? { id: '' }, context),
    text: comment.message ?? '',
    attachments,
    createdAt: parseGraphTime(comment.created_time),
    url: comment.permalink_url ?? `https://www.facebook.com/${comment.id}`,
    raw: comment,
  };
}

export function toAuthor(profile: Profile, context: NormalizeContext): Author {
  const author: Author = { id: profile.id, isSelf: profile.id === context.pageId };
  if (profile.name) author.name = profile.name;
  return author;
}


/**
 * The listen() position of a message: its second (Graph times have whole seconds; webhooks give the
 * same second) and its id. Poll and webhook compute the same one, so a message seen by both is delivered once.
 */
export function positionOf(message: Message): string {
  return `${String(Math.floor(message.createdAt.getTime() / 1000)).padStart(11, '0')}:${message.id}`;
}

/** Positions in order: by second, then by the id's last numeric part (Graph ids grow over time), then lexically. */
export function compareGraphPositions(a: string, b: string): number {
  const [secondsA, idA = ''] = split(a);
  const [secondsB, idB = ''] = split(b);
  if (secondsA !== secondsB) return secondsA < secondsB ? -1 : 1;
  const tailA = idA.slice(idA.lastIndexOf('_') + 1);
  const tailB = idB.slice(idB.lastIndexOf('_') + 1);
  if (/^\d+$/.test(tailA) && /^\d+$/.test(tailB) && tailA.length !== tailB.length) return tailA.length - tailB.length;
  if (tailA !== tailB) return tailA < tailB ? -1 : 1;
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}

function split(position: string): [string, string] {
  const index = position.indexOf(':');
  return index < 0 ? [position, ''] : [position.slice(0, index), position.slice(index + 1)];
}
