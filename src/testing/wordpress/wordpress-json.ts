/**
 * The JSON WordPress answers for a comment, a post and a user (the item schemas of the comments, posts
 * and users controllers in WordPress/wordpress-develop src/wp-includes/rest-api/endpoints/): the view
 * context, and for a moderator's own write the edit context (content.raw, author_email). Dates are the
 * site's (in its zone, wordpress-timezone.ts) and GMT, without a zone. `_fields` keeps only the named top-level fields (and
 * dotted sub-fields), as rest_filter_response_fields does.
 */
import { renderComment, renderTitle } from './wordpress-render.js';
import { wallClockMs } from './wordpress-timezone.js';
import type { Site, SiteComment, SitePost, SiteUser } from './wordpress-site.js';

const AVATAR_SIZES = [24, 48, 96];

export function wpDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function commentJson(site: Site, comment: SiteComment, base: string, context: 'view' | 'edit' = 'view'): Record<string, unknown> {
  const post = site.posts.get(comment.post);
  const json: Record<string, unknown> = {
    id: comment.id,
    post: comment.post,
    parent: comment.parent,
    author: comment.userId,
    author_name: comment.authorName,
    author_url: '',
    date: wpDate(wallClockMs(comment.dateGmt, site.timezone)),
    date_gmt: wpDate(comment.dateGmt),
    content: context === 'edit' ? { raw: comment.content, rendered: renderComment(comment.content) } : { rendered: renderComment(comment.content) },
    link: `${base}/${post?.slug ?? ''}/#comment-${comment.id}`,
    status: comment.status,
    type: 'comment',
    author_avatar_urls: Object.fromEntries(AVATAR_SIZES.map((size) => [String(size), `https://secure.gravatar.com/avatar/${comment.id}?s=${size}&d=mm&r=g`])),
    meta: [],
  };
  if (context === 'edit') {
    json.author_email = comment.authorEmail;
    json.author_ip = '127.0.0.1';
    json.author_user_agent = '';
  }
  return json;
}

export function postJson(post: SitePost, base: string): Record<string, unknown> {
  return {
    id: post.id,
    date_gmt: wpDate(0),
    slug: post.slug,
    status: 'publish',
    type: 'post',
    link: `${base}/${post.slug}/`,
    title: { rendered: renderTitle(post.title) },
    author: post.author,
    comment_status: post.commentStatus,
  };
}

export function userJson(user: SiteUser, base: string): Record<string, unknown> {
  return { id: user.id, name: user.name, url: '', description: '', link: `${base}/author/${user.login}/`, slug: user.login };
}

export function onlyFields(json: Record<string, unknown>, fields: string[] | undefined): Record<string, unknown> {
  if (!fields) return json;
  const kept: Record<string, unknown> = {};
  for (const field of fields) {
    const [top, ...rest] = field.split('.');
    if (!(top! in json)) continue;
    if (rest.length === 0) kept[top!] = json[top!];
    else {
      const inner = json[top!] as Record<string, unknown> | undefined;
      if (inner && typeof inner === 'object' && rest[0]! in inner) kept[top!] = { ...(kept[top!] as object | undefined), [rest[0]!]: inner[rest[0]!] };
    }
  }
  return kept;
}
