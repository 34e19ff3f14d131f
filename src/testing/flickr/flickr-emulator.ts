/**
 * A Flickr REST API emulator (https://www.flickr.com/services/api/, answers as format=json&nojsoncallback=1,
 * https://www.flickr.com/services/api/response.json.html), strict as Flickr: every call OAuth 1.0a signed
 * (flickr-signature.ts), the methods, arguments, permissions and errors of the reflection data
 * (flickr-methods.ts), errors as HTTP 200 `{ stat: "fail", code, message }`, and 3,600 calls an hour per
 * key (https://www.flickr.com/services/developer/api/), past which it answers 429 (Flickr documents no answer of its own).
 */
import { Emulator, type EmulatorOptions, type RouteContext } from '../emulator.js';
import type { WindowRule } from '../window-limiter.js';
import { ERRORS, METHODS, PER_PAGE, type FlickrError } from './flickr-methods.js';
import { checkSignature, type FlickrKeys } from './flickr-signature.js';

export interface FlickrEmulatorOptions extends EmulatorOptions {
  /** The account the OAuth token belongs to (NSID). @default '10000001@N01' */
  userId?: string;
  /** Its username (Flickr's `authorname`). @default 'acme' */
  username?: string;
  keys?: Partial<FlickrKeys>;
  /** What the token was granted: 'read' refuses addComment with 99. @default 'write' */
  perms?: 'read' | 'write';
  /** Comments per window before code 9 ("posting comments too fast"); none by default: Flickr does not publish it. */
  commentLimit?: WindowRule;
}

export interface FlickrEmulatorComment {
  id: string;
  author: string;
  authorname: string;
  realname: string;
  datecreate: string;
  permalink: string;
  _content: string;
}

interface StoredPhoto {
  id: string;
  owner: string;
  title: string;
  lastupdate: number;
  comments: FlickrEmulatorComment[];
}

export const CALLS_PER_HOUR = 3600;
const KEY_BUCKET = 'api';
const COMMENT_BUCKET = 'comments';

export class FlickrEmulator extends Emulator {
  readonly platform = 'flickr';
  readonly userId: string;
  readonly username: string;
  readonly keys: FlickrKeys;
  perms: 'read' | 'write';
  readonly photos = new Map<string, StoredPhoto>();
  readonly #people = new Map<string, { username: string; realname: string }>();
  #nextPhoto = 52_000_000_001;
  #nextComment = 1;

  constructor(options: FlickrEmulatorOptions = {}) {
    super(options);
    this.userId = options.userId ?? '10000001@N01';
    this.username = options.username ?? 'acme';
    this.keys = { consumerKey: 'flickr-consumer-key-5d1e', consumerSecret: 'flickr-consumer-secret-8a2c', token: '72157700000000001-0a1b2c3d4e5f6a7b', tokenSecret: 'flickr-token-secret-9f3e', ...options.keys };
    this.perms = options.perms ?? 'write';
    this.#people.set(this.userId, { username: this.username, realname: 'Acme Support' });
    if (options.commentLimit) this.setLimit(COMMENT_BUCKET, options.commentLimit);
  }

  protected override defaultLimit(bucket: string): WindowRule | undefined {
    return bucket === KEY_BUCKET ? { limit: CALLS_PER_HOUR, windowMs: 60 * 60 * 1000 } : undefined;
  }

  /** A person who may comment. */
  person(nsid: string, username: string, realname = ''): void {
    this.#people.set(nsid, { username, realname });
  }

  /** A photo of the account; returns its id. */
  photo(title: string, at = Date.now()): string {
    const id = String(this.#nextPhoto++);
    this.photos.set(id, { id, owner: this.userId, title, lastupdate: Math.floor(at / 1000), comments: [] });
    return id;
  }

  /** Someone comments on a photo (as Flickr would store it); returns the comment id. */
  comment(input: { by: string; photoId: string; text: string; at?: number }): string {
    const photo = this.photos.get(input.photoId);
    if (!photo) throw new Error(`no photo ${input.photoId}`);
    return this.#add(photo, input.by, input.text, input.at ?? Date.now()).id;
  }

  #add(photo: StoredPhoto, by: string, text: string, at: number): FlickrEmulatorComment {
    const person = this.#people.get(by) ?? { username: by, realname: '' };
    // Flickr's comment ids: "<owner's number>-<photo id>-<a growing comment number>".
    const number = `7215770${String(this.#nextComment++).padStart(10, '0')}`;
    const id = `${photo.owner.split('@')[0]}-${photo.id}-${number}`;
    const seconds = Math.floor(at / 1000);
    const comment: FlickrEmulatorComment = {
      id,
      author: by,
      authorname: person.username,
      realname: person.realname,
      datecreate: String(seconds),
      permalink: `https://www.flickr.com/photos/${photo.owner}/${photo.id}/#comment${number}`,
      _content: text,
    };
    photo.comments.push(comment);
    photo.lastupdate = Math.max(photo.lastupdate, seconds);
    return comment;
  }

