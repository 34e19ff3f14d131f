/** Lazy history helpers for adapters: pages fetched only when reached, streams merged newest first. */
import type { Message } from './channel.js';
import { comparePositions } from './listen/listen-source.js';

/** Pages fetched one at a time, only when the consumer reaches them. */
export async function* paged<Token>(fetchPage: (token: Token | undefined) => Promise<{ messages: Message[]; next?: Token | undefined }>): AsyncGenerator<Message> {
  let token: Token | undefined;
  do {
    const page = await fetchPage(token);
    yield* page.messages;
    token = page.next;
  } while (token !== undefined);
}

/** Two newest-first streams merged newest first, by time, then by id (numeric ids compare as numbers). */
export async function* mergeNewestFirst(a: AsyncIterator<Message>, b: AsyncIterator<Message>): AsyncGenerator<Message> {
  let [headA, headB] = await Promise.all([a.next(), b.next()]);
  try {
    while (!headA.done || !headB.done) {
      if (headB.done || (!headA.done && newer(headA.value, headB.value))) {
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

function newer(x: Message, y: Message): boolean {
  const difference = x.createdAt.getTime() - y.createdAt.getTime();
  return difference !== 0 ? difference > 0 : comparePositions(x.id, y.id) >= 0;
}
