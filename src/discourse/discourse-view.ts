/**
 * What listen() sees (options categories, tags, only): a bot on a big forum answers only its categories
 * or tags, or only what is addressed to it. Private messages to the account always pass.
 */
import type { Message } from '../core/channel.js';
import type { Post } from './discourse-schemas.js';
import { tagNames, type TopicFacts } from './discourse-topics.js';

export interface View {
  categories: readonly number[];
  tags: readonly string[];
}

export async function inView(message: Message, view: View, facts: TopicFacts, signal?: AbortSignal): Promise<boolean> {
  if (message.kind === 'direct') return true;
  if (view.categories.length === 0 && view.tags.length === 0) return true;
  const post = message.raw as Partial<Post> | undefined;
  let category = post?.category_id ?? undefined;
  const topic = category === undefined || view.tags.length > 0 ? await facts.topic(Number(message.threadId), signal) : undefined;
  category ??= topic?.category_id ?? undefined;
  if (view.categories.length > 0 && (category === undefined || !view.categories.includes(category))) return false;
  if (view.tags.length > 0 && !tagNames(topic!).some((tag) => view.tags.some((wanted) => wanted.toLowerCase() === tag))) return false;
  return true;
}

/** The messages in view, each with its parent's id when it answers a post. */
export async function seen(messages: Message[], view: View, facts: TopicFacts, signal?: AbortSignal): Promise<Message[]> {
  const kept: Message[] = [];
  for (const message of messages) if (await inView(message, view, facts, signal)) kept.push(await facts.withParent(message, signal));
  return kept;
}

/** Whether a public post mentions the account, quotes it or answers one of its posts (as its notifications would say). */
export async function addressedTo(message: Message, username: string, facts: TopicFacts, signal?: AbortSignal): Promise<boolean> {
  const name = username.toLowerCase();
  const text = message.text.toLowerCase();
  if (new RegExp(`(^|[^\\w@])@${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(text)) return true;
  if (text.includes(`[quote="${name}`)) return true;
  const number = Number((message.raw as Partial<Post> | undefined)?.reply_to_post_number);
  if (!Number.isInteger(number) || number < 1) return false;
  const parent = await facts.post(Number(message.threadId), number, signal);
  return parent?.username.toLowerCase() === name;
}
