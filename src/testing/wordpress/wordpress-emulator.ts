/**
 * A WordPress site's REST API as far as comments go, true to the comments controller of
 * WordPress/wordpress-develop (src/wp-includes/rest-api/endpoints/class-wp-rest-comments-controller.php,
 * GPL: its facts are described here in our own words, no code is taken) and to wp_allow_comment
 * (src/wp-includes/comment.php):
 * - Application Passwords over HTTP Basic (wp_authenticate_application_password): an unknown user is
 *   401 invalid_username, a wrong password 401 incorrect_password; spaces in the password are ignored.
 * - GET /wp-json/wp/v2/comments with checked parameters (wordpress-params.ts), X-WP-Total,
 *   X-WP-TotalPages and Link; `status` other than approve needs edit_posts (else rest_forbidden_param);
 *   `after`/`before` exclusive, to the second, on the comments' dates in the site's zone (`timezone`,
 *   wordpress-timezone.ts); date order with ties broken by id.
 * - GET /wp-json/wp/v2/comments/{id}, /wp/v2/posts/{id}, /wp/v2/users/me; `_fields` everywhere.
 * - POST /wp-json/wp/v2/comments { post, parent, content } → 201 with Location: 401
 *   rest_comment_login_required without a user, 403 rest_comment_invalid_post_id, 403 rest_comment_closed,
 *   400 rest_comment_content_invalid (empty), 400 comment_content_column_length (over 65,525 bytes),
 *   409 comment_duplicate (same post, parent, author and content, not trashed), 400 comment_flood (a
 *   second comment by the same user within 15 s; users who can moderate are never throttled).
 */
import { parseJson } from '../../core/json.js';
import { Emulator, type EmulatorOptions, type RouteContext } from '../emulator.js';
import { invalidParams, noRoute, notLoggedIn, wpError } from './wordpress-answers.js';
import { commentJson, onlyFields, postJson, userJson } from './wordpress-json.js';
import { readCommentQuery, type CommentQuery, type DateBound } from './wordpress-params.js';
import { wallClockMs } from './wordpress-timezone.js';
import { canEditPosts, canModerate, Site, type CommentStatus, type Role, type SiteComment, type SitePost, type SiteUser } from './wordpress-site.js';

export interface WordpressEmulatorOptions extends EmulatorOptions {
  /** The login of the channel's user. @default 'support_bot' */
  username?: string;
  /** Its Application Password (24 characters, shown in groups of four by WordPress). @default 'abcd EFGH 1234 ijkl MNOP 6789' */
  applicationPassword?: string;
  /** Its role: an Editor moderates (and is never flood-throttled), an Author reads held comments on its own posts only. @default 'editor' */
  role?: Role;
  /** The Discussion setting "Comment must be manually approved": comments by users who cannot moderate are held. @default false */
  commentModeration?: boolean;
  /** The site's zone (Settings → General), an IANA name. @default 'UTC' */
  timezone?: string;
}

const FLOOD_SECONDS = 15; // wp_throttle_comment_flood
const MAX_CONTENT_BYTES = 65_525; // wp_get_comment_fields_max_lengths: the TEXT column less 10
const STATUS_QUERY: Record<string, CommentStatus[]> = { approve: ['approved'], hold: ['hold'], spam: ['spam'], trash: ['trash'], all: ['approved', 'hold'] };

export class WordpressEmulator extends Emulator {
  readonly platform = 'wordpress';
  readonly site = new Site();
  readonly bot: SiteUser;
  /** The password the site accepts; assign another to rotate it (the old one is refused from then on). */
  applicationPassword: string;
  /** "Comment must be manually approved"; may be changed at any time. */
  commentModeration: boolean;

  constructor(options: WordpressEmulatorOptions = {}) {
    super(options);
    this.applicationPassword = options.applicationPassword ?? 'abcd EFGH 1234 ijkl MNOP 6789';
    this.commentModeration = options.commentModeration ?? false;
    this.site.timezone = options.timezone ?? 'UTC';
    this.bot = this.site.user({ login: options.username ?? 'support_bot', name: 'Support Bot', role: options.role ?? 'editor' });
  }

  /** A published post (by the bot unless said), comments open unless said. */
  post(input: { title: string; author?: number; commentStatus?: 'open' | 'closed' }): SitePost {
    return this.site.post({ author: this.bot.id, ...input });
  }

