/** Minimal schemas of the Instagram Graph answers this adapter reads (only the fields it uses; Graph may send null). */
import * as z from 'zod/mini';
import { flag } from '../core/options.js';
import { pagingSchema } from '../meta/meta-paging.js';

const user = z.object({ id: z.string(), username: z.nullish(z.string()) });

export const commentSchema = z.object({
  id: z.string(),
  text: z.nullish(z.string()),
  timestamp: z.string(),
  from: z.nullish(user),
  username: z.nullish(z.string()),
  user: z.nullish(z.object({ id: z.string() })),
  parent_id: z.nullish(z.string()),
  hidden: z.nullish(flag()),
  media: z.nullish(z.object({ id: z.string(), media_product_type: z.nullish(z.string()) })),
});
export type Comment = z.infer<typeof commentSchema>;

export const replyListSchema = z.object({ data: z.array(commentSchema), paging: pagingSchema });
export type ReplyList = z.infer<typeof replyListSchema>;

export const topLevelCommentSchema = z.object({ ...commentSchema.shape, replies: z.nullish(replyListSchema) });
export type TopLevelComment = z.infer<typeof topLevelCommentSchema>;

export const commentListSchema = z.object({ data: z.array(topLevelCommentSchema), paging: pagingSchema });
export type CommentList = z.infer<typeof commentListSchema>;

export const mediaSchema = z.object({
  id: z.string(),
  caption: z.nullish(z.string()),
  timestamp: z.string(),
  username: z.nullish(z.string()),
  media_type: z.nullish(z.string()),
  media_product_type: z.nullish(z.string()),
  permalink: z.nullish(z.string()),
  comments: z.nullish(commentListSchema),
});
export type Media = z.infer<typeof mediaSchema>;

export const mediaListSchema = z.object({ data: z.array(mediaSchema), paging: pagingSchema });
export type MediaList = z.infer<typeof mediaListSchema>;

export const mentionedCommentSchema = z.object({
  id: z.string(),
  mentioned_comment: z.object({ id: z.string(), text: z.nullish(z.string()), timestamp: z.string(), media: z.nullish(z.object({ id: z.string() })) }),
});
export type MentionedComment = z.infer<typeof mentionedCommentSchema>;

export const mentionedMediaSchema = z.object({ id: z.string(), mentioned_media: mediaSchema });

export const directMessageSchema = z.object({
  id: z.string(),
  created_time: z.string(),
  from: z.nullish(user),
  to: z.nullish(z.object({ data: z.array(user) })),
  message: z.nullish(z.string()),
});
export type DirectMessage = z.infer<typeof directMessageSchema>;

export const directMessageListSchema = z.object({ data: z.array(directMessageSchema), paging: pagingSchema });
export type DirectMessageList = z.infer<typeof directMessageListSchema>;

export const conversationListSchema = z.object({
  data: z.array(z.object({ id: z.string(), updated_time: z.nullish(z.string()), messages: z.nullish(directMessageListSchema) })),
  paging: pagingSchema,
});
export type ConversationList = z.infer<typeof conversationListSchema>;

/** `POST /{ig-comment-id}/replies`, `POST /{ig-media-id}/comments`, `POST /{ig-user-id}/mentions`. */
export const createdSchema = z.object({ id: z.string() });
