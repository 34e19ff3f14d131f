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
