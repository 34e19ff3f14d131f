/**
 * The emulator's Instagram account: media, comments and replies, mentions, as the Instagram Graph API
 * (Facebook Login, host graph.facebook.com) answers them. Routes below the version:
 * GET /{ig-user-id} (with `mentioned_comment.comment_id(X){...}` and `mentioned_media.media_id(X){...}`),
 * GET /{ig-user-id}/media, GET /{ig-user-id}/tags, GET /{ig-media-id}, GET|POST /{ig-media-id}/comments,
 * GET /{ig-comment-id}, GET|POST /{ig-comment-id}/replies, POST /{ig-user-id}/mentions.
 * Sources: https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media/comments
 * ("Comments on live video IG Media are not supported"; top-level comments only, replies by the `replies` field),
 * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment/replies
 * (only top-level comments; not hidden ones; not on a live video),
 * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/mentions,
 * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/tags,
 * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/mentioned_comment.
 * Where Meta says a reply to a reply "will be added to the top-level comment", this emulator is
 * stricter and refuses it (code 100), so a client that does not address the top-level comment itself is caught.
 * Lists are newest first (comments, media, tags); replies oldest first.
 */
import { GraphError } from '../meta/meta-graph-error.js';
import { parseFields, type FieldSpec } from '../meta/meta-graph-fields.js';
import { graphPage, graphTime, readListRequest } from '../meta/meta-graph-paging.js';
import { numericId, renderNode, requireKnown, type CommentRecord, type InstagramUser, type MediaRecord } from './instagram-data.js';

export interface AnswerContext {
  base: string;
  version: string;
  now: number;
}

export type Params = Record<string, unknown>;

// https://help.instagram.com/ (and the Graph reference): a comment's text is at most 2,200 characters.
export const MAX_COMMENT_TEXT = 2200;

export class InstagramGraph {
  readonly media = new Map<string, MediaRecord>();
  readonly comments = new Map<string, CommentRecord>();
  readonly people = new Map<string, InstagramUser>();
  created = 0;
  #counter = 1000;

  constructor(readonly account: InstagramUser) {}

  nextId(prefix = '179'): string {
    return numericId(prefix, ++this.#counter);
  }

  person(id: string, username?: string): InstagramUser {
    let person = this.people.get(id);
    if (!person) this.people.set(id, (person = { id, username: username ?? `customer_${id.slice(-4)}` }));
    return person;
  }

  addMedia(input: Omit<MediaRecord, 'id'>): MediaRecord {
    const media: MediaRecord = { id: this.nextId(), ...input };
    this.media.set(media.id, media);
    return media;
  }

  addComment(mediaId: string, text: string, from: InstagramUser, at: number, parentId?: string): CommentRecord {
    const comment: CommentRecord = { id: this.nextId('178'), text, from, createdMs: at, mediaId, hidden: false, ...(parentId ? { parentId } : {}) };
    this.comments.set(comment.id, comment);
    return comment;
  }

  /** Whether this id names something of the Instagram account (for routing beside the Facebook emulator). */
  owns(id: string): boolean {
    return id === this.account.id || this.media.has(id) || this.comments.has(id);
  }

  answer(method: string, id: string, edge: string | undefined, params: Params, context: AnswerContext): unknown {
    const fields = typeof params.fields === 'string' ? parseFields(params.fields) : undefined;
    if (id === this.account.id) {
      if (method === 'GET' && edge === undefined) return this.#user(fields, context);
      if (method === 'GET' && edge === 'media') return this.#mediaList([...this.media.values()].filter((media) => media.owner.id === this.account.id), 'media', fields, params, context);
      if (method === 'GET' && edge === 'tags') return this.#mediaList([...this.media.values()].filter((media) => media.tagged.includes(this.account.id)), 'tags', fields, params, context);
      if (method === 'POST' && edge === 'mentions') return this.#replyToMention(params, context.now);
    }
    const media = this.media.get(id);
    if (media) {
      if (method === 'GET' && edge === undefined) return this.#renderMedia(media, fields, context);
      if (method === 'GET' && edge === 'comments') return this.#commentList(media, fields, params, context);
      if (method === 'POST' && edge === 'comments') return this.#comment(media, undefined, params, context.now);
    }
    const comment = this.comments.get(id);
    if (comment) {
      if (method === 'GET' && edge === undefined) return this.#renderComment(comment, fields, context);
      if (method === 'GET' && edge === 'replies') return this.#replyList(comment, fields, params, context);
      if (method === 'POST' && edge === 'replies') return this.#reply(comment, params, context.now);
    }
    throw unsupported(method, id);
  }

  // --- reads ---

  #user(fields: FieldSpec[] | undefined, context: AnswerContext) {
    return renderNode('IGUser', fields, { id: this.account.id, username: this.account.username, name: this.account.username, media_count: [...this.media.values()].filter((media) => media.owner.id === this.account.id).length }, (spec) => {
      if (spec.name === 'mentioned_comment') return this.#mentionedComment(spec, context);
      if (spec.name === 'mentioned_media') return this.#mentionedMedia(spec, context);
      if (spec.name === 'media' || spec.name === 'tags') throw new GraphError(400, 100, `(#100) Read the ${spec.name} edge as /${this.account.id}/${spec.name}`, { type: 'OAuthException' });
      return undefined;
    });
  }

