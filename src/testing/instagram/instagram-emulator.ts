/**
 * A strict emulator of the Instagram Graph API through Facebook Login (host graph.facebook.com, a Page
 * access token of the Page the Instagram professional account is linked to), for tests and the sandbox.
 * Follows developers.facebook.com: Instagram Platform reference
 * (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference), comment
 * moderation (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/guides/comment-moderation),
 * Instagram Messaging (https://developers.facebook.com/docs/messenger-platform/instagram), errors
 * (https://developers.facebook.com/docs/graph-api/guides/error-handling) and rate limiting
 * (https://developers.facebook.com/docs/graph-api/overview/rate-limiting/):
 * - the token as `access_token` or `Authorization: Bearer`; a wrong one is code 190, an expired one
 *   190 / 463; `appsecret_proof`, when sent, must be hex HMAC-SHA256(app secret, token);
 * - a Graph version in the path (src/testing/meta/meta-graph-versions.ts: an unknown one is refused with
 *   code 2500, one past its date answered by the oldest available), named by `facebook-api-version`;
 * - only the asked `fields` (node defaults otherwise), 400 (#100) for an unknown field or bad parameter;
 * - `X-App-Usage` on every answer, `X-Business-Use-Case-Usage` keyed by the IG user id (type
 *   `instagram`) for Instagram Graph calls and by the Page id (type `messenger`) for Instagram
 *   Messaging; a spent window answers the throttling codes with HTTP 400/403, never 429: 4 (app),
 *   80002 (Instagram business use case), 613 (messaging, and the Conversations API's 2 calls per
 *   second, and private replies' 750 per hour);
 * - the rules of instagram-graph.ts (comments, replies, mentions) and instagram-direct.ts (DMs, Send API).
 * It shares graph.facebook.com with the Facebook emulator: `claims()` says which requests are its own
 * (see `instagramHandlers(emulator, base, { shared: true })`).
 */
import { hmac, timingSafeEqual } from '../../core/hmac.js';
import { parseJson } from '../../core/json.js';
import { Emulator, type EmulatorOptions, type RouteContext } from '../emulator.js';
import { GraphError } from '../meta/meta-graph-error.js';
import { FieldsError } from '../meta/meta-graph-fields.js';
import { answeringVersion } from '../meta/meta-graph-versions.js';
import type { WindowRule } from '../window-limiter.js';
import type { CommentRecord, DirectConversation, InstagramUser, MediaRecord } from './instagram-data.js';
import { InstagramDirect } from './instagram-direct.js';
import { InstagramGraph, type Params } from './instagram-graph.js';
import { commentsPayload, mentionsPayload, messagesPayload, signAndDeliver, type WebhookTarget } from './instagram-webhooks.js';

export interface InstagramEmulatorOptions extends EmulatorOptions {
  /** The Page the Instagram account is linked to (the same Page as the Facebook emulator's by default). @default '1000000001' */
  pageId?: string;
  /** The IG professional account's IG user id. @default '17841400000000001' */
  instagramAccountId?: string;
  /** @default 'acme.support' */
  username?: string;
  /** The Page token the emulator accepts. @default 'emulator-page-token' */
  pageAccessToken?: string;
  /** Signs webhooks and checks `appsecret_proof`. @default 'emulator-app-secret' */
  appSecret?: string;
  /** The token expires this long after the emulator starts (code 190 / 463 after). Default: it does not. */
  tokenLifetimeMs?: number;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
// Documented allowances, scaled to one account: the Instagram BUC (4800 × impressions per 24 h),
// 200 calls per user per hour for a 50-user app, the Conversations API's 2 calls per second per
// account, 750 private replies per hour (https://developers.facebook.com/docs/messenger-platform/instagram/features/private-replies).
const DEFAULT_LIMITS: Record<string, WindowRule> = {
  app: { limit: 10_000, windowMs: HOUR },
  instagram: { limit: 4800, windowMs: DAY },
  messenger: { limit: 2000, windowMs: DAY },
  conversations: { limit: 2, windowMs: 1000 },
  private_replies: { limit: 750, windowMs: HOUR },
};

export class InstagramEmulator extends Emulator {
  readonly platform = 'instagram';
  readonly pageId: string;
  readonly instagramAccountId: string;
  /** The Page token Graph accepts; assign another to rotate it (the old one is refused with code 190 from then on). */
  pageAccessToken: string;
  readonly appSecret: string;
  readonly graph: InstagramGraph;
  readonly direct: InstagramDirect;
  #tokenExpiresAt: number;

