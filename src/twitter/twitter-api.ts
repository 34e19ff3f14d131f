/**
 * The X API v2 endpoints this adapter calls, each one request through the core's HTTP engine,
 * answering normalized Messages. https://docs.x.com/x-api (request shapes per latest-openapi.json).
 */
import type { DraftAttachment, Message } from '../core/channel.js';
import type { AdapterContext } from '../core/adapter-context.js';
import { NotFoundError } from '../core/errors.js';
import type { AdapterHttpClient } from '../core/define-channel.js';
import { IncludesIndex, normalizeDmEvent, normalizeTweet, type NormalizeContext } from './normalize-tweet.js';
import { BUCKETS, DM_QUERY, TWEET_QUERY } from './twitter-fields.js';
import { APP_DAILY_BUCKET } from './twitter-rate-limits.js';
import type { PreparedMedia } from './twitter-media-upload.js';
import {
  createTweetSchema,
  dmEventListSchema,
  meSchema,
  tweetListSchema,
  tweetLookupSchema,
  type TweetList,
} from './twitter-schemas.js';

export interface Page {
  messages: Message[];
  nextToken?: string;
  /** The oldest id of the page (X `meta.oldest_id`). */
  oldestId?: string;
}

export interface TimelineQuery {
  since_id?: string;
  until_id?: string;
  start_time?: string;
  pagination_token?: string;
  max_results: number;
}

export class TwitterApi {
  #selfId: Promise<string> | undefined;

  constructor(
    /** The channel's HTTP client and context: the lazily loaded parts (DM sending, media upload) call through them. */
    readonly http: AdapterHttpClient,
    readonly context: AdapterContext,
    userId: string | undefined,
  ) {
    if (userId) this.#selfId = Promise.resolve(userId);
  }

  /** The account's own id: from the options, or `GET /2/users/me` once. */
  selfId(signal?: AbortSignal): Promise<string> {
    this.#selfId ??= this.http
      .request({ method: 'GET', path: '/2/users/me', bucket: BUCKETS.me, schema: meSchema, signal })
      .then((answer) => answer.data.id)
      .catch((error: unknown) => {
        this.#selfId = undefined; // a failed lookup is tried again next time
        throw error;
      });
    return this.#selfId;
  }

  async mentions(query: TimelineQuery, signal?: AbortSignal): Promise<Page> {
    const selfId = await this.selfId(signal);
    return this.#tweetPage(`/2/users/${selfId}/mentions`, BUCKETS.mentions, { ...query }, signal);
  }

  async userTweets(query: TimelineQuery, signal?: AbortSignal): Promise<Page> {
    const selfId = await this.selfId(signal);
    return this.#tweetPage(`/2/users/${selfId}/tweets`, BUCKETS.userTweets, { ...query }, signal);
  }

  /** Recent search; pages with `next_token` (not `pagination_token`) on this endpoint. */
  async search(query: string, nextToken: string | undefined, signal?: AbortSignal): Promise<Page> {
    return this.#tweetPage('/2/tweets/search/recent', BUCKETS.search, { query, max_results: 100, next_token: nextToken }, signal);
  }

  async lookup(id: string, signal?: AbortSignal): Promise<Message> {
    const answer = await this.http.request({
      method: 'GET',
      path: `/2/tweets/${encodeURIComponent(id)}`,
      searchParams: { ...TWEET_QUERY },
      bucket: BUCKETS.lookup,
      schema: tweetLookupSchema,
      signal,
    });
    // A missing post is a 200 with only `errors` (type .../resource-not-found).
    if (!answer.data) throw new NotFoundError(`post ${id} was not found: ${answer.errors?.[0]?.detail ?? 'no data'}`, this.context.errorOptions({ status: 200 }));
    return normalizeTweet(answer.data, new IncludesIndex(answer.includes), await this.normalizeContext(signal));
  }

  async dmEvents(paginationToken: string | undefined, signal?: AbortSignal, conversationId?: string): Promise<Page> {
    const path = conversationId ? `/2/dm_conversations/${encodeURIComponent(conversationId)}/dm_events` : '/2/dm_events';
    const answer = await this.http.request({
      method: 'GET',
      path,
      searchParams: { ...DM_QUERY, max_results: 100, pagination_token: paginationToken },
      // One limit for every DM read (X's DM introduction; the headers of both endpoints count together).
      bucket: BUCKETS.dmEvents,
      schema: dmEventListSchema,
      signal,
    });
    const index = new IncludesIndex(answer.includes);
    const context = await this.normalizeContext(signal);
    const messages = (answer.data ?? []).map((event) => normalizeDmEvent(event, index, context));
    return withPaging({ messages }, answer.meta);
  }

  /** A draft's files for a post or (`direct`) a DM, checked against X's limits; the media code is loaded only for them. */
  async media(attachments: readonly DraftAttachment[] | undefined, direct: boolean): Promise<PreparedMedia | undefined> {
    if (!attachments?.length) return undefined;
    const { prepareMedia } = await import('./twitter-media-upload.js');
    return prepareMedia(this.http, this.context, attachments, direct);
  }

  /** A post, or a reply to `parent` in its conversation, with uploaded media. */
  async createTweet(text: string, parent: Message | undefined, mediaIds: readonly string[] = []): Promise<Message> {
    const replyTo = parent?.id;
    const json: Record<string, unknown> = replyTo ? { text, reply: { in_reply_to_tweet_id: replyTo } } : { text };
    if (mediaIds.length > 0) json.media = { media_ids: mediaIds };
    const answer = await this.http.request({
      method: 'POST',
      path: '/2/tweets',
      json,
      bucket: [BUCKETS.createTweet, BUCKETS.createTweetDaily, APP_DAILY_BUCKET],
      schema: createTweetSchema,
    });
    const selfId = await this.selfId();
    return normalizeTweet(
      {
        id: answer.data.id,
        text: answer.data.text,
        author_id: selfId,
        created_at: new Date().toISOString(),
        conversation_id: parent?.threadId ?? answer.data.id,
        referenced_tweets: replyTo ? [{ type: 'replied_to', id: replyTo }] : null,
      },
      new IncludesIndex(undefined),
      await this.normalizeContext(),
    );
  }

  async #tweetPage(path: string, bucket: string, searchParams: Record<string, string | number | undefined>, signal: AbortSignal | undefined): Promise<Page> {
    const answer: TweetList = await this.http.request({
      method: 'GET',
      path,
      searchParams: { ...searchParams, ...TWEET_QUERY },
      bucket,
      schema: tweetListSchema,
      signal,
    });
    const index = new IncludesIndex(answer.includes);
    const context = await this.normalizeContext(signal);
    const messages = (answer.data ?? []).map((tweet) => normalizeTweet(tweet, index, context));
    return withPaging({ messages }, answer.meta);
  }

  /** What normalizing an answer needs: the channel id and the account's own id. */
  async normalizeContext(signal?: AbortSignal): Promise<NormalizeContext> {
    return { channel: this.context.id, selfId: await this.selfId(signal) };
  }
}

function withPaging(page: Page, meta: { next_token?: string | null; oldest_id?: string | null } | null | undefined): Page {
  if (meta?.next_token) page.nextToken = meta.next_token;
  if (meta?.oldest_id) page.oldestId = meta.oldest_id;
  return page;
}
