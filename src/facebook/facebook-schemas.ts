/**
 * Minimal zod schemas of the Graph answers this adapter reads: only the fields it asks for, `.nullish()`
 * where Graph omits or nulls them. Graph has no OpenAPI document; shapes per the reference pages:
 * Post https://developers.facebook.com/docs/graph-api/reference/post/,
 * Comment https://developers.facebook.com/docs/graph-api/reference/comment/,
 * Conversation and Message https://developers.facebook.com/docs/graph-api/reference/conversation/,
 * paging https://developers.facebook.com/docs/graph-api/results (cursor-based pagination),
 * Send API https://developers.facebook.com/docs/messenger-platform/reference/send-api/.
 */
import * as z from 'zod';

/** Cursor paging: `paging.cursors.after`, and `paging.next` only when there is a next page. */
const paging = z
  .object({
    cursors: z.object({ before: z.string().nullish(), after: z.string().nullish() }).nullish(),
    next: z.string().nullish(),
  })
  .nullish();
export type Paging = z.infer<typeof paging>;

const profile = z.object({ id: z.string(), name: z.string().nullish(), email: z.string().nullish() });
export type Profile = z.infer<typeof profile>;

const commentAttachment = z
  .object({
    type: z.string().nullish(),
    url: z.string().nullish(),
    media: z.object({ image: z.object({ src: z.string().nullish() }).nullish() }).nullish(),
  })
  .nullish();

export const commentSchema = z.object({
  id: z.string(),
  message: z.string().nullish(),
  from: profile.nullish(),
  created_time: z.string(),
  parent: z.object({ id: z.string() }).nullish(),
  attachment: commentAttachment,
  permalink_url: z.string().nullish(),
});
export type Comment = z.infer<typeof commentSchema>;

export const commentListSchema = z.object({ data: z.array(commentSchema), paging });
export type CommentList = z.infer<typeof commentListSchema>;

export const postSchema = z.object({
  id: z.string(),
  message: z.string().nullish(),
  from: profile.nullish(),
  created_time: z.string(),
  updated_time: z.string().nullish(),
  permalink_url: z.string().nullish(),
  comments: commentListSchema.nullish(),
});
export type Post = z.infer<typeof postSchema>;

export const feedSchema = z.object({ data: z.array(postSchema), paging });
export type Feed = z.infer<typeof feedSchema>;

const messageAttachment = z.object({
  mime_type: z.string().nullish(),
  name: z.string().nullish(),
  size: z.number().nullish(),
  image_data: z.object({ url: z.string().nullish() }).nullish(),
  file_url: z.string().nullish(),
});

export const messengerMessageSchema = z.object({
  id: z.string(),
  message: z.string().nullish(),
  from: profile.nullish(),
  to: z.object({ data: z.array(profile) }).nullish(),
  created_time: z.string(),
  attachments: z.object({ data: z.array(messageAttachment) }).nullish(),
});
export type MessengerMessage = z.infer<typeof messengerMessageSchema>;

export const messengerMessageListSchema = z.object({ data: z.array(messengerMessageSchema), paging });
export type MessengerMessageList = z.infer<typeof messengerMessageListSchema>;

export const conversationSchema = z.object({
  id: z.string(),
  updated_time: z.string().nullish(),
  messages: messengerMessageListSchema.nullish(),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const conversationListSchema = z.object({ data: z.array(conversationSchema), paging });
export type ConversationList = z.infer<typeof conversationListSchema>;

/** `POST /{page-id}/feed` and `POST /{object-id}/comments`. */
export const createdSchema = z.object({ id: z.string() });

/** `POST /{page-id}/messages`. */
export const sentSchema = z.object({ recipient_id: z.string().nullish(), message_id: z.string() });

export const graphErrorSchema = z.object({
  error: z.object({
    message: z.string().nullish(),
    type: z.string().nullish(),
    code: z.number().nullish(),
    error_subcode: z.number().nullish(),
    fbtrace_id: z.string().nullish(),
  }),
});