  constructor(options: InstagramEmulatorOptions = {}) {
    super(options);
    this.pageId = options.pageId ?? '1000000001';
    this.instagramAccountId = options.instagramAccountId ?? '17841400000000001';
    this.pageAccessToken = options.pageAccessToken ?? 'emulator-page-token';
    this.appSecret = options.appSecret ?? 'emulator-app-secret';
    this.#tokenExpiresAt = options.tokenLifetimeMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.tokenLifetimeMs;
    this.graph = new InstagramGraph({ id: this.instagramAccountId, username: options.username ?? 'acme.support' });
    this.direct = new InstagramDirect(this.graph);
  }

  protected override defaultLimit(bucket: string): WindowRule | undefined {
    return DEFAULT_LIMITS[bucket];
  }

  /** How many objects (comments, replies, DMs, private replies) calls have created. */
  get created(): number {
    return this.graph.created;
  }

  /** The token expires now (the next call is refused with 190 / 463), until a new one is assigned with `rotateToken`. */
  expireToken(): void {
    this.#tokenExpiresAt = Date.now() - 1;
  }

  /** A new Page token, valid for `lifetimeMs` (default: forever); the old one is refused from now on. */
  rotateToken(token: string, lifetimeMs?: number): void {
    this.pageAccessToken = token;
    this.#tokenExpiresAt = lifetimeMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + lifetimeMs;
  }

  // --- seeding: what the account and its customers do outside the channel ---

  /** A post of the account (or of `owner`, another account that may tag or @mention ours); returns its id. */
  media(input: { caption: string; at?: Date; mediaType?: MediaRecord['mediaType']; productType?: MediaRecord['productType']; commentEnabled?: boolean; owner?: string; tagsAccount?: boolean } = { caption: '' }): string {
    const owner = input.owner ? this.graph.person(input.owner) : this.graph.account;
    return this.graph.addMedia({
      caption: input.caption,
      owner,
      createdMs: input.at?.getTime() ?? Date.now(),
      mediaType: input.mediaType ?? (input.productType === 'LIVE' || input.productType === 'REELS' ? 'VIDEO' : 'IMAGE'),
      productType: input.productType ?? 'FEED',
      commentEnabled: input.commentEnabled ?? true,
      tagged: input.tagsAccount ? [this.instagramAccountId] : [],
    }).id;
  }

  /** A person comments on media, or replies to a comment (`on` a comment id); returns the comment id. */
  comment(input: { from: string; username?: string; text: string; on: string; at?: Date }): string {
    const from = this.graph.person(input.from, input.username);
    const parent = this.graph.comments.get(input.on);
    const mediaId = parent ? parent.mediaId : input.on;
    if (!this.graph.media.has(mediaId)) throw new Error(`no media or comment ${input.on} to comment on`);
    // Instagram threads one level deep: a reply to a reply lands under the top-level comment.
    return this.graph.addComment(mediaId, input.text, from, input.at?.getTime() ?? Date.now(), parent ? (parent.parentId ?? parent.id) : undefined).id;
  }

  /** Hide (or show) a comment, as `POST /{ig-comment-id}?hide=true` would. */
  hideComment(commentId: string, hidden = true): void {
    const comment = this.graph.comments.get(commentId);
    if (!comment) throw new Error(`no comment ${commentId}`);
    comment.hidden = hidden;
  }

  /** A person writes to the account on Instagram Direct; returns the message id (mid). */
  directMessage(input: { from: string; username?: string; text: string; at?: Date }): string {
    const person = this.graph.person(input.from, input.username);
    return this.direct.add(person, person, input.text, input.at?.getTime() ?? Date.now()).id;
  }

  /** The conversation with a person (IGSID), if any. */
  conversation(igsid: string): DirectConversation | undefined {
    return this.direct.conversations.get(igsid);
  }

  commentRecord(commentId: string): CommentRecord | undefined {
    return this.graph.comments.get(commentId);
  }

  get account(): InstagramUser {
    return this.graph.account;
  }

  // --- webhooks ---

  /** The `comments` change Meta sends for a comment or reply on the account's media. */
  commentsPayload(commentId: string): unknown {
    const comment = this.graph.comments.get(commentId);
    if (!comment) throw new Error(`no comment ${commentId}`);
    return commentsPayload(this.instagramAccountId, comment, this.graph.media.get(comment.mediaId)!);
  }

