/**
 * A Discourse forum as its API answers (discourse/discourse_api_docs openapi.json; rate limits and
 * posting errors per https://meta.discourse.org/t/available-settings-for-global-rate-limits-and-throttling/78612
 * and the default site settings): Api-Key/Api-Username auth, POST /posts.json (topic, reply, private
 * message) with Discourse's 422 refusals, GET /posts.json, GET /t/{id}.json, GET /t/{id}/posts.json,
 * GET /topics/private-messages/{username}.json, 429s naming their limiter (per key, per IP in plain
 * text, per user and action: discourse-rate-limits.ts), and signed webhook deliveries.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { Emulator, type EmulatorOptions, type RouteContext } from '../emulator.js';
import type { WindowRule } from '../window-limiter.js';
import { type ForumPost, type ForumTopic, Forum } from './discourse-forum.js';
import { createdPostJson, latestPostsJson, latestTopicsJson, notificationsJson, postValues, privateMessagesJson, privatePostsJson, topicJson, topicPostsJson } from './discourse-json.js';
import { invalidAccess, invalidParameters, notFound } from './discourse-answers.js';
import { readPostRequest } from './discourse-posting.js';
import { CreateMemo } from './discourse-memo.js';
import { ADMIN_KEY_LIMITER, limitExceeded, siteLimitExceeded, type PostingLimit } from './discourse-rate-limits.js';

export interface DiscourseEmulatorOptions extends EmulatorOptions {
  /** The admin API key every request must carry in `Api-Key`. @default 'sandbox-api-key' */
  apiKey?: string;
  /** The bot's username (the `Api-Username` of the channel). @default 'support_bot' */
  botUsername?: string;
  /** Signs webhook deliveries (X-Discourse-Event-Signature). @default 'sandbox-webhook-secret' */
  webhookSecret?: string;
  /** Seconds `extras.wait_seconds` adds to Retry-After on a 429 (Discourse's two can differ). @default 0 */
  extraWaitSeconds?: number;
  /** Per-user, per-action limits (a 429 naming its limiter; the other actions go on). @default none */
  postingLimits?: PostingLimit[];
  /** The site-wide per-IP limit of the middleware (a plain-text 429). @default none */
  siteLimit?: WindowRule;
  /**
   * Answer GET /posts.json as servers before mid-2024 (discourse/discourse PR #27098) did: from the window
   * of 50 post ids up to `before` (or the newest id), so a page may be empty while older posts exist.
   * @default false
   */
  legacyWindow?: boolean;
  /** Whether the key may read GET /site/settings.json (a scoped user key may not: 403). @default true */
  siteSettingsReadable?: boolean;
  /** Whether the server has GET /private-posts.json (current servers do; older ones answer 404). @default true */
  privatePosts?: boolean;
}

export type WebhookTarget = string | ((request: Request) => Promise<Response>);

// Admin API keys: 60 requests a minute (DISCOURSE_MAX_ADMIN_API_REQS_PER_MINUTE); the bucket the emulator counts every request in.
const API_BUCKET = 'api';
const SITE_BUCKET = 'site';
const DEFAULT_LIMITS: Record<string, WindowRule> = { [API_BUCKET]: { limit: 60, windowMs: 60_000 } };
const LATEST_PAGE = 50;
const MESSAGES_PAGE = 30;

export class DiscourseEmulator extends Emulator {
  readonly platform = 'discourse';
  readonly forum = new Forum();
  /** The key the forum accepts; assign another to rotate it (the old one is refused from then on). */
  apiKey: string;
  readonly botUsername: string;
  readonly webhookSecret: string;
  readonly #extraWaitSeconds: number;
  readonly #postingLimits: PostingLimit[];
  readonly #legacyWindow: boolean;
  readonly #memo = new CreateMemo();

  declare protected readonly options: DiscourseEmulatorOptions;

  constructor(options: DiscourseEmulatorOptions = {}) {
    super(options);
    this.apiKey = options.apiKey ?? 'sandbox-api-key';
    this.botUsername = options.botUsername ?? 'support_bot';
    this.webhookSecret = options.webhookSecret ?? 'sandbox-webhook-secret';
    this.#extraWaitSeconds = options.extraWaitSeconds ?? 0;
    this.#postingLimits = [...(options.postingLimits ?? [])];
    this.#legacyWindow = options.legacyWindow ?? false;
    if (options.siteLimit) this.setLimit(SITE_BUCKET, options.siteLimit);
    this.forum.user(this.botUsername, 'Support Bot');
  }

