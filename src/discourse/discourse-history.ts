/**
 * messages() and thread(), loaded with their first use (few bots read history): a chunk of their own in a
 * browser bundle.
 *
 * The account's private messages for messages(), newest first and lazily: from /private-posts.json page by
 * page where the server has it; otherwise from the inboxes, where a conversation is read only
 * when its last post (`last_posted_at` in the private-message list) could be newer than the next post
 * to give, so `messages({ limit: 5 })` reads one or two conversations, not all thirty of the list's page.
 */
import type { Message } from '../core/channel.js';
import { mergeNewestFirst, paged } from '../core/history.js';
import type { DiscourseApi } from './discourse-api.js';

/** messages(): the latest public posts and the account's private messages, newest first. */
export function history(api: DiscourseApi, signal: AbortSignal | undefined): AsyncIterable<Message> {
  const latest = paged<number>((before) => api.latestPage(before, signal));
  return mergeNewestFirst(latest, privatePostsNewestFirst(api, signal));
}

/** thread(): every post people wrote in the topic, oldest first. */
export async function* threadOf(api: DiscourseApi, topicId: string, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  yield* await api.topicPosts(topicId, signal);
}

export async function* privatePostsNewestFirst(api: DiscourseApi, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  let page = await api.privatePostsPage(undefined, signal);
  if (page) {
    for (;;) {
      yield* page.messages;
      if (page.next === undefined) return;
      page = await api.privatePostsPage(page.next, signal);
      if (!page) return;
    }
  }
  yield* fromInboxes(api, signal);
}

async function* fromInboxes(api: DiscourseApi, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  // The list comes most recently active first; sorted here too, as the bound below relies on it.
  const topics = (await api.privateTopics(signal))
    .map((topic) => ({ id: topic.id, lastPostedAt: Date.parse(topic.last_posted_at ?? '') || Number.POSITIVE_INFINITY })) // unknown: read it first
    .sort((a, b) => b.lastPostedAt - a.lastPostedAt || 0);
  const ready: Message[] = []; // read but not given yet, newest first
  let next = 0;
  for (;;) {
    while (next < topics.length && (ready.length === 0 || topics[next]!.lastPostedAt >= ready[0]!.createdAt.getTime())) {
      ready.push(...(await api.topicPosts(String(topics[next]!.id), signal)));
      ready.sort(newestFirst);
      next += 1;
    }
    if (ready.length === 0) return; // every conversation read and given (or left with no post people wrote)
    yield ready.shift()!;
  }
}

function newestFirst(a: Message, b: Message): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || Number(b.id) - Number(a.id);
}