  /** The `mentions` change for a comment (or, without one, a caption) that @mentions the account. */
  mentionsPayload(input: { mediaId: string; commentId?: string }): unknown {
    const at = input.commentId ? this.graph.comments.get(input.commentId)?.createdMs : this.graph.media.get(input.mediaId)?.createdMs;
    return mentionsPayload(this.instagramAccountId, input.mediaId, input.commentId, at ?? Date.now());
  }

  /** The `messaging` event Meta sends for a Direct message. */
  messagesPayload(mid: string): unknown {
    const message = [...this.direct.conversations.values()].flatMap((conversation) => conversation.messages).find((item) => item.id === mid);
    if (!message) throw new Error(`no Direct message ${mid}`);
    return messagesPayload(this.instagramAccountId, message);
  }

  /** POST a payload to a webhook, signed with `X-Hub-Signature-256` unless `signature` says otherwise (null: none). */
  deliverWebhook(target: WebhookTarget, payload: unknown, options: { signature?: string | null } = {}): Promise<Response> {
    return signAndDeliver(target, payload, this.appSecret, options.signature);
  }

  // --- routing beside the Facebook emulator ---

  /** Whether a request to graph.facebook.com is for this emulator (its account, media, comments, Instagram conversations, Send API to its people). */
  async claims(request: Request, base: string): Promise<boolean> {
    const { segments } = this.#split(new URL(request.url).pathname.slice(new URL(base).pathname.replace(/\/$/, '').length));
    const [id = '', edge] = segments;
    if (this.graph.owns(id) || this.direct.isConversation(id)) return true;
    if (id !== this.pageId && id !== 'me') return false;
    if (edge === 'conversations') return new URL(request.url).searchParams.get('platform') === 'instagram';
    if (edge !== 'messages' || request.method !== 'POST') return false;
    const body = await request.clone().text();
    const params = request.headers.get('content-type')?.includes('json') ? (parseJson(body) as Params | undefined) : Object.fromEntries(new URLSearchParams(body));
    const recipient = (typeof params?.recipient === 'string' ? parseJson(params.recipient) : params?.recipient) as { id?: string; comment_id?: string } | undefined;
    return (recipient?.id !== undefined && this.direct.conversations.has(recipient.id)) || (recipient?.comment_id !== undefined && this.graph.comments.has(recipient.comment_id));
  }

  // --- the API ---

  protected async route(request: Request, context: RouteContext): Promise<Response> {
    const { version, segments } = this.#split(context.path);
    let [id = '', edge, ...rest] = segments;
    if (id === 'me') id = this.pageId; // a Page token's "me" is the Page
    const messaging = id === this.pageId || this.direct.isConversation(id);
    let response: Response;
    let answering: string | undefined;
    try {
      if (!version) throw new GraphError(400, 2500, `Unknown path components: ${context.path.split('?')[0]}`, { type: 'OAuthException' });
      answering = answeringVersion(version);
      await this.#authorize(request, context.url);
      if (rest.length > 0 || !id) throw new GraphError(400, 2500, `Unknown path components: /${segments.join('/')}`, { type: 'OAuthException' });
      const params = readParams(request, context);
      const privateReply = request.method === 'POST' && edge === 'messages' && JSON.stringify(params.recipient ?? '').includes('comment_id');
      this.#throttle(messaging ? 'messenger' : 'instagram', { conversations: request.method === 'GET' && messaging, privateReply });
      const answerContext = { base: context.base, version: answering, now: Date.now() };
      let body: unknown;
      if (id === this.pageId) {
        if (request.method === 'GET' && edge === 'conversations') body = this.direct.conversationList(params, answerContext, `/${id}/conversations`);
        else if (request.method === 'POST' && edge === 'messages') body = this.direct.send(params, answerContext.now);
        else throw new GraphError(400, 100, `(#100) Unsupported ${request.method.toLowerCase()} request on the Page for Instagram`, { subcode: 33, type: 'GraphMethodException' });
      } else if (this.direct.isConversation(id) && request.method === 'GET' && (edge === 'messages' || edge === undefined)) {
        body = edge === 'messages' ? this.direct.messageList(id, params, answerContext) : { id };
      } else {
        body = this.graph.answer(request.method, id, edge, params, answerContext);
      }
      response = Response.json(body);
    } catch (error) {
      if (error instanceof FieldsError) response = new GraphError(400, 100, error.message, { type: 'OAuthException' }).response();
      else response = error instanceof GraphError ? error.response() : Response.json({ error: { message: String(error), type: 'GraphMethodException', code: 1 } }, { status: 500 });
    }
    this.#usageHeaders(response.headers, messaging);
    if (answering) response.headers.set('facebook-api-version', answering);
    return response;
  }

