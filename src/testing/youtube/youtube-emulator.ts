/**
 * The YouTube Data API v3 as it answers the calls of a comment bot, after the discovery document
 * (googleapis/google-api-go-client youtube/v3/youtube-api.json; facts in youtube-facts.ts) and the
 * reference (https://developers.google.com/youtube/v3/docs/commentThreads/list, comments/list,
 * comments/insert, videos/list, docs/errors): Bearer access tokens that expire after one hour (and a
 * Google-style token endpoint at /token), unknown or malformed parameters refused with 400, 10,000
 * units a day (list 1, insert 50) then 403 quotaExceeded, comments disabled per video (403
 * commentsDisabled), 10,000 characters per comment (400 commentTextTooLong), one level of replies.
 * Comments held for review are listed only with moderationStatus=heldForReview (not with `id`), and
 * keep their publishedAt once approved (comments.setModerationStatus; `approve()` here).
 */
import { Emulator, type EmulatorOptions, type RouteContext } from '../emulator.js';
import { GoogleAccessTokens, randomGoogleId as randomId, type GoogleOAuth2Client } from '../google-access-tokens.js';
import { googleError } from './youtube-answers.js';
import { checkParameters, type Method } from './youtube-params.js';
import { commentJson, threadJson, type StoredComment, type StoredThread } from './youtube-json.js';

export interface YouTubeEmulatorOptions extends EmulatorOptions {
  /** The channel whose videos carry the comments (and whose token the emulator gives out). */
  channelId?: string;
  /** An access token valid from the start, for one hour. @default 'sandbox-youtube-token' */
  accessToken?: string;
  /** OAuth 2.0 client and refresh token the /token endpoint accepts. */
  oauth2?: GoogleOAuth2Client;
  /** Units a day. @default 10000 */
  dailyQuota?: number;
}

const INLINE_REPLIES = 5; // commentThreads.list inlines a limited number of replies
const MAX_TEXT = 10_000;
const UNITS: Record<Method, number> = { 'commentThreads.list': 1, 'comments.list': 1, 'videos.list': 1, 'comments.insert': 50 };

export class YouTubeEmulator extends Emulator {
  readonly platform = 'youtube';
  readonly channelId: string;
  readonly accessToken: string;
  readonly oauth2: GoogleOAuth2Client;
  readonly videos = new Map<string, { title: string; commentsDisabled: boolean }>();
  readonly threads = new Map<string, StoredThread>();
  /** Units spent today; `resetQuota()` is midnight Pacific. */
  unitsUsed = 0;
  readonly dailyQuota: number;
  readonly #tokens: GoogleAccessTokens;
  #clock = 0;

  constructor(options: YouTubeEmulatorOptions = {}) {
    super(options);
    this.channelId = options.channelId ?? 'UCsandboxChannel0000000A';
    this.accessToken = options.accessToken ?? 'sandbox-youtube-token';
    this.oauth2 = options.oauth2 ?? { clientId: 'sandbox-client', clientSecret: 'sandbox-client-secret', refreshToken: 'sandbox-refresh-token' };
    this.dailyQuota = options.dailyQuota ?? 10_000;
    this.#tokens = new GoogleAccessTokens(this.oauth2, this.accessToken, 'https://www.googleapis.com/auth/youtube.force-ssl');
  }

  video(id: string, title: string, options: { commentsDisabled?: boolean } = {}): void {
    this.videos.set(id, { title, commentsDisabled: options.commentsDisabled ?? false });
  }

  /** Someone comments on a video: a new thread (held for review when the channel's settings hold it). */
  comment(input: { videoId: string; text: string; author?: { name: string; channelId: string }; held?: boolean }): StoredComment {
    if (!this.videos.has(input.videoId)) throw new Error(`no video ${input.videoId}`);
    const comment = this.#newComment(input.text, input.author ?? CUSTOMER, input.videoId, undefined);
    if (input.held) comment.moderationStatus = 'heldForReview';
    this.threads.set(comment.id, { id: comment.id, videoId: input.videoId, top: comment, replies: [] });
    return comment;
  }

