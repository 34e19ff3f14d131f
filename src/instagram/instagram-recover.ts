/**
 * After an interrupted send (sent once): look on Instagram for what it may have posted. A comment reply
 * is looked for among the replies of its top-level comment, a Direct message (or private reply) in the
 * person's conversation: found, it is the result; a complete read without it says it was not posted
 * (null: it is sent now). A reply to a mention lives on someone else's media, which the account cannot
 * list: undefined (the caller gets DeliveryUnknownError, never a second copy).
 */
import type { Draft, Message } from '../core/channel.js';
import { nextCursor } from '../meta/meta-paging.js';
import type { InstagramApi } from './instagram-api.js';
import { directThread } from './instagram-messages.js';
import { isMentionedComment, normalizeComment } from './normalize-instagram.js';

export async function findSent(api: InstagramApi, draft: Draft, to: Message | undefined): Promise<Message | null | undefined> {
  const text = draft.text.trim();
  const direct = draft.to !== undefined || to?.kind === 'direct' || draft.private === true;
  if (direct) {
    const igsid = draft.to ?? (to?.kind === 'direct' ? to.threadId : to?.author.id);
    if (!igsid) return undefined;
    let found: Message | undefined;
    for await (const message of directThread(api, igsid, undefined)) if (message.author.isSelf && message.text.trim() === text) found = message;
    return found ? { ...found, ...(draft.private && to ? { parentId: to.id } : {}) } : null;
  }
  if (!to || to.kind === 'post' || isMentionedComment(to)) return undefined;
  let after: string | undefined;
  do {
    const list = await api.replies(to.threadId, after);
    const mine = list.data.find((reply) => reply.user?.id === api.accountId && reply.text?.trim() === text);
    if (mine) return normalizeComment(mine, api.normalize);
    after = nextCursor(list);
  } while (after);
  return null;
}