  /** A comment by a visitor (`by` a name) or a registered user (`user`), approved unless said. */
  comment(input: { post: number; content: string; by?: string; user?: SiteUser; parent?: number; status?: CommentStatus; dateGmt?: number }): SiteComment {
    return this.site.comment({
      post: input.post,
      parent: input.parent ?? 0,
      userId: input.user?.id ?? 0,
      authorName: input.user?.name ?? input.by ?? 'A Visitor',
      authorEmail: input.user?.email ?? `${(input.by ?? 'visitor').toLowerCase().replace(/\W+/g, '.')}@example.net`,
      content: input.content,
      status: input.status ?? 'approved',
      ...(input.dateGmt !== undefined ? { dateGmt: input.dateGmt } : {}),
    });
  }

  /** Comments the user wrote. */
  commentsBy(user: SiteUser): SiteComment[] {
    return [...this.site.comments.values()].filter((comment) => comment.userId === user.id);
  }

  protected async route(request: Request, context: RouteContext): Promise<Response> {
    const login = this.#authenticate(request.headers.get('authorization'));
    if (login instanceof Response) return login;
    const user = login;
    const { path, url, base } = context;
    const fields = url.searchParams.get('_fields')?.split(',').map((field) => field.trim()).filter(Boolean);
    if (path === '/wp-json/wp/v2/comments' && request.method === 'GET') return this.#list(user, url.searchParams, base);
    if (path === '/wp-json/wp/v2/comments' && request.method === 'POST') return this.#create(user, context.body, base, fields);
    let match = /^\/wp-json\/wp\/v2\/comments\/(\d+)$/.exec(path);
    if (match && request.method === 'GET') {
      const comment = this.site.comments.get(Number(match[1]));
      if (!comment) return wpError(404, 'rest_comment_invalid_id', 'Invalid comment ID.');
      if (!this.site.canRead(user, comment)) return wpError(user ? 403 : 401, 'rest_cannot_read', 'Sorry, you are not allowed to read this comment.');
      return Response.json(onlyFields(commentJson(this.site, comment, base), fields));
    }
    match = /^\/wp-json\/wp\/v2\/posts\/(\d+)$/.exec(path);
    if (match && request.method === 'GET') {
      const post = this.site.posts.get(Number(match[1]));
      if (!post) return wpError(404, 'rest_post_invalid_id', 'Invalid post ID.');
      return Response.json(onlyFields(postJson(post, base), fields));
    }
    if (path === '/wp-json/wp/v2/users/me' && request.method === 'GET') {
      if (!user) return notLoggedIn();
      return Response.json(onlyFields(userJson(user, base), fields));
    }
    return noRoute();
  }

