/**
 * The `fields` this adapter asks for: Graph answers only a node's defaults unless asked, and nests
 * edges with field expansion (https://developers.facebook.com/docs/graph-api/guides/field-expansion).
 * Field names: IG Media, IG Comment (`user` is set only on the account's own comments), IG User's
 * `tags` edge, and Instagram conversation messages (see src/testing/instagram for the references).
 */
export const MEDIA_FIELDS = 'id,caption,timestamp,media_type,media_product_type,permalink';
export const COMMENT_FIELDS = 'id,text,timestamp,from,username,user,parent_id,hidden,media';
export const TAG_FIELDS = 'id,caption,timestamp,username,permalink,media_type';
export const MENTIONED_COMMENT_FIELDS = 'id,text,timestamp,media';
export const MESSAGE_FIELDS = 'id,created_time,from,to,message';

/** Graph's page size on these edges: `limit` up to 100 (25 by default). */
export const PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
/** Top-level comments (each with its replies) nested per media in one read. */
export const NESTED_COMMENTS = 50;

/** Each media's newest top-level comments, each with its replies: one read covers a page of media. */
export function nestedComments(limit = NESTED_COMMENTS): string {
  return `comments.limit(${limit}){${COMMENT_FIELDS},replies.limit(${limit}){${COMMENT_FIELDS}}}`;
}

export function nestedMessages(limit: number): string {
  return `messages.limit(${limit}){${MESSAGE_FIELDS}}`;
}
