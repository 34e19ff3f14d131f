/**
 * Minimal zod schemas of the WordPress REST answers this adapter reads (the comment, post and user
 * schemas of wp/v2, WordPress/wordpress-develop src/wp-includes/rest-api/endpoints/). Only the
 * fields read here; `author_name` and `link` may be empty strings.
 */
import * as z from 'zod/mini';

const maybe = <T extends z.ZodMiniType>(schema: T) => z.nullish(schema);

export const commentSchema = z.object({
  id: z.number(),
  post: z.number(),
  parent: z.number(),
  /** The WordPress user id of a logged-in commenter, 0 for a visitor. */
  author: z.number(),
  author_name: maybe(z.string()),
  author_url: maybe(z.string()),
  /** The site's local time, without a zone. */
  date: maybe(z.string()),
  /** GMT, without a zone: '2026-11-30T04:10:00'. */
  date_gmt: z.string(),
  content: z.object({ rendered: z.string() }),
  link: maybe(z.string()),
  /** 'approved' or 'hold' ('spam', 'trash' for a moderator), in the view context too. */
  status: maybe(z.string()),
  type: maybe(z.string()),
  author_avatar_urls: maybe(z.record(z.string(), z.string())),
});
export type WordpressComment = z.infer<typeof commentSchema>;

export const commentListSchema = z.array(commentSchema);

export const postTitleSchema = z.object({ id: z.number(), title: z.object({ rendered: z.string() }) });

export const userSchema = z.object({ id: z.number(), name: maybe(z.string()) });

/** WP_Error as the REST server sends it: `{ code, message, data: { status, params? } }`. */
export const errorBodySchema = z.object({
  code: maybe(z.string()),
  message: maybe(z.string()),
  data: maybe(z.object({ status: maybe(z.number()), params: maybe(z.record(z.string(), z.string())) })),
});
