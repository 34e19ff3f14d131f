/**
 * The `fields` this adapter asks for. Graph answers only `id` (or a few defaults) unless asked, and
 * nests edges with field expansion: `comments.filter(stream).order(reverse_chronological).limit(25){...}`
 * (https://developers.facebook.com/docs/graph-api/guides/field-expansion).
 */
export const POST_FIELDS = 'id,message,from,created_time,updated_time,permalink_url';
// https://developers.facebook.com/docs/graph-api/reference/object/comments: `filter=stream` gives every
// comment, replies to comments included, flat, each reply with its `parent`.
export const COMMENT_FIELDS = 'id,message,from,created_time,parent,attachment,permalink_url';
export const MESSAGE_FIELDS = 'id,message,from,to,created_time,attachments';

/** Comments nested per post, newest first: one read gives a feed page with each post's latest comments. */
export function nestedComments(limit: number): string {
  return `comments.filter(stream).order(reverse_chronological).limit(${limit}){${COMMENT_FIELDS}}`;
}

/** Messages nested per conversation, newest first (Graph's own order for conversation messages). */
export function nestedMessages(limit: number): string {
  return `messages.limit(${limit}){${MESSAGE_FIELDS}}`;
}

/** Graph's page sizes: `limit` up to 100 on feed, comments and conversations. */
export const PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
