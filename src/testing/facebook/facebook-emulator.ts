/**
 * A strict emulator of the Graph API parts the Facebook channel uses, for tests and the sandbox.
 * Follows developers.facebook.com: Pages API posts (https://developers.facebook.com/docs/pages-api/posts),
 * comments (https://developers.facebook.com/docs/graph-api/reference/object/comments), Conversations API
 * (https://developers.facebook.com/docs/messenger-platform/conversations), Send API
 * (https://developers.facebook.com/docs/messenger-platform/reference/send-api/), errors
 * (https://developers.facebook.com/docs/graph-api/guides/error-handling) and rate limiting
 * (https://developers.facebook.com/docs/graph-api/overview/rate-limiting/):
 * - the token as `access_token` or `Authorization: Bearer`; a wrong one is code 190 (OAuthException);
 *   `appsecret_proof`, when sent (or required), must be hex HMAC-SHA256(app secret, token);
 * - only the asked `fields` (node defaults otherwise), a 400 (#100) for an unknown field or bad parameter;
 * - `X-App-Usage` and `X-Business-Use-Case-Usage` (types `pages`, `messenger`) on answers "once enough calls
 *   have been made" (here: once a bucket is 1 % used), not on every answer;
 * - Messenger: 200 calls × the people who wrote in the last 24 hours, per 24 hours; the Conversations API
 *   2 calls per second per Page (code 613 beyond);
 *   a spent window answers the throttling codes with HTTP 400/403, never 429: 4 (app, 403),
 *   80001 (Page business use case, 400), 613 (Send API, 400);
 * - the 24-hour window: a RESPONSE to a person whose last message is older is code 10 / subcode 2018278;
 * - a Page post identical to one of the last 24 hours is refused (code 506, duplicate status message);
 * - versions as the changelog lists them: an unknown one is refused (2500), one past its date is answered by
 *   the oldest available, named in `facebook-api-version` (src/testing/meta/meta-graph-versions.ts);
 * - a read with nested edges that returns more than `maxObjectsPerRead` objects is HTTP 500 code 1
 *   "Please reduce the amount of data you're asking for, then retry your request".
 */
import { Emulator, type EmulatorOptions, type RouteContext } from '../emulator.js';
import type { WindowRule } from '../window-limiter.js';
import { FacebookGraph } from './facebook-graph.js';
import { GraphError } from '../meta/meta-graph-error.js';
import { authorizeGraphCall } from '../meta/meta-graph-auth.js';
import { readMultipartParams, readParams } from '../meta/meta-graph-params.js';
import { answeringVersion } from '../meta/meta-graph-versions.js';
import { graphUsage, setUsageHeaders } from '../meta/meta-usage-headers.js';
import { feedCommentPayload, feedPostPayload, mentionPayload, messageEditEvent, messagingEvent, messagingEventPayload, messagingPayload, type MessagingEventKind } from './facebook-webhooks.js';
import { signWebhook, type WebhookTarget } from '../meta/meta-webhook-delivery.js';
import type { ConversationRecord, MessengerRecord, Profile } from './facebook-data.js';

export interface FacebookEmulatorOptions extends EmulatorOptions {
  /** @default '1000000001' */
  pageId?: string;
  /** @default 'Acme Support' */
  pageName?: string;
  /** The Page token the emulator accepts. @default 'emulator-page-token' */
  pageAccessToken?: string;
  /** Signs webhooks and checks `appsecret_proof`. @default 'emulator-app-secret' */
  appSecret?: string;
  /** Refuse calls without `appsecret_proof` (the app setting "Require App Secret"). @default false */
  requireAppSecretProof?: boolean;
  /**
   * The most objects (posts, comments, messages, at any depth) one read with nested edges may return;
   * more is HTTP 500 code 1 "Please reduce the amount of data you're asking for". @default 2500
   */
  maxObjectsPerRead?: number;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
// Documented allowances, scaled to one Page: Pages BUC 4800 calls per engaged user per 24 hours;
// the app's 200 calls per user per hour for a 50-user app. Messenger (below) is 200 calls per person the
// Page can message per 24 hours, and the Conversations API 2 calls per second per Page.
const DEFAULT_LIMITS: Record<string, WindowRule> = {
  app: { limit: 10_000, windowMs: HOUR },
  pages: { limit: 4800, windowMs: DAY },
  conversations: { limit: 2, windowMs: 1000 },
};
const MESSENGER_CALLS_PER_PERSON = 200;
// Graph sends usage headers "once enough calls have been made": here once a bucket is 1 % used.
const USAGE_HEADERS_FROM_PERCENT = 1;

export class FacebookEmulator extends Emulator {
  readonly platform = 'facebook';
  readonly pageId: string;
  /** The Page token Graph accepts; assign another to rotate it (the old one is refused with code 190 from then on). */
  pageAccessToken: string;
  readonly appSecret: string;
  readonly graph: FacebookGraph;
  readonly #requireProof: boolean;

