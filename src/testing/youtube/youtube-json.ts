/** The emulator's resources in the shapes of the discovery document's Comment, CommentSnippet, CommentThread and CommentThreadSnippet (youtube-facts.ts). */
export interface StoredComment {
  id: string;
  text: string;
  author: { name: string; channelId: string };
  videoId: string;
  channelId: string;
  parentId?: string;
  publishedAt: string;
  /** Where the channel's moderation put it: held comments are listed only with moderationStatus=heldForReview. */
  moderationStatus: 'published' | 'heldForReview' | 'likelySpam' | 'rejected';
}

export interface StoredThread {
  id: string;
  videoId: string;
  top: StoredComment;
  replies: StoredComment[];
}

export function commentJson(comment: StoredComment, textFormat: string) {
  return {
    kind: 'youtube#comment',
    etag: comment.id.slice(-12),
    id: comment.id,
    snippet: {
      channelId: comment.channelId,
      videoId: comment.videoId,
      textDisplay: textFormat === 'plainText' ? comment.text : escapeHtml(comment.text),
      textOriginal: comment.text,
      ...(comment.parentId ? { parentId: comment.parentId } : {}),
      authorDisplayName: `@${comment.author.name.replace(/\s+/g, '')}`,
      authorProfileImageUrl: `https://yt3.ggpht.com/${comment.author.channelId}=s48`,
      authorChannelUrl: `http://www.youtube.com/channel/${comment.author.channelId}`,
      authorChannelId: { value: comment.author.channelId },
      canRate: true,
      viewerRating: 'none',
      likeCount: 0,
      // Returned to the owner of the channel, whose token the emulator's requests carry.
      moderationStatus: comment.moderationStatus,
      publishedAt: comment.publishedAt,
      updatedAt: comment.publishedAt,
    },
  };
}

export function threadJson(thread: StoredThread, options: { inlineReplies: number; textFormat: string; withReplies: boolean }) {
  const inlined = thread.replies.slice(0, options.inlineReplies);
  return {
    kind: 'youtube#commentThread',
    etag: thread.id.slice(-12),
    id: thread.id,
    snippet: {
      channelId: thread.top.channelId,
      videoId: thread.videoId,
      topLevelComment: commentJson(thread.top, options.textFormat),
      canReply: true,
      totalReplyCount: thread.replies.length,
      isPublic: true,
    },
    ...(options.withReplies && inlined.length > 0 ? { replies: { comments: inlined.map((comment) => commentJson(comment, options.textFormat)) } } : {}),
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/\n/g, '<br>');
}
