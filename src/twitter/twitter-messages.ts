/** History and threads for X: lazy pages, merged or sorted as the Channel promises. */
import type { Message } from '../core/channel.js';
import { comparePositions } from '../core/listen/listen-source.js';
import { paged } from '../core/history.js';
import type { Page, TwitterApi } from './twitter-api.js';

/** A page of X's, as the core's `paged` walks it. */
export const byToken = (page: Page) => ({ messages: page.messages, next: page.nextToken });

/** A post's conversation, oldest first: the root, then every post of `conversation_id:<root>`. */
export async function* conversation(api: TwitterApi, rootId: string, signal?: AbortSignal): AsyncGenerator<Message> {
  const posts: Message[] = [];
  for await (const message of paged<string>(async (token) => byToken(await api.search(`conversation_id:${rootId}`, token, signal)))) posts.push(message);
  posts.sort((x, y) => comparePositions(x.id, y.id));
  if (!posts.some((message) => message.id === rootId)) {
    try {
      yield await api.lookup(rootId, signal);
    } catch (error) {
      if ((error as { code?: string }).code !== 'not_found' || posts.length === 0) throw error; // a deleted root leaves its replies
    }
  }
  yield* posts;
}

/** A DM conversation, oldest first. */
export async function* directConversation(api: TwitterApi, conversationId: string, signal?: AbortSignal): AsyncGenerator<Message> {
  const events: Message[] = [];
  for await (const message of paged<string>(async (token) => byToken(await api.dmEvents(token, signal, conversationId)))) events.push(message);
  yield* events.reverse();
}
