/**
 * Minimal zod schemas of the Discourse answers this adapter reads (discourse/discourse_api_docs
 * openapi.json). Where the server differs from the document, these accept what the server sends:
 * `reply_to_post_number` is typed string there but is an integer or null; a post's `name` is typed
 * string in GET /t/{id}.json but is null for a user without a full name; `avatar_template` and `raw`
 * are absent or null in some answers (raw comes with /posts.json, POST answers, webhooks, and topic reads that ask for it with include_raw).
 */
import * as z from 'zod/mini';
import { compiledObject } from '../core/compiled-object.js';

const maybe = <T extends z.ZodMiniType>(schema: T) => z.nullish(schema);

export const postSchema = compiledObject({
  id: z.number(),
  username: z.string(),
  name: maybe(z.string()),
  avatar_template: maybe(z.string()),
  created_at: z.string(),
  cooked: z.string(),
  raw: maybe(z.string()),
  post_number: z.number(),
  post_type: maybe(z.number()),
  reply_to_post_number: maybe(z.custom<number | string>((value) => typeof value === 'number' || typeof value === 'string')),
  topic_id: z.number(),
  category_id: maybe(z.number()),
  topic_slug: maybe(z.string()),
  topic_title: maybe(z.string()),
  // Webhook payloads only (WebHookPostSerializer).
  topic_archetype: maybe(z.string()),
  user_id: maybe(z.number()),
});
export type Post = z.infer<typeof postSchema>;

/**
 * POST /posts.json: the post, or, when the post needs a moderator's approval (new users, watched words,
 * approval settings), `{ action: 'enqueued', pending_post, pending_count, success }` with status 200 —
 * NewPostResultSerializer, left unwrapped by PostsController#backwards_compatible_json
 * (https://github.com/discourse/discourse/blob/main/app/controllers/posts_controller.rb). The OpenAPI
 * document describes only the post.
 */
const enqueuedSchema = z.object({ action: z.string(), pending_post: maybe(z.object({ id: z.number() })), pending_count: maybe(z.number()) });
type Enqueued = z.infer<typeof enqueuedSchema>;
// A check, not z.union / z.literal (each pulls its own parser from zod core into every bundle, see
// src/core/options.ts): the answer is one of the two as it came; createdPost() reads the one it is.
export const createdPostSchema = z.custom<Enqueued | Post>((value) => (isEnqueued(value) ? enqueuedSchema : postSchema).safeParse(value).success);
const isEnqueued = (value: unknown) => (value as { action?: unknown } | null)?.action === 'enqueued';

/** What POST /posts.json answered, read with its own schema: queued for review, or the post. */
export function createdPost(answer: Enqueued | Post): { enqueued: Enqueued } | { post: Post } {
  return isEnqueued(answer) ? { enqueued: enqueuedSchema.parse(answer) } : { post: postSchema.parse(answer) };
}

export const latestPostsSchema = z.object({ latest_posts: z.array(postSchema) });

export const topicSchema = z.object({
  id: z.number(),
  title: z.string(),
  slug: z.string(),
  archetype: z.string(),
  category_id: maybe(z.number()),
  // `{ id, name, slug }` on current servers, the names themselves on older ones.
  tags: maybe(z.array(z.custom<string | { name: string }>((tag) => typeof tag === 'string' || typeof (tag as { name?: unknown } | null)?.name === 'string'))),
  post_stream: z.object({ posts: z.array(postSchema), stream: maybe(z.array(z.number())) }),
});
export type Topic = z.infer<typeof topicSchema>;

export const topicPostsSchema = z.object({ post_stream: z.object({ posts: z.array(postSchema) }) });

const privateTopicSchema = z.object({ id: z.number(), title: z.string(), slug: z.string(), highest_post_number: maybe(z.number()), last_posted_at: maybe(z.string()) });
export type PrivateTopic = z.infer<typeof privateTopicSchema>;

export const privateMessagesSchema = z.object({
  topic_list: z.object({ per_page: maybe(z.number()), topics: z.array(privateTopicSchema) }),
});

/** GET /private-posts.json (not in the OpenAPI document): the /posts.json post shape under `private_posts`. */
export const privatePostsSchema = z.object({ private_posts: z.array(postSchema) });

export const errorBodySchema = z.object({
  errors: maybe(z.array(z.string())),
  error_type: maybe(z.string()),
  extras: maybe(z.object({ wait_seconds: maybe(z.number()) })),
});

/** GET /site/settings.json: every client site setting by name (not in the OpenAPI document). */
export const siteSettingsSchema = z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value));

/** GET /notifications.json: the account's notifications, newest first. */
export const notificationsSchema = z.object({
  notifications: z.array(z.object({ id: z.number(), notification_type: z.number(), created_at: z.string(), topic_id: maybe(z.number()), post_number: maybe(z.number()) })),
});

/** GET /latest.json: public topics, most recently active first (only what finding the newest post needs). */
export const latestTopicsSchema = z.object({ topic_list: z.object({ topics: z.array(z.object({ id: z.number(), last_posted_at: maybe(z.string()) })) }) });