  protected override defaultLimit(bucket: string): WindowRule | undefined {
    const posting = /^posting:([^:]+):/.exec(bucket);
    if (posting) return this.#postingLimits.find((limit) => limit.code === posting[1]);
    return DEFAULT_LIMITS[bucket];
  }

  /** Adds a per-user, per-action limit (see DiscourseEmulatorOptions.postingLimits). */
  limitPosting(limit: PostingLimit): void {
    this.#postingLimits.push(limit);
  }

  /** A customer opens a topic, with `posts` after the first when given (by the opener unless said); answers the first post. */
  topic(input: { by: string; title: string; raw: string; categoryId?: number; tags?: string[]; posts?: Array<string | { by?: string; raw: string; replyToPostNumber?: number }> }): ForumPost {
    const first = this.forum.createTopic(input);
    for (const post of input.posts ?? []) {
      const reply = typeof post === 'string' ? { raw: post } : post;
      this.forum.createPost({ by: reply.by ?? input.by, topicId: first.topicId, raw: reply.raw, replyToPostNumber: reply.replyToPostNumber });
    }
    return first;
  }

  /** A reply in a topic (to a post number, when given). */
  reply(input: { by: string; topicId: number; raw: string; replyToPostNumber?: number }): ForumPost {
    return this.forum.createPost(input);
  }

  /**
   * A small action in a topic, as Discourse records "closed the topic" or "invited @sam": a post of
   * post_type 3 with empty raw, in the topic and in webhooks, never in /posts.json.
   */
  smallAction(input: { topicId: number; by?: string }): ForumPost {
    return this.forum.createPost({ by: input.by ?? 'system', topicId: input.topicId, raw: '', postType: 3 });
  }

  /** A private message from `by` to `to` (the bot by default), or to a group's inbox (`toGroup`). */
  privateMessage(input: { by: string; to?: string; toGroup?: string; title: string; raw: string }): ForumPost {
    if (input.toGroup) return this.forum.createTopic({ by: input.by, title: input.title, raw: input.raw, privateToGroups: [input.toGroup] });
    return this.forum.createTopic({ by: input.by, title: input.title, raw: input.raw, privateTo: [input.to ?? this.botUsername] });
  }

  /** A group (members by username), whose inbox its members read. */
  group(name: string, members: string[]): void {
    this.forum.groups.set(name.toLowerCase(), new Set(members.map((member) => member.toLowerCase())));
  }

  /** Posts the bot wrote. */
  postsBy(username: string): ForumPost[] {
    return [...this.forum.posts.values()].filter((post) => post.username.toLowerCase() === username.toLowerCase());
  }

  /** The `post_created` webhook body Discourse sends for a post. */
  webhookPayload(post: ForumPost): Record<string, unknown> {
    const topic = this.forum.topics.get(post.topicId)!;
    return { post: { ...postValues(this.forum, post, this.botUsername), topic_archetype: topic.archetype, topic_posts_count: topic.postIds.length } };
  }

  /** POST a webhook event, signed as Discourse signs it. */
  async deliverWebhook(target: WebhookTarget, payload: unknown, event = 'post_created'): Promise<Response> {
    const body = JSON.stringify(payload);
    const signature = `sha256=${createHmac('sha256', this.webhookSecret).update(body).digest('hex')}`;
    const headers = {
      'content-type': 'application/json',
      'x-discourse-event-type': event === 'ping' ? 'ping' : 'post',
      'x-discourse-event': event,
      'x-discourse-event-id': randomUUID(),
      'x-discourse-event-signature': signature,
    };
    if (typeof target === 'string') return fetch(target, { method: 'POST', body, headers });
    return target(new Request('https://bot.example/webhooks/discourse', { method: 'POST', body, headers }));
  }

