/**
 * listen() sources for Discourse: the latest public posts (cursor: the last post id), and private
 * messages: on current servers the newest private posts in one call per poll (/private-posts.json),
 * on older ones read topic by topic from the account's inboxes when a topic has new posts.
 */
import type { Message } from '../core/channel.js';
import type { ListenSource, PollRequest, PollResult } from '../core/listen/listen-source.js';
import { API_BUCKET, type DiscourseApi } from './discourse-api.js';
import type { PrivateTopic } from './discourse-schemas.js';

export const SOURCES = { posts: 'posts', private: 'private' } as const;

type Page = { messages: Message[]; next: number | undefined };

/**
 * Pages back from the newest until the cursor (or the start time), oldest first; undefined when the first
 * page is not there (the server lacks the endpoint).
 */
async function newestSince(page: (before: number | undefined) => Promise<Page | undefined>, { cursor, since }: PollRequest): Promise<Message[] | undefined> {
  const fresh: Message[] = [];
  let before: number | undefined;
  pages: for (;;) {
    const answer = await page(before);
    if (!answer) return before === undefined ? undefined : fresh.reverse();
    for (const message of answer.messages) {
      if (cursor ? Number(message.id) <= Number(cursor) : message.createdAt < since) break pages;
      fresh.push(message);
    }
    if (answer.next === undefined || (cursor !== undefined && answer.next <= Number(cursor))) break;
    before = answer.next;
  }
  return fresh.reverse();
}

const positioned = (messages: Message[]): PollResult => ({ items: messages.map((message) => ({ message, position: message.id })) });

/** Pages back through /posts.json until the cursor (or the start time), then delivers oldest first. */
export function latestPostsSource(api: DiscourseApi): ListenSource {
  return {
    name: SOURCES.posts,
    buckets: [API_BUCKET],
    async poll(request: PollRequest): Promise<PollResult> {
      return positioned((await newestSince((before) => api.latestPage(before, request.signal), request)) ?? []);
    },
  };
}

export function privateMessagesSource(api: DiscourseApi): ListenSource {
  const byTopics = privateTopicsPoller(api);
  return {
    name: SOURCES.private,
    buckets: [API_BUCKET],
    async poll(request: PollRequest): Promise<PollResult> {
      const fresh = await newestSince((before) => api.privatePostsPage(before, request.signal), request);
      return positioned(fresh ?? (await byTopics(request)));
    },
  };
}

/** Servers without /private-posts.json: the inboxes' topics, each read again only when it has new posts. */
function privateTopicsPoller(api: DiscourseApi) {
  // Per topic: its highest post number and newest post id when last read. A topic is read again
  // only when it has new posts, or when some of what was read is not handled yet (past the cursor).
  const read = new Map<number, { highest: number; newest: number }>();
  const unchanged = (topic: PrivateTopic, cursor: string | undefined) => {
    const last = read.get(topic.id);
    return last !== undefined && last.highest === topic.highest_post_number && cursor !== undefined && last.newest <= Number(cursor);
  };
  return async ({ cursor, since, signal }: PollRequest): Promise<Message[]> => {
    const old = (topic: PrivateTopic) => !cursor && topic.last_posted_at !== null && topic.last_posted_at !== undefined && new Date(topic.last_posted_at) < since;
    // Most recently active first: once a page ends with a topic known or too old, so is every later one.
    const topics = await api.privateTopics(signal, (page) => page.length > 0 && (unchanged(page.at(-1)!, cursor) || old(page.at(-1)!)));
    const fresh: Message[] = [];
    for (const topic of topics) {
      if (old(topic) || unchanged(topic, cursor)) continue;
      const posts = await api.topicPosts(String(topic.id), signal);
      for (const message of posts) {
        if (cursor ? Number(message.id) > Number(cursor) : message.createdAt >= since) fresh.push(message);
      }
      read.set(topic.id, { highest: topic.highest_post_number ?? posts.length, newest: Math.max(0, ...posts.map((message) => Number(message.id))) });
    }
    return fresh.sort((a, b) => Number(a.id) - Number(b.id));
  };
}
