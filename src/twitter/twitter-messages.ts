/** History and threads for X: lazy pages, merged or sorted as the Channel promises. */
import type { Message } from '../core/channel.js';
import { comparePositions } from '../core/listen/listen-source.js';
import type { Page, TwitterApi } from './twitter-api.js';

/** Pages fetched one at a time, only when the consumer reaches them. */
export async function* paged(fetchPage: (token: string | undefined) => Promise<Page>): AsyncGenerator<Message> {
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    yield* page.messages;
    token = page.nextToken;
  } while (token);
}

/** Two newest-first streams merged newest first (X ids are time-ordered snowflakes). */
export async function* mergeNewestFirst(a: AsyncIterator<Message>, b: AsyncIterator<Message>): AsyncGenerator<Message> {
  let [headA, headB] = await Promise.all([a.next(), b.next()]);
  try {
    while (!headA.done || !headB.done) {
      if (headB.done || (!headA.done && comparePositions(headA.value.id, headB.value.id) >= 0)) {
        yield headA.value as Message;
        headA = await a.next();
      } else {
        yield headB.value;
        headB = await b.next();
      }
    }
  } finally {
    await Promise.all([a.return?.(), b.return?.()]);
  }
}

/** A post's conversation, oldest first: the root, then every post of `conversation_id:<root>`. */
export async function* conversation(api: TwitterApi, rootId: string, signal?: AbortSignal): AsyncGenerator<Message> {
  const posts: Message[] = [];
  for await (const message of paged((token) => api.search(`conversation_id:${rootId}`, token, signal))) posts.push(message);
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
  for await (const message of paged((token) => api.dmEvents(token, signal, conversationId))) events.push(message);
  yield* events.reverse();
}
