/**
 * After an interrupted send (sent once): the Page's own recent post, comment or Messenger message with the
 * same text. Loaded only then (a dynamic import() in facebook-channel.ts).
 */
import type { Draft, Message } from '../core/channel.js';
import type { FacebookApi } from './facebook-api.js';
import { normalizeComment, normalizePost } from './normalize-graph.js';
import { normalizeMessengerMessage } from './normalize-messenger.js';

export async function findSent(api: FacebookApi, draft: Draft, to: Message | undefined): Promise<Message | undefined> {
  const text = draft.text.trim();
  const pageId = api.pageId;
  if (draft.to !== undefined || to?.kind === 'direct' || draft.private) {
    const psid = to ? (draft.private ? to.author.id : to.threadId) : draft.to!;
    const page = await api.conversations({ userId: psid, limit: 1 });
    const found = page.data[0]?.messages?.data.find((message) => message.from?.id === pageId && message.message?.trim() === text);
    return found ? normalizeMessengerMessage(found, api.normalize) : undefined;
  }
  if (to) {
    const list = await api.comments(to.id, { newestFirst: true });
    const found = list.data.find((comment) => comment.from?.id === pageId && comment.message?.trim() === text);
    return found ? normalizeComment(found, to.threadId, api.normalize) : undefined;
  }
  const feed = await api.feed({ limit: 10 });
  const found = feed.data.find((post) => (post.from?.id ?? pageId) === pageId && post.message?.trim() === text);
  return found ? normalizePost(found, api.normalize) : undefined;
}
