/** A Flickr photo comment into a Message: `threadId` is the photo (Flickr comments have no threads). */
import type { Message } from '../core/channel.js';
import { htmlToText } from '../core/html-text.js';
import type { Comment } from './flickr-schemas.js';

export interface CommentContext {
  channel: string;
  /** The channel's account (NSID): its comments are `isSelf`. */
  userId: string;
  photoId: string;
  /** The photo's title, when known. */
  title?: string | null | undefined;
  /** The comment answered, when known. */
  parentId?: string;
}

export function normalizeComment(comment: Comment, context: CommentContext): Message {
  const message: Message = {
    id: comment.id,
    channel: context.channel,
    platform: 'flickr',
    kind: 'comment',
    threadId: context.photoId,
    author: { id: comment.author, isSelf: comment.author === context.userId },
    // Comments carry HTML-ish text (links, <b>, entities): read as a person reads it.
    text: htmlToText(comment._content),
    html: comment._content,
    attachments: [],
    createdAt: new Date(Number(comment.datecreate) * 1000),
    raw: comment,
  };
  if (comment.authorname) message.author.handle = comment.authorname;
  if (comment.realname) message.author.name = comment.realname;
  // Buddy icons: https://www.flickr.com/services/api/misc.buddyicons.html (iconserver 0: the default icon).
  if (comment.iconserver && Number(comment.iconserver) > 0 && comment.iconfarm) {
    message.author.avatarUrl = `https://farm${comment.iconfarm}.staticflickr.com/${comment.iconserver}/buddyicons/${comment.author}.jpg`;
  }
  if (comment.permalink) message.url = comment.permalink;
  if (context.title) message.subject = context.title;
  if (context.parentId) message.parentId = context.parentId;
  return message;
}