  /** Someone replies in a thread (to its top-level comment: YouTube has one level of replies). */
  reply(input: { parentId: string; text: string; author?: { name: string; channelId: string } }): StoredComment {
    const thread = this.#threadOf(input.parentId);
    if (!thread) throw new Error(`no comment ${input.parentId}`);
    const comment = this.#newComment(input.text, input.author ?? CUSTOMER, thread.videoId, thread.top.id);
    thread.replies.push(comment);
    return comment;
  }

  /** The channel approves a comment held for review: it is published, with its first publishedAt. */
  approve(commentId: string): void {
    const thread = this.#threadOf(commentId);
    const comment = thread?.top.id === commentId ? thread.top : thread?.replies.find((reply) => reply.id === commentId);
    if (!comment) throw new Error(`no comment ${commentId}`);
    comment.moderationStatus = 'published';
  }

  /** Every access token given so far expires now (as an hour later). */
  expireTokens(): void {
    this.#tokens.expireAll();
  }

  resetQuota(): void {
    this.unitsUsed = 0;
  }

  #threadOf(commentId: string): StoredThread | undefined {
    return this.threads.get(commentId.split('.')[0]!);
  }

  #newComment(text: string, author: { name: string; channelId: string }, videoId: string, parentId: string | undefined): StoredComment {
    // Strictly increasing times, so order=time is well defined even within one millisecond.
    this.#clock = Math.max(Date.now(), this.#clock + 1);
    const id = parentId ? `${parentId}.${randomId(22)}` : `Ugz${randomId(23)}`;
    return { id, text, author, videoId, channelId: this.channelId, publishedAt: new Date(this.#clock).toISOString(), moderationStatus: 'published', ...(parentId ? { parentId } : {}) };
  }

  protected async route(request: Request, context: RouteContext): Promise<Response> {
    if (request.method === 'POST' && context.path === '/token') return this.#tokens.answer(context.body);
    const method = methodOf(request.method, context.path);
    if (!method) return googleError(404, 'notFound', 'Not Found', 'global');
    if (!this.#tokens.accepts(request.headers.get('authorization'))) {
      return googleError(401, 'authError', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.', 'global');
    }
    const bad = checkParameters(method, context.url.searchParams);
    if (bad) return bad;
    if (this.unitsUsed + UNITS[method] > this.dailyQuota) {
      return googleError(403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.');
    }
    this.unitsUsed += UNITS[method];
    const query = context.url.searchParams;
    const textFormat = query.get('textFormat') ?? 'html';
    if (method === 'comments.insert') return this.#insert(context.body, textFormat);
    if (method === 'videos.list') return this.#videos(query);
    if (method === 'comments.list') return this.#comments(query, textFormat);
    return this.#commentThreads(query, textFormat);
  }

  #commentThreads(query: URLSearchParams, textFormat: string): Response {
    const filters = ['allThreadsRelatedToChannelId', 'channelId', 'id', 'videoId'].filter((name) => query.has(name));
    if (filters.length !== 1) return googleError(400, 'incompatibleParameters', 'Exactly one of allThreadsRelatedToChannelId, channelId, id or videoId must be given.');
    const status = query.get('moderationStatus');
    if (status !== null && query.has('id')) return googleError(400, 'incompatibleParameters', 'The moderationStatus parameter cannot be used with the id parameter.');
    let threads = [...this.threads.values()].filter((thread) => query.has('id') || thread.top.moderationStatus === (status ?? 'published'));
    if (query.has('id')) threads = threads.filter((thread) => query.get('id')!.split(',').includes(thread.id));
    else if (query.has('videoId')) threads = threads.filter((thread) => thread.videoId === query.get('videoId'));
    else if ((query.get('allThreadsRelatedToChannelId') ?? query.get('channelId')) !== this.channelId) threads = [];
    // order=time: the most recently active thread first (a new reply brings its thread up).
    threads.sort((a, b) => lastActivity(b) - lastActivity(a));
    const page = paginate(threads, query, 20);
    const items = page.items.map((thread) => threadJson(thread, { inlineReplies: INLINE_REPLIES, textFormat, withReplies: query.get('part')!.split(',').includes('replies') }));
    return Response.json({ kind: 'youtube#commentThreadListResponse', etag: etag(), ...(page.next ? { nextPageToken: page.next } : {}), pageInfo: { totalResults: threads.length, resultsPerPage: page.size }, items });
  }

  #comments(query: URLSearchParams, textFormat: string): Response {
    const parentId = query.get('parentId');
    if (!parentId) return googleError(400, 'missingRequiredParameter', 'No filter selected. Expected one of: parentId, id');
    const thread = this.#threadOf(parentId);
    if (!thread || thread.top.id !== parentId) return googleError(404, 'commentNotFound', 'The comment identified by the parentId parameter could not be found.');
    const page = paginate(thread.replies, query, 20);
    return Response.json({ kind: 'youtube#commentListResponse', etag: etag(), ...(page.next ? { nextPageToken: page.next } : {}), pageInfo: { totalResults: thread.replies.length, resultsPerPage: page.size }, items: page.items.map((comment) => commentJson(comment, textFormat)) });
  }

  #videos(query: URLSearchParams): Response {
    const ids = (query.get('id') ?? '').split(',').filter(Boolean);
    const items = ids.flatMap((id) => {
      const video = this.videos.get(id);
      return video ? [{ kind: 'youtube#video', etag: etag(), id, snippet: { title: video.title, channelId: this.channelId, publishedAt: '2026-01-01T00:00:00Z' } }] : [];
    });
    return Response.json({ kind: 'youtube#videoListResponse', etag: etag(), pageInfo: { totalResults: items.length, resultsPerPage: items.length }, items });
  }

  #insert(body: string, textFormat: string): Response {
    let parsed: { snippet?: { parentId?: unknown; textOriginal?: unknown } };
    try {
      parsed = JSON.parse(body);
    } catch {
      return googleError(400, 'parseError', 'Invalid JSON payload received.', 'global');
    }
    const parentId = parsed.snippet?.parentId;
    const text = parsed.snippet?.textOriginal;
    if (typeof parentId !== 'string' || parentId === '') return googleError(400, 'parentIdMissing', 'No parent ID was specified.');
    if (typeof text !== 'string' || text.trim() === '') return googleError(400, 'invalidCommentMetadata', 'The request metadata is invalid.');
    if ([...text].length > MAX_TEXT) return googleError(400, 'commentTextTooLong', 'The comment resource that is being inserted contains too many characters in the textOriginal property.');
    const thread = this.#threadOf(parentId);
    if (!thread || thread.top.id !== parentId) return googleError(404, 'parentCommentNotFound', 'The specified parent comment could not be found.');
    if (this.videos.get(thread.videoId)?.commentsDisabled) return googleError(403, 'commentsDisabled', 'The video identified by the videoId parameter has disabled comments.');
    const comment = this.reply({ parentId, text, author: { name: 'Sandbox Channel', channelId: this.channelId } });
    return Response.json(commentJson(comment, textFormat));
  }
}

const CUSTOMER = { name: 'A Customer', channelId: 'UCcustomer0000000000000A' };

function methodOf(httpMethod: string, path: string): Method | undefined {
  if (httpMethod === 'GET' && path === '/youtube/v3/commentThreads') return 'commentThreads.list';
  if (httpMethod === 'GET' && path === '/youtube/v3/comments') return 'comments.list';
  if (httpMethod === 'POST' && path === '/youtube/v3/comments') return 'comments.insert';
  if (httpMethod === 'GET' && path === '/youtube/v3/videos') return 'videos.list';
  return undefined;
}

function lastActivity(thread: StoredThread): number {
  return Date.parse((thread.replies.at(-1) ?? thread.top).publishedAt);
}

function paginate<T>(items: readonly T[], query: URLSearchParams, defaultSize: number): { items: T[]; next: string | undefined; size: number } {
  const size = Number(query.get('maxResults') ?? defaultSize);
  const start = query.has('pageToken') ? Number(Buffer.from(query.get('pageToken')!, 'base64url').toString()) || 0 : 0;
  const next = start + size < items.length ? Buffer.from(String(start + size)).toString('base64url') : undefined;
  return { items: items.slice(start, start + size), next, size };
}

const etag = () => randomId(27);