  #mentionedComment(spec: FieldSpec, context: AnswerContext) {
    const comment = this.comments.get(spec.modifiers.comment_id ?? '');
    if (!comment || !mentions(comment.text, this.account)) {
      throw new GraphError(400, 100, '(#100) The comment_id parameter is required and must name a comment that mentions this user', { type: 'OAuthException' });
    }
    requireKnown('IGComment', spec.fields);
    // The mentioned-comment node has fewer fields than a comment of the account's own media.
    const allowed = ['id', 'like_count', 'media', 'text', 'timestamp'];
    const asked = spec.fields?.filter((field) => allowed.includes(field.name));
    if (spec.fields && asked!.length !== spec.fields.length) throw new GraphError(400, 100, '(#100) Tried accessing nonexisting field on node type (IGMentionedComment)', { type: 'OAuthException' });
    return this.#renderComment(comment, asked, context);
  }

  #mentionedMedia(spec: FieldSpec, context: AnswerContext) {
    const media = this.media.get(spec.modifiers.media_id ?? '');
    if (!media || !mentions(media.caption, this.account)) {
      throw new GraphError(400, 100, '(#100) The media_id parameter is required and must name media whose caption mentions this user', { type: 'OAuthException' });
    }
    return this.#renderMedia(media, spec.fields, context);
  }

  #mediaList(items: MediaRecord[], edge: string, fields: FieldSpec[] | undefined, params: Params, context: AnswerContext) {
    const newestFirst = items.sort((a, b) => b.createdMs - a.createdMs || (a.id < b.id ? 1 : -1));
    return graphPage(newestFirst, list(params), (media) => this.#renderMedia(media, fields, context), (after) => url(context, `/${this.account.id}/${edge}`, params, after));
  }

  #topLevel(media: MediaRecord): CommentRecord[] {
    return [...this.comments.values()].filter((comment) => comment.mediaId === media.id && !comment.parentId).sort((a, b) => b.createdMs - a.createdMs || (a.id < b.id ? 1 : -1));
  }

  #replies(comment: CommentRecord): CommentRecord[] {
    return [...this.comments.values()].filter((reply) => reply.parentId === comment.id).sort((a, b) => a.createdMs - b.createdMs || (a.id < b.id ? -1 : 1));
  }

  #commentList(media: MediaRecord, fields: FieldSpec[] | undefined, params: Params, context: AnswerContext) {
    if (media.owner.id !== this.account.id) throw unsupported('GET', media.id);
    return graphPage(this.#topLevel(media), list(params), (comment) => this.#renderComment(comment, fields, context), (after) => url(context, `/${media.id}/comments`, params, after));
  }

  #replyList(comment: CommentRecord, fields: FieldSpec[] | undefined, params: Params, context: AnswerContext) {
    return graphPage(this.#replies(comment), list(params), (reply) => this.#renderComment(reply, fields, context), (after) => url(context, `/${comment.id}/replies`, params, after));
  }

  #renderMedia(media: MediaRecord, fields: FieldSpec[] | undefined, context: AnswerContext) {
    const shortcode = `C${media.id.slice(-10)}`;
    return renderNode(
      'IGMedia',
      fields,
      {
        id: media.id,
        caption: media.caption,
        comments_count: [...this.comments.values()].filter((comment) => comment.mediaId === media.id).length,
        is_comment_enabled: media.commentEnabled,
        like_count: 0,
        media_product_type: media.productType,
        media_type: media.mediaType,
        media_url: `https://scontent.cdninstagram.com/v/${media.id}.jpg`,
        permalink: `https://www.instagram.com/p/${shortcode}/`,
        shortcode,
        timestamp: graphTime(media.createdMs),
        username: media.owner.username,
        owner: { id: media.owner.id },
      },
      (spec) => {
        if (spec.name !== 'comments') return undefined;
        const answer = this.#commentList(media, spec.fields, nestedParams(spec), context);
        return answer.data.length > 0 ? answer : undefined; // Graph leaves out an empty edge
      },
    );
  }

  #renderComment(comment: CommentRecord, fields: FieldSpec[] | undefined, context: AnswerContext): Record<string, unknown> {
    const media = this.media.get(comment.mediaId)!;
    const own = comment.from.id === this.account.id;
    return renderNode(
      'IGComment',
      fields,
      {
        id: comment.id,
        from: own ? undefined : { id: comment.from.id, username: comment.from.username },
        hidden: comment.hidden,
        like_count: 0,
        media: { id: media.id, media_product_type: media.productType },
        parent_id: comment.parentId,
        text: comment.text,
        timestamp: graphTime(comment.createdMs),
        // `user` is only returned for comments the app user (the account) made.
        user: own ? { id: this.account.id } : undefined,
        username: comment.from.username,
      },
      (spec) => {
        if (spec.name !== 'replies' || comment.parentId) return undefined;
        const answer = this.#replyList(comment, spec.fields, nestedParams(spec), context);
        return answer.data.length > 0 ? answer : undefined;
      },
    );
  }

  // --- writes ---

  #comment(media: MediaRecord, parent: CommentRecord | undefined, params: Params, now: number) {
    const message = str(params.message);
    if (!message) throw new GraphError(400, 100, '(#100) The parameter message is required', { type: 'OAuthException' });
    if ([...message].length > MAX_COMMENT_TEXT) throw new GraphError(400, 100, `(#100) Param message must be at most ${MAX_COMMENT_TEXT} characters long`, { type: 'OAuthException' });
    if (media.owner.id !== this.account.id) throw unsupported('POST', media.id);
    if (media.productType === 'LIVE') throw new GraphError(400, 100, '(#100) Comments on live video IG Media are not supported', { type: 'OAuthException' });
    if (!media.commentEnabled) throw new GraphError(400, 100, '(#100) Comments are disabled for this media', { type: 'OAuthException', subcode: 2207051 });
    const comment = this.addComment(media.id, message, this.account, now, parent?.id);
    this.created++;
    return { id: comment.id };
  }

  #reply(comment: CommentRecord, params: Params, now: number) {
    if (comment.parentId) throw new GraphError(400, 100, '(#100) Replies can only be made to top-level comments', { type: 'OAuthException' });
    if (comment.hidden) throw new GraphError(400, 100, '(#100) You cannot reply to a hidden comment', { type: 'OAuthException' });
    return this.#comment(this.media.get(comment.mediaId)!, comment, params, now);
  }

  /** POST /{ig-user-id}/mentions: a comment on media (caption mention) or under the comment that mentions the account. */
  #replyToMention(params: Params, now: number) {
    const message = str(params.message);
    const media = this.media.get(str(params.media_id) ?? '');
    if (!message || !media) throw new GraphError(400, 100, '(#100) The parameters media_id and message are required', { type: 'OAuthException' });
    const commentId = str(params.comment_id);
    const mentioned = commentId ? this.comments.get(commentId) : undefined;
    if (commentId ? !mentioned || mentioned.mediaId !== media.id || !mentions(mentioned.text, this.account) : !mentions(media.caption, this.account)) {
      throw new GraphError(400, 100, '(#100) The account is not mentioned there', { type: 'OAuthException' });
    }
    const comment = this.addComment(media.id, message, this.account, now, mentioned ? (mentioned.parentId ?? mentioned.id) : undefined);
    this.created++;
    return { id: comment.id };
  }
}

function mentions(text: string, account: InstagramUser): boolean {
  return new RegExp(`(^|[^\\w.])@${account.username.replace(/\./g, '\\.')}(?![\\w.])`, 'i').test(text);
}

export function list(params: Params) {
  return readListRequest(str(params.limit), str(params.after));
}

function nestedParams(spec: FieldSpec): Params {
  return { ...spec.modifiers, ...(spec.fields ? { fields: unparse(spec.fields) } : {}) };
}

export function url(context: AnswerContext, path: string, params: Params, after: string): string {
  const next = new URL(`${context.base}/${context.version}${path}`);
  for (const [key, value] of Object.entries(params)) if (typeof value === 'string' && key !== 'after') next.searchParams.set(key, value);
  next.searchParams.set('after', after);
  return next.toString();
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

export function unsupported(method: string, id: string): GraphError {
  return new GraphError(400, 100, `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`, { subcode: 33, type: 'GraphMethodException' });
}

function unparse(specs: FieldSpec[]): string {
  return specs.map((spec) => spec.name + Object.entries(spec.modifiers).map(([key, value]) => `.${key}(${value})`).join('') + (spec.fields ? `{${unparse(spec.fields)}}` : '')).join(',');
}