  /** The user of the Basic credentials, undefined without any, or the refusal. */
  #authenticate(header: string | null): SiteUser | undefined | Response {
    if (!header) return undefined;
    const encoded = /^Basic\s+(\S+)$/i.exec(header)?.[1];
    const decoded = encoded ? new TextDecoder().decode(Uint8Array.from(atob(encoded), (char) => char.charCodeAt(0))) : '';
    const colon = decoded.indexOf(':');
    const user = colon > 0 ? this.site.userByLogin(decoded.slice(0, colon)) : undefined;
    if (!user) return wpError(401, 'invalid_username', 'Unknown username. Check again or try your email address.');
    const strip = (password: string) => password.replace(/[^a-z\d]/gi, '');
    if (strip(decoded.slice(colon + 1)) !== strip(this.applicationPassword)) return wpError(401, 'incorrect_password', 'The provided password is an invalid application password.');
    return user;
  }

  #list(user: SiteUser | undefined, search: URLSearchParams, base: string): Response {
    const query = readCommentQuery(search);
    if (query instanceof Response) return query;
    if (query.status !== 'approve' && !canEditPosts(user)) {
      return wpError(user ? 403 : 401, 'rest_forbidden_param', 'Query parameter not permitted: status');
    }
    const statuses = STATUS_QUERY[query.status] ?? [];
    const matching = [...this.site.comments.values()].filter((comment) => statuses.includes(comment.status) && matches(comment, query, this.site.timezone)).sort(order(query));
    const total = matching.length;
    const pages = Math.ceil(total / query.perPage);
    const page = matching.slice((query.page - 1) * query.perPage, query.page * query.perPage).filter((comment) => this.site.canRead(user, comment));
    const headers = new Headers({ 'x-wp-total': String(total), 'x-wp-totalpages': String(pages) });
    const link = (to: number) => {
      const target = new URL(`${base}/wp-json/wp/v2/comments`);
      search.forEach((value, name) => target.searchParams.append(name, value));
      target.searchParams.set('page', String(to));
      return target.href;
    };
    const links = [...(query.page > 1 ? [`<${link(Math.min(query.page - 1, Math.max(pages, 1)))}>; rel="prev"`] : []), ...(pages > query.page ? [`<${link(query.page + 1)}>; rel="next"`] : [])];
    if (links.length > 0) headers.set('link', links.join(', '));
    return Response.json(page.map((comment) => onlyFields(commentJson(this.site, comment, base), query.fields)), { headers });
  }

  #create(user: SiteUser | undefined, text: string, base: string, fields: string[] | undefined): Response {
    if (!user) return wpError(401, 'rest_comment_login_required', 'Sorry, you must be logged in to comment.');
    const body = parseJson(text);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return wpError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
    const input = body as Record<string, unknown>;
    const bad: Record<string, string> = {};
    for (const name of ['post', 'parent'] as const) if (input[name] !== undefined && !Number.isInteger(input[name])) bad[name] = `${name} is not of type integer.`;
    if (input.content !== undefined && typeof input.content !== 'string' && (typeof input.content !== 'object' || input.content === null)) bad.content = 'content is not of type object.';
    if (Object.keys(bad).length > 0) return invalidParams(bad);
    const post = typeof input.post === 'number' && input.post > 0 ? this.site.posts.get(input.post) : undefined;
    if (!post) return wpError(403, 'rest_comment_invalid_post_id', 'Sorry, you are not allowed to create this comment without a post.');
    if (post.commentStatus !== 'open') return wpError(403, 'rest_comment_closed', 'Sorry, comments are closed for this item.');
    const content = typeof input.content === 'string' ? input.content : String((input.content as { raw?: unknown } | undefined)?.raw ?? '');
    if (content === '') return wpError(400, 'rest_comment_content_invalid', 'Invalid comment content.');
    if (new TextEncoder().encode(content).length > MAX_CONTENT_BYTES) return wpError(400, 'comment_content_column_length', 'Comment field exceeds maximum length allowed.');
    const parent = typeof input.parent === 'number' ? input.parent : 0;
    const all = [...this.site.comments.values()];
    const duplicate = all.some((comment) => comment.post === post.id && comment.parent === parent && comment.status !== 'trash' && (comment.authorName === user.name || comment.authorEmail === user.email) && comment.content === content);
    if (duplicate) return wpError(409, 'comment_duplicate', 'Duplicate comment detected; it looks as though you&#8217;ve already said that!');
    if (!canModerate(user)) {
      const last = Math.max(0, ...all.filter((comment) => comment.userId === user.id || comment.authorEmail === user.email).map((comment) => comment.dateGmt));
      if (last > 0 && Math.floor(Date.now() / 1000) - last / 1000 < FLOOD_SECONDS) return wpError(400, 'comment_flood', 'You are posting comments too quickly. Slow down.');
    }
    // A moderator's comment is approved at once (wp_allow_comment); anyone else's is held when the site says so.
    const comment = this.comment({ post: post.id, content, user, parent, status: this.commentModeration && !canModerate(user) ? 'hold' : 'approved' });
    const json = onlyFields(commentJson(this.site, comment, base, canModerate(user) ? 'edit' : 'view'), fields);
    return Response.json(json, { status: 201, headers: { location: `${base}/wp-json/wp/v2/comments/${comment.id}` } });
  }
}

function matches(comment: SiteComment, query: CommentQuery, timezone: string): boolean {
  const local = wallClockMs(comment.dateGmt, timezone) / 1000;
  const bound = ({ seconds, zoned }: DateBound) => (zoned ? wallClockMs(seconds * 1000, timezone) / 1000 : seconds);
  if (query.after !== undefined && !(local > bound(query.after))) return false;
  if (query.before !== undefined && !(local < bound(query.before))) return false;
  if (query.exclude.includes(comment.id)) return false;
  if (query.include.length > 0 && !query.include.includes(comment.id)) return false;
  if (query.post.length > 0 && !query.post.includes(comment.post)) return false;
  if (query.parent.length > 0 && !query.parent.includes(comment.parent)) return false;
  return true;
}

/** WP_Comment_Query's order: the field asked, then the comment id in the same direction. */
function order(query: CommentQuery): (a: SiteComment, b: SiteComment) => number {
  const key = (comment: SiteComment): number =>
    query.orderby === 'post' ? comment.post : query.orderby === 'parent' ? comment.parent : query.orderby === 'id' || query.orderby === 'include' || query.orderby === 'type' ? comment.id : comment.dateGmt;
  const sign = query.order === 'asc' ? 1 : -1;
  return (a, b) => sign * (key(a) - key(b) || a.id - b.id);
}