  #split(path: string): { version: string | undefined; segments: string[] } {
    const match = /^\/(v\d+\.\d+)(?=\/|$)/.exec(path);
    const rest = match ? path.slice(match[0].length) : path;
    return { version: match?.[1], segments: rest.split('?')[0]!.split('/').filter(Boolean).map(decodeURIComponent) };
  }

  async #authorize(request: Request, url: URL): Promise<void> {
    const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    const token = bearer ?? url.searchParams.get('access_token');
    if (!token) throw new GraphError(400, 2500, 'An active access token must be used to query information about the current user.', { type: 'OAuthException' });
    if (!timingSafeEqual(token, this.pageAccessToken)) throw new GraphError(400, 190, 'Invalid OAuth access token - Cannot parse access token', { type: 'OAuthException' });
    if (Date.now() >= this.#tokenExpiresAt) {
      throw new GraphError(400, 190, `Error validating access token: Session has expired on ${new Date(this.#tokenExpiresAt).toUTCString()}.`, { type: 'OAuthException', subcode: 463 });
    }
    const proof = url.searchParams.get('appsecret_proof');
    if (proof !== null && !timingSafeEqual(proof, await hmac('SHA-256', this.appSecret, token, 'hex'))) {
      throw new GraphError(400, 100, 'Invalid appsecret_proof provided in the API argument', { type: 'GraphMethodException' });
    }
  }

  #throttle(useCase: 'instagram' | 'messenger', extra: { conversations: boolean; privateReply: boolean }): void {
    if (this.limiter.hit('app')?.allowed === false) throw new GraphError(403, 4, '(#4) Application request limit reached', { type: 'OAuthException' });
    if (this.limiter.hit(useCase)?.allowed === false) {
      if (useCase === 'messenger') throw new GraphError(400, 613, '(#613) Calls to this api have exceeded the rate limit.', { type: 'OAuthException' });
      throw new GraphError(400, 80002, '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again.', { type: 'OAuthException' });
    }
    if (extra.conversations && this.limiter.hit('conversations')?.allowed === false) throw new GraphError(400, 613, '(#613) Calls to this api have exceeded the rate limit.', { type: 'OAuthException' });
    if (extra.privateReply && this.limiter.hit('private_replies')?.allowed === false) throw new GraphError(400, 613, '(#613) Calls to this api have exceeded the rate limit.', { type: 'OAuthException' });
  }

  #usageHeaders(headers: Headers, messaging: boolean): void {
    const usage = (bucket: string) => {
      const state = this.limiter.peek(bucket);
      if (!state) return { call_count: 0, total_cputime: 0, total_time: 0, estimated_time_to_regain_access: 0 };
      const percent = Math.floor(((state.limit - state.remaining) * 100) / state.limit);
      const waitMs = Math.max(0, state.resetAt - Date.now());
      const windowMs = this.options.limits?.[bucket]?.windowMs ?? this.defaultLimit(bucket)?.windowMs ?? 0;
      // Whole minutes on Graph; the fraction for windows under a minute (tests), as the Facebook emulator does.
      const regain = state.remaining > 0 ? 0 : windowMs >= 60_000 ? Math.ceil(waitMs / 60_000) : Math.ceil(waitMs / 60) / 1000;
      return { call_count: percent, total_cputime: Math.floor(percent / 2), total_time: Math.floor(percent / 2), estimated_time_to_regain_access: regain };
    };
    const { estimated_time_to_regain_access: _unused, ...app } = usage('app');
    headers.set('x-app-usage', JSON.stringify(app));
    const type = messaging ? 'messenger' : 'instagram';
    const owner = messaging ? this.pageId : this.instagramAccountId;
    headers.set('x-business-use-case-usage', JSON.stringify({ [owner]: [{ type, ...usage(type) }] }));
  }
}

/** Query parameters, then the body's (form or JSON) on top, as Graph merges them. */
function readParams(request: Request, context: RouteContext): Params {
  const params: Params = {};
  context.url.searchParams.forEach((value, key) => (params[key] = value));
  if (!context.body) return params;
  if ((request.headers.get('content-type') ?? '').includes('application/json')) {
    const json = parseJson(context.body);
    if (json === undefined) throw new GraphError(400, 100, '(#100) The request body is not valid JSON');
    if (json && typeof json === 'object') Object.assign(params, json);
  } else {
    new URLSearchParams(context.body).forEach((value, key) => (params[key] = value));
  }
  return params;
}
