/**
 * listen() sources for Discourse: the latest public posts (cursor: the last post id), and private
 * messages: on current servers the newest private posts in one call per poll (/private-posts.json),
 * on older ones read topic by topic from the account's inboxes when a topic has new posts.
 */
import type { Message } from '../core/channel.js';
import type { ListenSource, PollRequest, PollResult } from '../core/listen/listen-source.js';
import { API_BUCKET, type DiscourseApi } from './discourse-api.js';
import { isRegularPost, normalizePost } from './normalize-post.js';
import type { PrivateTopic } from './discourse-schemas.js';
import type { TopicFacts } from './discourse-topics.js';
import { seen, type View } from './discourse-view.js';

export const SOURCES = { posts: 'posts', mentions: 'mentions', private: 'private' } as const;

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
export function latestPostsSource(api: DiscourseApi, view: View, facts: TopicFacts): ListenSource {
  return {
    name: SOURCES.posts,
    buckets: [API_BUCKET],
    async poll(request: PollRequest): Promise<PollResult> {
      const fresh = (await newestSince((before) => api.latestPage(before, request.signal), request)) ?? [];
      return positioned(await seen(fresh, view, facts, request.signal));
    },
  };
}

// Notification.types: mentioned 1, replied 2, quoted 3, group_mentioned 15 (private messages come by their own source).
const ADDRESSED = new Set([1, 2, 3, 15]);

/**
 * `only: 'mentions'`: instead of every public post, the posts that mention the account (or a group of
 * it), reply to it or quote it, from /notifications.json (one call a poll). The cursor is the post id, as
 * for the posts source, so a webhook's push and the poll name a post alike; notifications already read
 * are not read again in this process.
 */
export function mentionsSource(api: DiscourseApi, view: View, facts: TopicFacts): ListenSource {
  let lastNote = 0;
  return {
    name: SOURCES.mentions,
    buckets: [API_BUCKET],
    async poll({ cursor, since, signal }: PollRequest): Promise<PollResult> {
      const notes = (await api.notifications(signal))
        .filter((note) => note.id > lastNote && ADDRESSED.has(note.notification_type) && typeof note.topic_id === 'number' && typeof note.post_number === 'number')
        .filter((note) => cursor !== undefined || Date.parse(note.created_at) >= since.getTime())
        .sort((a, b) => a.id - b.id);
      const fresh: Message[] = [];
      for (const note of notes) {
        const topic = await facts.topic(note.topic_id!, signal).catch(() => undefined); // gone or no longer visible
        const post = topic && topic.archetype !== 'private_message' ? await facts.post(note.topic_id!, note.post_number!, signal) : undefined;
        if (post && isRegularPost(post) && (cursor === undefined || post.id > Number(cursor)) && !fresh.some((message) => message.id === String(post.id))) {
          fresh.push(await normalizePost(post, api.context({ topic: { title: topic!.title, slug: topic!.slug, archetype: topic!.archetype } })));
        }
      }
      const kept = await seen(fresh.sort((a, b) => Number(a.id) - Number(b.id)), view, facts, signal);
      lastNote = Math.max(lastNote, ...notes.map((note) => note.id));
      return positioned(kept);
    },
  };
}

export function privateMessagesSource(api: DiscourseApi, facts: TopicFacts): ListenSource {
  const byTopics = privateTopicsPoller(api);
  return {
    name: SOURCES.private,
    buckets: [API_BUCKET],
    async poll(request: PollRequest): Promise<PollResult> {
      const fresh = await newestSince((before) => api.privatePostsPage(before, request.signal), request);
      return positioned(fresh ? await seen(fresh, { categories: [], tags: [] }, facts, request.signal) : await byTopics(request));
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