  constructor(options: FacebookEmulatorOptions = {}) {
    super(options);
    this.pageId = options.pageId ?? '1000000001';
    this.pageAccessToken = options.pageAccessToken ?? 'emulator-page-token';
    this.appSecret = options.appSecret ?? 'emulator-app-secret';
    this.#requireProof = options.requireAppSecretProof ?? false;
    const max = options.maxObjectsPerRead;
    if (max !== undefined && (!Number.isInteger(max) || max < 1)) throw new TypeError(`FacebookEmulator: maxObjectsPerRead must be a positive integer, not ${String(max)}`);
    this.graph = new FacebookGraph({ id: this.pageId, name: options.pageName ?? 'Acme Support' }, max);
  }

  protected override defaultLimit(bucket: string): WindowRule | undefined {
    if (bucket === 'messenger') return { limit: MESSENGER_CALLS_PER_PERSON * Math.max(1, this.#peopleToMessage()), windowMs: DAY };
    return DEFAULT_LIMITS[bucket];
  }

  /** People who wrote in the last 24 hours: those the Page can message with a RESPONSE. */
  #peopleToMessage(now = Date.now()): number {
    return [...this.graph.conversations.values()].filter((conversation) => conversation.lastInboundMs !== undefined && now - conversation.lastInboundMs <= DAY).length;
  }

  /** How many objects (posts, comments, Messenger messages) calls have created. */
  get created(): number {
    return this.graph.created;
  }

  // --- seeding: what customers (and the Page, outside the channel) do ---

  /** A post on the Page (by the Page unless `from` says otherwise); returns its id. */
  post(input: { message: string; from?: Profile; at?: Date }): string {
    return this.graph.addPost(input.message, input.from ?? this.graph.page, input.at?.getTime() ?? Date.now()).id;
  }

  /** A person comments on a post or replies to a comment; returns the comment id. */
  comment(input: { from: Profile | string; message: string; on: string; at?: Date; attachmentUrl?: string }): string {
    const from = typeof input.from === 'string' ? this.graph.person(input.from) : input.from;
    const comment = this.graph.addComment(input.on, input.message, from, input.at?.getTime() ?? Date.now(), input.attachmentUrl);
    if (!comment) throw new Error(`no post or comment ${input.on} to comment on`);
    return comment.id;
  }

  /** A person mentions the Page in a post on their own timeline (read with `/{page-id}/tagged`); returns the post id. */
  mention(input: { from: Profile; message: string; at?: Date }): string {
    return this.graph.addMention(input.message, input.from, input.at?.getTime() ?? Date.now()).id;
  }

  /** The `feed` change Graph sends for a post on the Page by someone else (`item: post` or `status`). */
  feedPostPayload(postId: string, item: 'post' | 'status' = 'status'): unknown {
    const post = this.graph.posts.get(postId);
    if (!post) throw new Error(`no post ${postId}`);
    return feedPostPayload(this.pageId, post, item);
  }

  /** The `mention` change Graph sends for a mention: of a post made with mention(), or of a comment by its id. */
  mentionPayload(id: string): unknown {
    const post = this.graph.tagged.get(id);
    if (post) return mentionPayload(this.pageId, { postId: post.id, message: post.message, createdMs: post.createdMs });
    const comment = this.graph.comments.get(id);
    if (!comment) throw new Error(`no mention ${id}`);
    return mentionPayload(this.pageId, { postId: comment.postId, commentId: comment.id, message: comment.message, createdMs: comment.createdMs });
  }

  /** A person writes to the Page on Messenger; returns the message id (mid). */
  messengerMessage(input: { from: string; name?: string; text: string; at?: Date }): string {
    const person = this.graph.person(input.from, input.name);
    return this.graph.addMessengerMessage(person, person, input.text, input.at?.getTime() ?? Date.now()).id;
  }

  /**
   * The Send API refuses this person from now on: `blocked` (they blocked the Page: code 200 "This person isn't
   * receiving messages from you right now") or `unavailable` (code 551 / 1545041 "This person isn't available right now.").
   */
  refuseMessagesTo(psid: string, reason: 'blocked' | 'unavailable'): void {
    this.graph.refusals.set(psid, reason);
  }

  /**
   * The next matching call (every one by default) fails as Graph fails when nothing was done and a retry may pass:
   * code 2 with `is_transient: true` (HTTP 500, "An unexpected error has occurred. Please retry your request later.")
   * or the Send API's 1200 "Temporary send message failure. Please try again later." (Messenger error codes).
   */
  failTransiently(code: 2 | 1200, match: { method?: string; path?: string | RegExp } = {}, times = 1): void {
    const body =
      code === 2
        ? { error: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', is_transient: true, code: 2, fbtrace_id: 'AEmuTransient' } }
        : { error: { message: '(#1200) Temporary send message failure. Please try again later.', type: 'OAuthException', code: 1200, fbtrace_id: 'AEmuTransient' } };
    this.fail({ match, status: code === 2 ? 500 : 400, body, times });
  }

  /** The conversation with a person (PSID), if any. */
  conversation(psid: string): ConversationRecord | undefined {
    return this.graph.conversations.get(psid);
  }

  // --- webhooks ---

  /** The `feed` change Graph sends for a comment (restfb/restfb src/test/resources/json/webhooks/feed-comment-add-211.json). */
  feedCommentPayload(commentId: string): unknown {
    const comment = this.graph.comments.get(commentId);
    if (!comment) throw new Error(`no comment ${commentId}`);
    return feedCommentPayload(this.pageId, comment);
  }

  /** The `messaging` event Graph sends for a message (restfb/restfb .../messaging-message-*.json). */
  messagingPayload(mid: string): unknown {
    const message = [...this.graph.conversations.values()].flatMap((conversation) => conversation.messages).find((item) => item.id === mid);
    if (!message) throw new Error(`no Messenger message ${mid}`);
    return messagingPayload(this.pageId, message);
  }

  /** A person edits their Messenger message: the record changes, and the `message_edit` event Graph sends is returned. */
  editMessengerMessage(mid: string, text: string, at = new Date()): unknown {
    const message = this.#messengerRecord(mid);
    message.text = text;
    message.edits = (message.edits ?? 0) + 1;
    return messagingEventPayload(this.pageId, messageEditEvent(message.from.id, this.pageId, mid, text, message.edits, at.getTime()));
  }

  /** A person unsends their Messenger message: it leaves the conversation, and the `is_deleted` event is returned. */
  unsendMessengerMessage(mid: string, at = new Date()): unknown {
    const message = this.#messengerRecord(mid);
    const conversation = this.graph.conversations.get(message.from.id)!;
    conversation.messages.splice(conversation.messages.indexOf(message), 1);
    return messagingEventPayload(this.pageId, messagingEvent('deleted', message.from.id, this.pageId, mid, at.getTime()));
  }

  /** Another event of a person's conversation that is not a new message: a read, a delivery, a postback, ... */
  conversationEventPayload(kind: MessagingEventKind, psid: string, at = new Date()): unknown {
    const mid = this.graph.conversations.get(psid)?.messages.at(-1)?.id ?? 'm_unknown';
    return messagingEventPayload(this.pageId, messagingEvent(kind, psid, this.pageId, kind === 'unsupported' ? `m_unsupported_${at.getTime()}` : mid, at.getTime()));
  }

  /** A message event under `standby` (another app owns the thread: https://developers.facebook.com/docs/messenger-platform/handover-protocol). */
  standbyPayload(mid: string): unknown {
    const message = this.#messengerRecord(mid);
    return messagingEventPayload(this.pageId, { sender: { id: message.from.id }, recipient: { id: message.to.id }, timestamp: message.createdMs, message: { mid, text: message.text } }, 'standby');
  }

  #messengerRecord(mid: string): MessengerRecord {
    const message = [...this.graph.conversations.values()].flatMap((conversation) => conversation.messages).find((item) => item.id === mid);
    if (!message) throw new Error(`no Messenger message ${mid}`);
    return message;
  }

  /**
   * POST a payload to a webhook (a URL or a fetch-style handler such as `channel.webhook`), signed
   * with `X-Hub-Signature-256` unless `signature` is given (a string to send instead, or null for none).
   */
  deliverWebhook(target: WebhookTarget, payload: unknown, options: { signature?: string | null } = {}): Promise<Response> {
    return signWebhook(target, payload, this.appSecret, options.signature);
  }

  // --- the API ---

  protected async route(request: Request, context: RouteContext): Promise<Response> {
    const versionMatch = /^\/(v\d+\.\d+)(?=\/)/.exec(context.path);
    // Without a version Graph takes the app's default (here the latest); an unknown one is refused below.
    const version = versionMatch?.[1] ?? 'v26.0';
    const path = versionMatch ? context.path.slice(versionMatch[0].length) : context.path;
    // `me` with a Page token is the Page.
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent).map((segment, index) => (index === 0 && segment === 'me' ? this.pageId : segment));
    const useCase = segments[1] === 'messages' || segments[1] === 'message_attachments' || segments[1] === 'conversations' || this.graph.isConversation(segments[0]) ? 'messenger' : 'pages';
    const conversationRead = request.method === 'GET' && (segments[1] === 'conversations' || this.graph.isConversation(segments[0]));
    let response: Response;
    let answering: string | undefined;
    try {
      answering = answeringVersion(version);
      await authorizeGraphCall(request, context.url, { token: this.pageAccessToken, appSecret: this.appSecret, requireProof: this.#requireProof });
      this.#throttle(useCase, conversationRead);
      const multipart = (request.headers.get('content-type') ?? '').startsWith('multipart/form-data');
      const params = multipart ? await readMultipartParams(request, context) : readParams(request, context);
      response = Response.json(
        await this.graph.answer(request.method, segments, params, { base: context.base, version, now: Date.now() }),
      );
    } catch (error) {
      response = error instanceof GraphError ? error.response() : Response.json({ error: { message: String(error), type: 'GraphMethodException', code: 1 } }, { status: 500 });
    }
    this.#usageHeaders(response.headers);
    if (answering) response.headers.set('facebook-api-version', answering);
    return response;
  }

  #throttle(useCase: 'pages' | 'messenger', conversationRead: boolean): void {
    if (conversationRead && this.limiter.hit('conversations')?.allowed === false) {
      throw new GraphError(400, 613, '(#613) Calls to this api have exceeded the rate limit.', { type: 'OAuthException' });
    }
    if (this.limiter.hit('app')?.allowed === false) {
      throw new GraphError(403, 4, '(#4) Application request limit reached', { type: 'OAuthException' });
    }
    if (this.limiter.hit(useCase)?.allowed === false) {
      if (useCase === 'messenger') throw new GraphError(400, 613, '(#613) Calls to this api have exceeded the rate limit.', { type: 'OAuthException' });
      throw new GraphError(400, 80001, '(#80001) There have been too many calls to this Page account. Wait a bit and try again.', { type: 'OAuthException' });
    }
  }

  #usageHeaders(headers: Headers): void {
    const usage = (bucket: string) => graphUsage(this.limiter, bucket, this.options.limits?.[bucket]?.windowMs ?? this.defaultLimit(bucket)?.windowMs ?? 0);
    const [app, pages, messenger] = [usage('app'), usage('pages'), usage('messenger')];
    if (Math.max(app.call_count, pages.call_count, messenger.call_count) < USAGE_HEADERS_FROM_PERCENT) return;
    setUsageHeaders(headers, { app, businessId: this.pageId, useCases: { pages, messenger } });
  }
}
