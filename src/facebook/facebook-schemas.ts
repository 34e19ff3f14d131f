/**
 * Minimal zod schemas of the Graph answers this adapter reads: only the fields it asks for, `z.nullish(z)`
 * where Graph omits or nulls them. Graph has no OpenAPI document; shapes per the reference pages:
 * Post https://developers.facebook.com/docs/graph-api/reference/post/,
 * Comment https://developers.facebook.com/docs/graph-api/reference/comment/,
 * Conversation and Message https://developers.facebook.com/docs/graph-api/reference/conversation/,
 * paging https://developers.facebook.com/docs/graph-api/results (cursor-based pagination),
 * Send API https://developers.facebook.com/docs/messenger-platform/reference/send-api/.
 */
import * as z from 'zod/mini';
import { pagingSchema } from '../meta/meta-paging.js';

const paging = pagingSchema;

const profile = z.object({ id: z.string(), name: z.nullish(z.string()), email: z.nullish(z.string()) });
export type Profile = z.infer<typeof profile>;

const commentAttachment = z.nullish(
  z.object({
    type: z.nullish(z.string()),
    url: z.nullish(z.string()),
    media: z.nullish(z.object({ image: z.nullish(z.object({ src: z.nullish(z.string()) })) })),
  }));

export const commentSchema = z.object({
  id: z.string(),
  message: z.nullish(z.string()),
  from: z.nullish(profile),
  created_time: z.string(),
  parent: z.nullish(z.object({ id: z.string() })),
  attachment: commentAttachment,
  permalink_url: z.nullish(z.string()),
});
export type Comment = z.infer<typeof commentSchema>;

export const commentListSchema = z.object({ data: z.array(commentSchema), paging });
export type CommentList = z.infer<typeof commentListSchema>;

export const postSchema = z.object({
  id: z.string(),
  message: z.nullish(z.string()),
  from: z.nullish(profile),
  created_time: z.string(),
  updated_time: z.nullish(z.string()),
  permalink_url: z.nullish(z.string()),
  comments: z.nullish(commentListSchema),
});
export type Post = z.infer<typeof postSchema>;

export const feedSchema = z.object({ data: z.array(postSchema), paging });
export type Feed = z.infer<typeof feedSchema>;

const messageAttachment = z.object({
  mime_type: z.nullish(z.string()),
  name: z.nullish(z.string()),
  size: z.nullish(z.number()),
  image_data: z.nullish(z.object({ url: z.nullish(z.string()) })),
  file_url: z.nullish(z.string()),
});

export const messengerMessageSchema = z.object({
  id: z.string(),
  message: z.nullish(z.string()),
  from: z.nullish(profile),
  to: z.nullish(z.object({ data: z.array(profile) })),
  created_time: z.string(),
  attachments: z.nullish(z.object({ data: z.array(messageAttachment) })),
});
export type MessengerMessage = z.infer<typeof messengerMessageSchema>;

export const messengerMessageListSchema = z.object({ data: z.array(messengerMessageSchema), paging });
export type MessengerMessageList = z.infer<typeof messengerMessageListSchema>;

export const conversationSchema = z.object({
  id: z.string(),
  updated_time: z.nullish(z.string()),
  messages: z.nullish(messengerMessageListSchema),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const conversationListSchema = z.object({ data: z.array(conversationSchema), paging });
export type ConversationList = z.infer<typeof conversationListSchema>;

/** `POST /{page-id}/feed` and `POST /{object-id}/comments`. */
export const createdSchema = z.object({ id: z.string() });

/** `POST /{page-id}/photos`: the photo's id and the post that shows it. */
export const photoSchema = z.object({ id: z.string(), post_id: z.nullish(z.string()) });