  protected async route(request: Request, context: RouteContext): Promise<Response> {
    const username = request.headers.get('api-username') ?? '';
    if (request.headers.get('api-key') !== this.apiKey || !this.forum.users.has(username.toLowerCase())) {
      return Response.json({ errors: ['You are not permitted to view the requested resource. The API username or key is invalid.'], error_type: 'invalid_access' }, { status: 403 });
    }
    const site = this.limiter.hit(SITE_BUCKET);
    if (site && !site.allowed) return siteLimitExceeded(site.resetAt);
    const key = this.limiter.hit(API_BUCKET);
    if (key && !key.allowed) return limitExceeded(ADMIN_KEY_LIMITER, key.resetAt, this.#extraWaitSeconds);
    // The sandbox's own per-endpoint windows (tests set them), answered as a limiter of that name.
    const endpoint = `${request.method} ${context.path.replace(/\/\d+(?=[/.])/g, '/:id')}`;
    const hit = this.limiter.hit(endpoint);
    if (hit && !hit.allowed) return limitExceeded(endpoint.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, ''), hit.resetAt, this.#extraWaitSeconds);
    const { path, url } = context;
    if (request.method === 'POST' && path === '/posts.json') return this.#createPost(username, context.body);
    if (request.method === 'GET' && path === '/posts.json') return this.#latest(username, url);
    // SiteController#settings: every client setting (the length rules among them), as the composer reads them.
    if (request.method === 'GET' && path === '/site/settings.json') return this.options.siteSettingsReadable === false ? invalidAccess() : Response.json({ title: 'Forum', ...this.forum.settings });
    let match = /^\/t\/(\d+)\.json$/.exec(path);
    if (request.method === 'GET' && match) return this.#withTopic(username, Number(match[1]), (topic) => Response.json(topicJson(this.forum, topic, username, url.searchParams.has('include_raw'))));
    match = /^\/t\/(\d+)\/posts\.json$/.exec(path);
    if (request.method === 'GET' && match) {
      const ids = url.searchParams.getAll('post_ids[]').map(Number);
      if (ids.length === 0 || ids.some((id) => !Number.isInteger(id))) return invalidParameters('post_ids');
      return this.#withTopic(username, Number(match[1]), (topic) =>
        Response.json(topicPostsJson(this.forum, topic, ids.filter((id) => topic.postIds.includes(id)).map((id) => this.forum.posts.get(id)!), username, url.searchParams.has('include_raw'))),
      );
    }
    if (request.method === 'GET' && path === '/latest.json') return this.#latestTopics(url);
    if (request.method === 'GET' && path === '/notifications.json') return Response.json(notificationsJson(this.forum, username));
    if (request.method === 'GET' && path === '/private-posts.json') return this.options.privatePosts === false ? notFound() : this.#privatePosts(username, url);
    match = /^\/topics\/private-messages\/([^/]+)\.json$/.exec(path);
    if (request.method === 'GET' && match) {
      if (match[1]!.toLowerCase() !== username.toLowerCase()) return notFound();
      return this.#messageList(username, url, (topic) => topic.allowed.includes(username.toLowerCase()));
    }
    match = /^\/topics\/private-messages-group\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (request.method === 'GET' && match) {
      const group = decodeURIComponent(match[2]!);
      if (match[1]!.toLowerCase() !== username.toLowerCase() || !this.forum.inGroup(username, group)) return notFound();
      return this.#messageList(username, url, (topic) => topic.allowedGroups.includes(group.toLowerCase()));
    }
    return notFound();
  }

