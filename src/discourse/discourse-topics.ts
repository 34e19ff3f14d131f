/**
 * What listen() needs to know of a post's topic beyond the post: its tags, category and archetype
 * (GET /t/{id}.json, kept a minute), and the post a reply answers (`reply_to_post_number` → its id; a
 * post's number never changes, so that is kept for good).
 */
import type { Message } from '../core/channel.js';
import type { DiscourseApi } from './discourse-api.js';
import type { Post, Topic } from './discourse-schemas.js';

const TOPIC_TTL_MS = 60_000;
const AROUND = 10; // posts read on each side of where a number should stand in the stream
const MAX_KEPT = 5_000;

export class TopicFacts {
  readonly #topics = new Map<number, { at: number; topic: Topic }>();
  readonly #posts = new Map<string, Post>();

  constructor(private readonly api: DiscourseApi) {}

  async topic(id: number, signal?: AbortSignal): Promise<Topic> {
    const known = this.#topics.get(id);
    if (known && Date.now() - known.at < TOPIC_TTL_MS) return known.topic;
    const topic = await this.api.topic(String(id), signal);
    if (this.#topics.size >= MAX_KEPT) this.#topics.clear();
    this.#topics.set(id, { at: Date.now(), topic });
    for (const post of topic.post_stream.posts) this.#keep(post);
    return topic;
  }

  /** The post with this number in the topic: from the topic's first posts, or read around its place in the stream. */
  async post(topicId: number, number: number, signal?: AbortSignal): Promise<Post | undefined> {
    const key = `${topicId}:${number}`;
    if (this.#posts.has(key)) return this.#posts.get(key);
    const topic = await this.topic(topicId, signal);
    if (this.#posts.has(key)) return this.#posts.get(key);
    const stream = topic.post_stream.stream ?? [];
    // Deleted posts leave gaps in the numbers: the post stands at or before index number - 1.
    const at = Math.min(stream.length - 1, number - 1);
    const ids = stream.slice(Math.max(0, at - AROUND * 2), at + 1).slice(-AROUND * 2);
    if (ids.length === 0) return undefined;
    for (const post of await this.api.postsByIds(String(topicId), ids, signal)) this.#keep(post);
    return this.#posts.get(key);
  }

  /** Sets `parentId` of a reply to a post (reply_to_post_number), when that post is still there. */
  async withParent(message: Message, signal?: AbortSignal): Promise<Message> {
    const number = Number((message.raw as Partial<Post> | undefined)?.reply_to_post_number);
    if (message.parentId !== undefined || !Number.isInteger(number) || number < 1) return message;
    const parent = await this.post(Number(message.threadId), number, signal);
    return parent ? { ...message, parentId: String(parent.id) } : message;
  }

  #keep(post: Post): void {
    if (this.#posts.size >= MAX_KEPT) this.#posts.clear();
    this.#posts.set(`${post.topic_id}:${post.post_number}`, post);
  }
}

export function tagNames(topic: Topic): string[] {
  return (topic.tags ?? []).map((tag) => (typeof tag === 'string' ? tag : tag.name).toLowerCase());
}
