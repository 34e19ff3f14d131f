/**
 * The Discourse endpoints this adapter calls, each one request through the core's HTTP engine.
 * Discourse limits per API key, across endpoints: one bucket (https://meta.discourse.org/t/78612);
 * a create has its own bucket besides, for the per-user, per-action limiters (discourse-limiters.ts).
 */
import type { Message } from '../core/channel.js';
import type { AdapterContext } from '../core/adapter-context.js';
import { ChannelError, PlatformError } from '../core/errors.js';
import type { AdapterHttpClient } from '../core/define-channel.js';
import type { NormalizedDiscourseOptions } from './discourse-options.js';
import { createdPost, createdPostSchema, latestPostsSchema, latestTopicsSchema, notificationsSchema, privateMessagesSchema, privatePostsSchema, siteSettingsSchema, type Post, type PrivateTopic, topicPostsSchema, topicSchema, type Topic } from './discourse-schemas.js';
import { isRegularPost, normalizePost, type PostContext } from './normalize-post.js';
import { API_BUCKET } from './discourse-limiters.js';
import { CreateMemo } from './discourse-memo.js';

export { API_BUCKET };

const CHUNK = 20;
const PRIVATE_PAGE = 30; // topics per page of a private-message list
const LEGACY_WINDOW = 50; // ids per /posts.json window on servers before PR #27098 // post ids per GET /t/{id}/posts.json, as Discourse's own client asks
/**
 * Topic answers carry `raw` (what the author wrote) only when asked: TopicsController#show and #posts
 * pass `include_raw` to the post stream's PostSerializer (`add_raw`), though the OpenAPI document lists
 * neither the parameter nor the field. With it a post's text is the same by thread(), listen() and webhook.
 */
const INCLUDE_RAW = { include_raw: true } as const;

export interface NewPost {
  raw: string;
  title?: string;
  topic_id?: number;
  reply_to_post_number?: number;
  category?: number;
  archetype?: 'private_message';
  target_recipients?: string;
}

export class DiscourseApi {
  readonly memo: CreateMemo;

  constructor(
    private readonly http: AdapterHttpClient,
    private readonly settings: NormalizedDiscourseOptions,
    private readonly channel: AdapterContext,
  ) {
    this.memo = new CreateMemo(channel.store, channel.id);
  }

  context(extra: Partial<PostContext> = {}): PostContext {
    return { channel: this.channel.id, baseUrl: this.settings.baseUrl, apiUsername: this.settings.apiUsername, ...extra };
  }

  /**
   * A page of the latest public posts, newest first, and the `before` of the next page (the lowest id the
   * server sent, also when none of its posts is kept), or undefined at the end. Older servers include
   * the post whose id equals `before` and send small actions too: both are dropped here. Servers before
   * mid-2024 (discourse/discourse PR #27098) answer from the window of 50 ids up to `before`: an empty
   * page there is not the end, so the walk goes on window by window until it passes the oldest id (1).
   */
  async latestPage(before: number | undefined, signal?: AbortSignal): Promise<{ messages: Message[]; next: number | undefined }> {
    const answer = await this.http.request({ method: 'GET', path: '/posts.json', searchParams: { before }, bucket: API_BUCKET, schema: latestPostsSchema, ...(signal ? { signal } : {}) });
    const posts = answer.latest_posts.filter((post) => before === undefined || post.id < before);
    let next = posts.length > 0 ? Math.min(...posts.map((post) => post.id)) : before !== undefined && before > LEGACY_WINDOW ? before - LEGACY_WINDOW : undefined;
    if (before === undefined && posts.length === 0) {
      // An empty first window: the walk starts below the newest public post, found through the latest topics.
      const newest = await this.newestPublicPostId(signal);
      if (newest !== undefined) next = newest + 1;
    }
    return { messages: await Promise.all(posts.filter(isRegularPost).map((post) => normalizePost(post, this.context()))), next };
  }

  /** The id of the newest public post: the last of the most recently active topic (GET /latest.json, then the topic). */
  async newestPublicPostId(signal?: AbortSignal): Promise<number | undefined> {
    const answer = await this.http.request({ method: 'GET', path: '/latest.json', searchParams: { order: 'activity', per_page: 5 }, bucket: API_BUCKET, schema: latestTopicsSchema, ...(signal ? { signal } : {}) });
    const [latest] = [...answer.topic_list.topics].sort((a, b) => Date.parse(b.last_posted_at ?? '') - Date.parse(a.last_posted_at ?? '') || 0);
    if (!latest) return undefined;
    const stream = (await this.topic(String(latest.id), signal)).post_stream.stream ?? [];
    return stream.length > 0 ? Math.max(...stream) : undefined;
  }

  async latest(before: number | undefined, signal?: AbortSignal): Promise<Message[]> {
    return (await this.latestPage(before, signal)).messages;
  }

  async topic(id: string, signal?: AbortSignal): Promise<Topic> {
    return this.http.request({ method: 'GET', path: `/t/${encodeURIComponent(id)}.json`, searchParams: INCLUDE_RAW, bucket: API_BUCKET, schema: topicSchema, ...(signal ? { signal } : {}) });
  }