  protected async route(request: Request, context: RouteContext): Promise<Response> {
    if (context.path !== '/rest' && context.path !== '/rest/') return new Response('Not Found', { status: 404 });
    const parameters: Array<[string, string]> = [];
    context.url.searchParams.forEach((value, key) => parameters.push([key, value]));
    if (request.method === 'POST' && (request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
      new URLSearchParams(context.body).forEach((value, key) => parameters.push([key, value]));
    }
    const argument = (name: string) => parameters.find(([key]) => key === name)?.[1];
    if (argument('format') !== 'json' || argument('nojsoncallback') !== '1') return fail(ERRORS.formatNotFound);
    const name = argument('method') ?? '';
    const method = METHODS[name];
    if (!method) return fail(ERRORS.methodNotFound);
    const refused = checkSignature(request.method, context.url, parameters, request.headers.get('authorization'), this.keys);
    if (refused) return fail(refused);
    if (!this.limiter.hit(KEY_BUCKET)!.allowed) return new Response('Too Many Requests', { status: 429 });
    if (method.requiredPerms === 2 && this.perms !== 'write') return fail(ERRORS.insufficientPermissions);
    switch (name) {
      case 'flickr.photos.recentlyUpdated':
        return this.#recentlyUpdated(argument);
      case 'flickr.photos.comments.getList':
        return this.#comments(argument);
      default:
        return this.#addComment(request.method, argument);
    }
  }

  #recentlyUpdated(argument: (name: string) => string | undefined): Response {
    const minDate = Number(argument('min_date'));
    // The reflection data names no error of its own for a missing min_date; Flickr answers such calls
    // with code 1 and the argument named (unconfirmed wording).
    if (!argument('min_date') || !Number.isFinite(minDate)) return fail({ code: 1, message: 'Required arguments missing: min_date' });
    const perPage = Math.min(PER_PAGE.max, Math.max(1, Number(argument('per_page') ?? PER_PAGE.default) || PER_PAGE.default));
    const page = Math.max(1, Number(argument('page') ?? 1) || 1);
    const extras = (argument('extras') ?? '').split(',');
    const changed = [...this.photos.values()].filter((photo) => photo.owner === this.userId && photo.lastupdate >= minDate).sort((a, b) => b.lastupdate - a.lastupdate);
    const photo = changed.slice((page - 1) * perPage, page * perPage).map((stored) => ({
      id: stored.id,
      owner: stored.owner,
      secret: 'a1b2c3d4e5',
      server: '65535',
      farm: 66,
      title: stored.title,
      ispublic: 1,
      isfriend: 0,
      isfamily: 0,
      ...(extras.includes('last_update') ? { lastupdate: String(stored.lastupdate) } : {}),
    }));
    return ok({ photos: { page, pages: Math.max(1, Math.ceil(changed.length / perPage)), perpage: perPage, total: changed.length, photo } });
  }

  #comments(argument: (name: string) => string | undefined): Response {
    const photo = this.photos.get(argument('photo_id') ?? '');
    if (!photo) return fail(ERRORS.photoNotFound);
    const min = Number(argument('min_comment_date') ?? Number.NEGATIVE_INFINITY);
    const max = Number(argument('max_comment_date') ?? Number.POSITIVE_INFINITY);
    const comments = photo.comments.filter((comment) => Number(comment.datecreate) >= min && Number(comment.datecreate) <= max);
    return ok({ comments: { photo_id: photo.id, ...(comments.length > 0 ? { comment: comments.map((comment) => ({ ...comment, author_is_deleted: 0, iconserver: '0', iconfarm: 0, path_alias: null })) } : {}) } });
  }

  #addComment(httpMethod: string, argument: (name: string) => string | undefined): Response {
    // Writes are POSTs (https://www.flickr.com/services/api/request.rest.html).
    if (httpMethod !== 'POST') return fail(ERRORS.methodNotFound);
    const photo = this.photos.get(argument('photo_id') ?? '');
    if (!photo) return fail(ERRORS.photoNotFound);
    const text = argument('comment_text') ?? '';
    if (text.trim() === '') return fail(ERRORS.blankComment);
    const pace = this.limiter.hit(COMMENT_BUCKET);
    if (pace && !pace.allowed) return fail(ERRORS.tooFast);
    const comment = this.#add(photo, this.userId, text, Date.now());
    return ok({ comment: { id: comment.id, permalink: comment.permalink } });
  }
}

function ok(body: Record<string, unknown>): Response {
  return Response.json({ ...body, stat: 'ok' });
}

function fail(error: FlickrError | { code: number; message: string }): Response {
  return Response.json({ stat: 'fail', code: error.code, message: error.message });
}
