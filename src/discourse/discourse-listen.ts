/**
 * listen() sources for Discourse: the latest public posts (cursor: the last post id), and private
 * messages, read topic by topic from the account's private-message list when a topic has new posts.
 */
import type { Message } from '../core/channel.js';
import type { ListenSource, PollRequest, PollResult } from '../core/listen/listen-source.js';
import { API_BUCKET, type DiscourseApi } from './discourse-api.js';

export const SOURCES = { posts: 'posts', private: 'private' } as const;

/** Pages back through /posts.json until the cursor (or the start time), then delivers oldest first. */
export function latestPostsSource(api: DiscourseApi): ListenSource {
  return {
    name: SOURCES.posts,
    buckets: [API_BUCKET],
    async poll({ cursor, since, signal }: PollRequest): Promise<PollResult> {
      const fresh: Message[] = [];
      let before: number | undefined;
      pages: for (;;) {
        const page = await api.latestPage(before, signal);
        for (const message of page.messages) {
          if (cursor ? Number(message.id) <= Number(cursor) : message.createdAt < since) break pages;
          fresh.push(message);
        }
        if (page.next === undefined || (cursor !== undefined && page.next <= Number(cursor))) break;
        before = page.next;
      }
      return { items: fresh.reverse().map((message) => ({ message, position: message.id })) };
    },
  };
}

export function privateMessagesSource(api: DiscourseApi): ListenSource {
  // Per topic: its highest post number and newest post id when last read. A topic is read again
  // only when it has new posts, or when some of what was read is not handled yet (past the cursor).
  const read = new Map<number, { highest: number; newest: number }>();
  return {
    name: SOURCES.private,
    buckets: [API_BUCKET],
    async poll({ cursor, since, signal }: PollRequest): Promise<PollResult> {
      const fresh: Message[] = [];
      for (const topic of await api.privateTopics(signal)) {
        if (!cursor && topic.last_posted_at && new Date(topic.last_posted_at) < since) continue;
        const last = read.get(topic.id);
        if (last && last.highest === topic.highest_post_number && cursor && last.newest <= Number(cursor)) continue;
        const posts = await api.topicPosts(String(topic.id), signal);
        for (const message of posts) {
          if (cursor ? Number(message.id) > Number(cursor) : message.createdAt >= since) fresh.push(message);
        }
        read.set(topic.id, { highest: topic.highest_post_number ?? posts.length, newest: Math.max(0, ...posts.map((message) => Number(message.id))) });
      }
      fresh.sort((a, b) => Number(a.id) - Number(b.id));
      return { items: fresh.map((message) => ({ message, position: message.id })) };
    },
  };
}