  async #createPost(username: string, body: string): Promise<Response> {
    const memo = this.#memo.answer(username, body);
    if (memo) return memo;
    const answer = this.#createPostOnce(username, body);
    if (answer.status === 200) this.#memo.remember(username, body, answer.status, await answer.clone().text());
    return answer;
  }

  #createPostOnce(username: string, body: string): Response {
    const read = readPostRequest(this.forum, username, body);
    if ('response' in read) return read.response;
    const { input } = read;
    const action = input.privateTo || (input.topicId !== undefined && this.forum.topics.get(input.topicId)!.archetype === 'private_message') ? 'message' : input.topicId === undefined ? 'topic' : 'reply';
    for (const limit of this.#postingLimits.filter((rule) => rule.action === action)) {
      const hit = this.limiter.hit(`posting:${limit.code}:${username.toLowerCase()}`);
      if (hit && !hit.allowed) return limitExceeded(limit.code, hit.resetAt, this.#extraWaitSeconds);
    }
    // approve_unless_trust_level: a new account's post waits in the review queue (NewPostResult, status 200).
    const user = this.forum.user(username);
    if (!user.staff && user.trustLevel < this.forum.settings.approve_unless_trust_level) {
      const pending = { id: 1000 + this.forum.pending.length + 1, username, raw: input.raw };
      this.forum.pending.push(pending);
      return Response.json({ action: 'enqueued', pending_post: { id: pending.id, raw: pending.raw }, pending_count: this.forum.pending.filter((item) => item.username === username).length, success: true });
    }
    const post = input.topicId !== undefined
      ? this.forum.createPost({ by: username, topicId: input.topicId, raw: input.raw, replyToPostNumber: input.replyToPostNumber })
      : this.forum.createTopic({ by: username, title: input.title!, raw: input.raw, ...(input.categoryId ? { categoryId: input.categoryId } : {}), ...(input.privateTo ? { privateTo: input.privateTo } : {}) });
    return Response.json(createdPostJson(this.forum, post, username));
  }

  // Older servers include the post whose id equals `before`, though the document says "lower than"
  // (today's LatestPostsQuery does not): the stricter case for a client. Regular posts only, as LatestPostsQuery
  // (https://github.com/discourse/discourse/blob/main/app/queries/latest_posts_query.rb).
  #latest(username: string, url: URL): Response {
    const before = url.searchParams.get('before');
    if (before !== null && !/^\d+$/.test(before)) return invalidParameters('before');
    const top = before === null ? Math.max(0, ...this.forum.posts.keys()) : Number(before);
    const posts = [...this.forum.posts.values()]
      .filter((post) => post.id <= top && (!this.#legacyWindow || post.id > top - LATEST_PAGE))
      .filter((post) => this.forum.topics.get(post.topicId)!.archetype === 'regular' && post.postType === 1)
      .sort((a, b) => b.id - a.id)
      .slice(0, LATEST_PAGE);
    return Response.json(latestPostsJson(this.forum, posts, username));
  }

  // ListController#latest: public topics, most recently bumped first (order=activity is the same here).
  #latestTopics(url: URL): Response {
    const perPage = url.searchParams.get('per_page') ?? '30';
    if (!/^\d+$/.test(perPage) || Number(perPage) < 1 || Number(perPage) > 100) return invalidParameters('per_page');
    const topics = [...this.forum.topics.values()].filter((topic) => topic.archetype === 'regular').sort((a, b) => b.bumpedAt.localeCompare(a.bumpedAt)).slice(0, Number(perPage));
    return Response.json(latestTopicsJson(this.forum, topics));
  }

  // ListController's private-message lists: most recently active first, 30 a page, `page` from 0.
  #messageList(username: string, url: URL, listed: (topic: ForumTopic) => boolean): Response {
    const page = url.searchParams.get('page') ?? '0';
    if (!/^\d+$/.test(page)) return invalidParameters('page');
    const topics = [...this.forum.topics.values()]
      .filter((topic) => topic.archetype === 'private_message' && listed(topic))
      .sort((a, b) => b.bumpedAt.localeCompare(a.bumpedAt))
      .slice(Number(page) * MESSAGES_PAGE, (Number(page) + 1) * MESSAGES_PAGE);
    return Response.json(privateMessagesJson(this.forum, topics, username));
  }

  // PostsController#latest for id "private_posts": the newest posts of every private message the user may
  // read (as an allowed user or through a group), `private_posts` the root, paged by `before` like /posts.json.
  #privatePosts(username: string, url: URL): Response {
    const before = url.searchParams.get('before');
    if (before !== null && !/^\d+$/.test(before)) return invalidParameters('before');
    const posts = [...this.forum.posts.values()]
      .filter((post) => before === null || post.id < Number(before))
      .filter((post) => {
        const topic = this.forum.topics.get(post.topicId)!;
        return topic.archetype === 'private_message' && this.forum.canSee(username, topic) && post.postType === 1;
      })
      .sort((a, b) => b.id - a.id)
      .slice(0, LATEST_PAGE);
    return Response.json(privatePostsJson(this.forum, posts, username));
  }

  #withTopic(username: string, id: number, answer: (topic: NonNullable<ReturnType<Forum['topics']['get']>>) => Response): Response {
    const topic = this.forum.topics.get(id);
    if (!topic || !this.forum.canSee(username, topic)) return notFound();
    return answer(topic);
  }
}