  /** Every post people wrote in a topic, oldest first: the first chunk with the topic, the rest by id. */
  async topicPosts(id: string, signal?: AbortSignal): Promise<Message[]> {
    const topic = await this.topic(id, signal);
    const posts = [...topic.post_stream.posts];
    const have = new Set(posts.map((post) => post.id));
    const missing = (topic.post_stream.stream ?? []).filter((postId) => !have.has(postId));
    for (let start = 0; start < missing.length; start += CHUNK) posts.push(...(await this.postsByIds(id, missing.slice(start, start + CHUNK), signal)));
    posts.sort((a, b) => a.post_number - b.post_number);
    const idByNumber = new Map(posts.map((post) => [post.post_number, String(post.id)]));
    const topicContext = { title: topic.title, slug: topic.slug, archetype: topic.archetype };
    return Promise.all(posts.filter(isRegularPost).map((post) => {
      const parent = post.reply_to_post_number === null || post.reply_to_post_number === undefined ? undefined : idByNumber.get(Number(post.reply_to_post_number));
      return normalizePost(post, this.context({ topic: topicContext, ...(parent ? { parentId: parent } : {}) }));
    }));
  }

  /** Posts of a topic by id (up to 20 a request). */
  async postsByIds(topicId: string, ids: number[], signal?: AbortSignal): Promise<Post[]> {
    const answer = await this.http.request({
      method: 'GET',
      path: `/t/${encodeURIComponent(topicId)}/posts.json`,
      searchParams: { 'post_ids[]': ids, ...INCLUDE_RAW },
      bucket: API_BUCKET,
      schema: topicPostsSchema,
      ...(signal ? { signal } : {}),
    });
    return answer.post_stream.posts;
  }

  /** The account's latest notifications, newest first. */
  async notifications(signal?: AbortSignal) {
    return (await this.http.request({ method: 'GET', path: '/notifications.json', bucket: API_BUCKET, schema: notificationsSchema, ...(signal ? { signal } : {}) })).notifications;
  }

  /**
   * The private-message topics of the account, most recently active first: every page of its inbox
   * (`page`, 30 a page) and of each group inbox named in `groups`, until `enough` says the rest is known.
   */
  async privateTopics(signal?: AbortSignal, enough: (topics: PrivateTopic[]) => boolean = () => false): Promise<PrivateTopic[]> {
    const user = encodeURIComponent(this.settings.apiUsername);
    const lists = [`/topics/private-messages/${user}.json`, ...this.settings.groups.map((group) => `/topics/private-messages-group/${user}/${encodeURIComponent(group)}.json`)];
    const topics = new Map<number, PrivateTopic>();
    for (const path of lists) {
      for (let page = 0; ; page++) {
        const answer = await this.http.request({ method: 'GET', path, searchParams: { page: page > 0 ? page : undefined }, bucket: API_BUCKET, schema: privateMessagesSchema, ...(signal ? { signal } : {}) });
        const listed = answer.topic_list.topics;
        for (const topic of listed) topics.set(topic.id, topic);
        if (listed.length < (answer.topic_list.per_page ?? PRIVATE_PAGE) || listed.length === 0 || enough(listed)) break;
      }
    }
    return [...topics.values()].sort((a, b) => Date.parse(b.last_posted_at ?? '') - Date.parse(a.last_posted_at ?? '') || 0);
  }

  /**
   * A page of the newest private posts the account may read (its own messages and its groups'), newest
   * first, from GET /private-posts.json (PostsController#latest, `private_posts`); undefined where the
   * server has no such endpoint (it answers 404), remembered for the channel's life.
   */
  async privatePostsPage(before: number | undefined, signal?: AbortSignal): Promise<{ messages: Message[]; next: number | undefined } | undefined> {
    if (this.#noPrivatePosts) return undefined;
    let answer;
    try {
      answer = await this.http.request({ method: 'GET', path: '/private-posts.json', searchParams: { before }, bucket: API_BUCKET, schema: privatePostsSchema, ...(signal ? { signal } : {}) });
    } catch (error) {
      if (ChannelError.isInstance(error) && error.code === 'not_found') {
        this.#noPrivatePosts = true;
        return undefined;
      }
      throw error;
    }
    const posts = answer.private_posts.filter((post) => before === undefined || post.id < before);
    return {
      messages: await Promise.all(posts.filter(isRegularPost).map((post) => normalizePost(post, this.context({ topic: { archetype: 'private_message' } })))),
      next: posts.length > 0 ? Math.min(...posts.map((post) => post.id)) : undefined,
    };
  }

  #noPrivatePosts = false;

  /** The site's client settings (SiteController#settings), the length rules among them. */
  async siteSettings(): Promise<Record<string, unknown>> {
    return this.http.request({ method: 'GET', path: '/site/settings.json', bucket: API_BUCKET, schema: siteSettingsSchema });
  }

  /** `repeat`: the same create again within the server's memo (recovery), its time not recorded anew. */
  async createPost(body: NewPost, context: Partial<PostContext>, repeat = false): Promise<Message> {
    // First the action's own bucket: a 429 naming no limiter spends that one, not every read.
    const bucket = [`POST /posts.json ${body.archetype === 'private_message' ? 'message' : body.topic_id === undefined ? 'topic' : 'reply'}`, API_BUCKET];
    if (!repeat) await this.memo.record(body);
    const created = createdPost(await this.http.request({ method: 'POST', path: '/posts.json', json: body, bucket, schema: createdPostSchema }));
    if ('enqueued' in created) {
      await this.memo.forget(body);
      // Accepted into the review queue, not published: sending again would queue a second copy.
      const pending = created.enqueued.pending_post?.id;
      throw new PlatformError(`Discourse queued the post for a moderator's review${pending ? ` (pending post ${pending})` : ''}; it appears once approved`, {
        ...this.channel.errorOptions({ status: 200, maybeDelivered: true }),
        platformCode: 'enqueued',
        ...(pending ? { details: { pendingPostId: pending } } : {}),
      });
    }
    return normalizePost(created.post, this.context(context));
  }
}
