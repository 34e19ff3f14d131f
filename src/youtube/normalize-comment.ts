/** A YouTube comment (top-level or reply) into a Message. */
import type { Message } from '../core/channel.js';
import type { Comment } from './youtube-schemas.js';

export interface CommentContext {
  channel: string;
  /** The channel's own YouTube channel id: its comments are `isSelf`. */
  channelId: string;
  /** The comment thread's id (a top-level comment's thread has the same id as the comment). */
  threadId: string;
  /** The video's title, when known. */
  subject?: string | undefined;
}

export function normalizeComment(comment: Comment, context: CommentContext): Message {
  const snippet = comment.snippet;
  const authorId = snippet.authorChannelId?.value ?? undefined;
  // YouTube shows handles as "@name"; like the other adapters, the handle goes without the @.
  const name = snippet.authorDisplayName ?? authorId ?? 'unknown';
  const handle = name.replace(/^@/, '');
  const message: Message = {
    id: comment.id,
    channel: context.channel,
    platform: 'youtube',
    kind: 'comment',
    threadId: context.threadId,
    author: { id: authorId ?? handle, handle, name, isSelf: authorId === context.channelId },
    // textOriginal is what the person wrote; YouTube gives it to the video's owner. textDisplay is the fallback.
    text: snippet.textOriginal ?? snippet.textDisplay ?? '',
    attachments: [],
    createdAt: new Date(snippet.publishedAt),
    raw: comment,
  };
  if (snippet.parentId) message.parentId = snippet.parentId;
  if (snippet.authorProfileImageUrl) message.author.avatarUrl = snippet.authorProfileImageUrl;
  if (context.subject) message.subject = context.subject;
  if (snippet.videoId) message.url = `https://www.youtube.com/watch?v=${encodeURIComponent(snippet.videoId)}&lc=${encodeURIComponent(comment.id)}`;
  return message;
}
