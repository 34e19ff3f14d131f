/**
 * Minimal zod schemas of the Flickr REST answers this adapter reads (format=json&nojsoncallback=1),
 * as https://www.flickr.com/services/api/ documents them per method: flickr.photos.recentlyUpdated
 * (`photos.photo[]` with `lastupdate` from extras=last_update), flickr.photos.comments.getList
 * (`comments.comment[]`, absent when a photo has none) and flickr.photos.comments.addComment
 * (`comment.id`). Counts come as numbers or numeric strings, so both are accepted.
 */
import * as z from 'zod/mini';

const maybe = <T extends z.ZodMiniType>(schema: T) => z.nullish(schema);
const count = z.union([z.number(), z.string()]);

export const failSchema = z.object({ stat: z.literal('fail'), code: z.number(), message: maybe(z.string()) });

export const photoSchema = z.object({
  id: z.string(),
  title: maybe(z.string()),
  lastupdate: maybe(count),
});
export type Photo = z.infer<typeof photoSchema>;

export const photosSchema = z.object({
  photos: z.object({ page: count, pages: count, photo: z.array(photoSchema) }),
});

export const commentSchema = z.object({
  id: z.string(),
  author: z.string(),
  authorname: maybe(z.string()),
  realname: maybe(z.string()),
  path_alias: maybe(z.string()),
  iconserver: maybe(count),
  iconfarm: maybe(z.number()),
  datecreate: count,
  permalink: maybe(z.string()),
  _content: z.string(),
});
export type Comment = z.infer<typeof commentSchema>;

export const commentsSchema = z.object({
  comments: z.object({ photo_id: z.string(), comment: maybe(z.array(commentSchema)) }),
});

export const addedCommentSchema = z.object({
  comment: z.object({ id: z.string(), permalink: maybe(z.string()) }),
});
