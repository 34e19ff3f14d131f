/**
 * Minimal schemas of the answers this adapter reads, after the discovery document's CommentThread,
 * Comment, CommentSnippet, CommentListResponse, CommentThreadListResponse and VideoListResponse
 * (googleapis/google-api-go-client youtube/v3/youtube-api.json). Only the fields we read.
 */
import * as z from 'zod/mini';

export const commentSchema = z.object({
  id: z.string(),
  snippet: z.object({
    authorDisplayName: z.nullish(z.string()),
    authorProfileImageUrl: z.nullish(z.string()),
    authorChannelUrl: z.nullish(z.string()),
    authorChannelId: z.nullish(z.object({ value: z.nullish(z.string()) })),
    channelId: z.nullish(z.string()),
    videoId: z.nullish(z.string()),
    parentId: z.nullish(z.string()),
    textDisplay: z.nullish(z.string()),
    textOriginal: z.nullish(z.string()),
    moderationStatus: z.nullish(z.string()),
    publishedAt: z.string(),
    updatedAt: z.nullish(z.string()),
  }),
});
export type Comment = z.infer<typeof commentSchema>;

export const commentThreadSchema = z.object({
  id: z.string(),
  snippet: z.object({
    videoId: z.nullish(z.string()),
    channelId: z.nullish(z.string()),
    topLevelComment: commentSchema,
    totalReplyCount: z.nullish(z.number()),
  }),
  replies: z.nullish(z.object({ comments: z.nullish(z.array(commentSchema)) })),
});
export type CommentThread = z.infer<typeof commentThreadSchema>;

export const commentThreadListSchema = z.object({
  items: z.array(commentThreadSchema),
  nextPageToken: z.nullish(z.string()),
});

export const commentListSchema = z.object({
  items: z.array(commentSchema),
  nextPageToken: z.nullish(z.string()),
});

export const videoListSchema = z.object({
  items: z.array(z.object({ id: z.string(), snippet: z.nullish(z.object({ title: z.nullish(z.string()) })) })),
});

/** Google's error body: https://developers.google.com/youtube/v3/docs/errors */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.nullish(z.number()),
    message: z.nullish(z.string()),
    errors: z.nullish(z.array(z.object({ domain: z.nullish(z.string()), reason: z.nullish(z.string()), message: z.nullish(z.string()) }))),
  }),
});
