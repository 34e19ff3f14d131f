/**
 * The WordPress REST endpoints this adapter calls (wp/v2 comments, posts, users/me), each one request
 * through the core's HTTP engine, and what makes a comment a Message: its post's title (one cached
 * read per post) and its thread's top-level comment (parents walked, cached).
 */
import type { Message } from '../core/channel.js';
import type { AdapterContext } from '../core/adapter-context.js';
import type { AdapterHttpClient } from '../core/define-channel.js';
import { ChannelError, PlatformError } from '../core/errors.js';
import type { QueryValue } from '../core/http/http-client.js';
import { htmlToText } from '../core/html-text.js';
import { normalizeComment } from './normalize-comment.js';
import { commentListSchema, commentSchema, postTitleSchema, userSchema, type WordpressComment } from './wordpress-schemas.js';

// WordPress applies no REST rate limit; reads and writes are kept apart so a comment_flood (which
// holds back writes for 15 s) never delays a poll.
export const READ_BUCKET = 'read';
export const WRITE_BUCKET = 'POST /wp/v2/comments';
/** The most a collection answers per page (per_page maximum). */
export const PAGE_SIZE = 100;
const REST = '/wp-json/wp/v2';
// How deep a parent walk goes before giving up (WordPress's own thread_comments_depth tops out at 10).
const MAX_DEPTH = 50;
// How many pages of the post's comments recover() reads, newest first.
const RECOVER_PAGES = 3;

export type CommentQuery = Record<string, QueryValue>;

export class WordpressApi {
  readonly #titles = new Map<number, Promise<string | undefined>>();
  readonly #parents = new Map<number, number>();
  #self: Promise<number> | undefined;

  constructor(
    private readonly http: AdapterHttpClient,
    private readonly channel: AdapterContext,
  ) {}

  /** The WordPress user id of the Application Password's user: its comments are `isSelf`. */
  selfId(signal?: AbortSignal): Promise<number> {
    this.#self ??= this.http
      .request({ method: 'GET', path: `${REST}/users/me`, searchParams: { _fields: 'id,name' }, bucket: READ_BUCKET, schema: userSchema, ...(signal ? { signal } : {}) })
      .then((user) => user.id);
    this.#self.catch(() => (this.#self = undefined)); // asked again next time
    return this.#self;
  }

  /** One page of comments. */
  list(query: CommentQuery, signal?: AbortSignal): Promise<WordpressComment[]> {
    return this.http.request({ method: 'GET', path: `${REST}/comments`, searchParams: query, bucket: READ_BUCKET, schema: commentListSchema, ...(signal ? { signal } : {}) });
  }

  comment(id: number, signal?: AbortSignal): Promise<WordpressComment> {
    return this.http.request({ method: 'GET', path: `${REST}/comments/${id}`, bucket: READ_BUCKET, schema: commentSchema, ...(signal ? { signal } : {}) });
  }

  async create(body: { post: number; parent: number; content: string }, context: { title: string | undefined; rootId: number }): Promise<Message> {
    const comment = await this.http.request({ method: 'POST', path: `${REST}/comments`, json: body, bucket: WRITE_BUCKET, schema: commentSchema });
    this.#parents.set(comment.id, comment.parent);
    if (comment.status !== undefined && comment.status !== null && comment.status !== 'approved') {
      // Created but held for moderation (or marked spam): it appears once a moderator approves it, so it
      // must not be sent again.
      throw new PlatformError(`WordPress holds the comment for moderation (comment ${comment.id}, status '${comment.status}'); it appears once approved`, {
        ...this.channel.errorOptions({ status: 201, maybeDelivered: true }),
        platformCode: 'held',
        details: { commentId: comment.id, status: comment.status },
      });
    }
    // The answer is the channel's own comment, whatever the user's id: no users/me read needed.
    return normalizeComment(comment, { channel: this.channel.id, selfId: comment.author, postTitle: context.title, rootId: context.rootId });
  }

