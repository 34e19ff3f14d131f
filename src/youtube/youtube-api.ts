/**
 * The YouTube Data API v3 endpoints this adapter calls, each one request through the core's HTTP engine,
 * charged in units (list 1, insert 50) to the day's bucket, and to the listen bucket when listen() reads.
 */
import type { $ZodType } from 'zod/v4/core';
import type { AdapterContext } from '../core/adapter-context.js';
import type { Message } from '../core/channel.js';
import type { AdapterHttpClient } from '../core/define-channel.js';
import { normalizeComment } from './normalize-comment.js';
import type { NormalizedYouTubeOptions } from './youtube-options.js';
import { LISTEN_BUCKET, UNIT_COST, UNITS_BUCKET } from './youtube-quota.js';
import { commentListSchema, commentSchema, commentThreadListSchema, videoListSchema, type Comment, type CommentThread } from './youtube-schemas.js';

const MAX_RESULTS = 100; // commentThreads.list and comments.list: maxResults 1..100
const V3 = '/youtube/v3';

export interface ReadOptions {
  signal?: AbortSignal | undefined;
  /** A read of listen(): it spends from the listen share too. */
  listening?: boolean;
}

export class YouTubeApi {
  // One lookup per video and process (videos.list, 1 unit): titles rarely change.
  readonly #titles = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly http: AdapterHttpClient,
    private readonly settings: NormalizedYouTubeOptions,
    private readonly channel: AdapterContext,
  ) {}

  #get<T>(path: string, searchParams: Record<string, string | number | undefined>, schema: $ZodType<T>, options: ReadOptions): Promise<T> {
    return this.http.request({
      method: 'GET',
      path: `${V3}${path}`,
      searchParams,
      bucket: options.listening ? [UNITS_BUCKET, LISTEN_BUCKET] : UNITS_BUCKET,
      cost: UNIT_COST.list,
      schema,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /** A page of the channel's comment threads, most recent first: published ones, or those held for review. */
  threadsPage(pageToken: string | undefined, options: ReadOptions & { held?: boolean } = {}) {
    const moderationStatus = options.held ? 'heldForReview' : undefined;
    return this.#get(
      '/commentThreads',
      { part: 'snippet,replies', allThreadsRelatedToChannelId: this.settings.channelId, order: 'time', textFormat: 'plainText', maxResults: MAX_RESULTS, pageToken, moderationStatus },
      commentThreadListSchema,
      options,
    );
  }

  async threadById(threadId: string, options: ReadOptions = {}): Promise<CommentThread | undefined> {
    const answer = await this.#get('/commentThreads', { part: 'snippet,replies', id: threadId, textFormat: 'plainText' }, commentThreadListSchema, options);
    return answer.items[0];
  }

  /** Every reply to a top-level comment, oldest first. */
  async replies(parentId: string, options: ReadOptions = {}): Promise<Comment[]> {
    const all: Comment[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.#get('/comments', { part: 'snippet', parentId, textFormat: 'plainText', maxResults: MAX_RESULTS, pageToken }, commentListSchema, options);
      all.push(...page.items);
      pageToken = page.nextPageToken ?? undefined;
    } while (pageToken);
    return sortOldestFirst(all);
  }

  /** The replies of a thread: those inlined when they are all there, else read with comments.list. */
  async threadReplies(thread: CommentThread, options: ReadOptions = {}): Promise<Comment[]> {
    const inlined = thread.replies?.comments ?? [];
    if (inlined.length >= (thread.snippet.totalReplyCount ?? 0)) return sortOldestFirst(inlined);
    return this.replies(thread.snippet.topLevelComment.id, options);
  }

  videoTitle(videoId: string | null | undefined, options: ReadOptions = {}): Promise<string | undefined> {
    if (!videoId) return Promise.resolve(undefined);
    let title = this.#titles.get(videoId);
    if (!title) {
      title = this.#get('/videos', { part: 'snippet', id: videoId }, videoListSchema, options).then((answer) => answer.items[0]?.snippet?.title ?? undefined);
      title.catch(() => this.#titles.delete(videoId)); // a failed lookup is tried again next time
      this.#titles.set(videoId, title);
    }
    return title;
  }

  /** A thread's comments as messages, oldest first. */
  async threadMessages(thread: CommentThread, options: ReadOptions = {}): Promise<Message[]> {
    const subject = await this.videoTitle(thread.snippet.videoId, options);
    const replies = await this.threadReplies(thread, options);
    return [thread.snippet.topLevelComment, ...replies].map((comment) => this.message(comment, thread.id, subject));
  }

  get ownChannelId(): string {
    return this.settings.channelId;
  }

  message(comment: Comment, threadId: string, subject: string | undefined): Message {
    return normalizeComment(comment, { channel: this.channel.id, channelId: this.settings.channelId, threadId, subject });
  }

  /** comments.insert: a reply to a top-level comment (YouTube has one level of replies). */
  insertReply(parentId: string, text: string): Promise<Comment> {
    return this.http.request({
      method: 'POST',
      path: `${V3}/comments`,
      searchParams: { part: 'snippet' },
      json: { snippet: { parentId, textOriginal: text } },
      bucket: UNITS_BUCKET,
      cost: UNIT_COST.insert,
      schema: commentSchema,
    });
  }
}

export function sortOldestFirst(comments: readonly Comment[]): Comment[] {
  return [...comments].sort((a, b) => Date.parse(a.snippet.publishedAt) - Date.parse(b.snippet.publishedAt) || (a.id < b.id ? -1 : 1));
}