  /** Comments as Messages: post titles and thread roots looked up (cached), in the given order. */
  async messages(comments: WordpressComment[], signal?: AbortSignal): Promise<Message[]> {
    for (const comment of comments) this.#parents.set(comment.id, comment.parent);
    const selfId = await this.selfId(signal);
    const messages: Message[] = [];
    for (const comment of comments) {
      const [postTitle, rootId] = await Promise.all([this.title(comment.post, signal), this.rootOf(comment, signal)]);
      messages.push(normalizeComment(comment, { channel: this.channel.id, selfId, postTitle, rootId }));
    }
    return messages;
  }

  /** The post's title as text, read once per post; undefined for what /posts does not serve (a page, a private post). */
  title(postId: number, signal?: AbortSignal): Promise<string | undefined> {
    let title = this.#titles.get(postId);
    if (!title) {
      title = this.http
        .request({ method: 'GET', path: `${REST}/posts/${postId}`, searchParams: { _fields: 'id,title' }, bucket: READ_BUCKET, schema: postTitleSchema, ...(signal ? { signal } : {}) })
        .then((post) => htmlToText(post.title.rendered) || undefined)
        .catch((error: unknown) => {
          if (ChannelError.isInstance(error) && (error.code === 'not_found' || error.code === 'forbidden')) return undefined;
          this.#titles.delete(postId); // a passing failure: asked again next time
          throw error;
        });
      this.#titles.set(postId, title);
    }
    return title;
  }

  /** The top-level comment of a comment's thread: parents followed up to the comment whose parent is 0. */
  async rootOf(comment: Pick<WordpressComment, 'id' | 'parent'>, signal?: AbortSignal): Promise<number> {
    let id = comment.id;
    let parent = comment.parent;
    for (let depth = 0; parent > 0 && depth < MAX_DEPTH; depth++) {
      id = parent;
      let known = this.#parents.get(id);
      if (known === undefined) {
        try {
          known = (await this.comment(id, signal)).parent;
        } catch (error) {
          // A parent the user may not read (held, trashed): the highest comment reached stands for the thread.
          if (ChannelError.isInstance(error) && (error.code === 'not_found' || error.code === 'forbidden' || error.code === 'auth')) return id;
          throw error;
        }
        this.#parents.set(id, known);
      }
      parent = known;
    }
    return id;
  }

  /** Every approved comment of a thread, oldest first: the post's comments, kept when their root is the thread's. */
  async thread(rootId: number, signal?: AbortSignal): Promise<Message[]> {
    const root = await this.comment(rootId, signal);
    const comments: WordpressComment[] = [];
    for (let page = 1; ; page++) {
      const batch = await this.list({ post: root.post, orderby: 'date_gmt', order: 'asc', per_page: PAGE_SIZE, page }, signal);
      comments.push(...batch);
      if (batch.length < PAGE_SIZE) break;
    }
    if (!comments.some((comment) => comment.id === root.id)) comments.unshift(root); // the root itself held: still its thread's start
    for (const comment of comments) this.#parents.set(comment.id, comment.parent);
    const inThread: WordpressComment[] = [];
    for (const comment of comments) if ((await this.rootOf(comment, signal)) === rootId) inThread.push(comment);
    return this.messages(inThread, signal);
  }

  /**
   * The channel's own comment on `post` under `parent` with this text, if one landed: the post's latest
   * comments, compared as text with whitespace and typographic quotes folded (WordPress renders
   * "it's" as "it’s").
   */
  async findOwn(post: number, parent: number, text: string, signal?: AbortSignal): Promise<Message | undefined> {
    const selfId = await this.selfId(signal);
    const wanted = fold(text);
    for (let page = 1; page <= RECOVER_PAGES; page++) {
      const batch = await this.list({ post, parent, orderby: 'date_gmt', order: 'desc', per_page: PAGE_SIZE, page }, signal);
      const found = batch.find((comment) => comment.author === selfId && fold(htmlToText(comment.content.rendered)) === wanted);
      if (found) return (await this.messages([found], signal))[0];
      if (batch.length < PAGE_SIZE) return undefined;
    }
    return undefined;
  }
}

function fold(text: string): string {
  return text
    .replace(/[\u2018\u2019\u2032]/g, "'")
    .replace(/[\u201c\u201d\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u2026/g, '...')
    .trim()
    .replace(/\s+/g, ' ');
}
