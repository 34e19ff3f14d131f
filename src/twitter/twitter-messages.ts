/** History and threads for X (lazy pages, merged or sorted as the Channel promises), and where a DM goes. */
import type { Draft, Message } from '../core/channel.js';
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

/**
 * `send`: a post, or a DM to Draft.to (a @handle looked up first); `reply`: a post in the thread, or a
 * DM where the DM was written (a group, or one person). Files are checked before any request and
 * uploaded just before the post or DM; the sent Message lists them. DM sending is loaded on the first DM.
 */
export async function sendDraft(api: TwitterApi, draft: Draft, to?: Message): Promise<Message> {
  const direct = to ? to.kind === 'direct' : draft.to !== undefined; // a reply goes where `to` is, whatever Draft.to says
  const media = await api.media(draft.attachments, direct);
  const dm = direct ? await import('./twitter-direct-send.js') : undefined;
  const recipient = to || draft.to === undefined ? undefined : await dm!.recipientId(api, draft.to);
  const mediaIds = media ? await media.upload() : [];
  const message = to?.kind === 'direct'
    ? await dm!.replyDirect(api, to, draft.text, mediaIds)
    : recipient !== undefined
      ? await dm!.createDm(api, recipient, draft.text, mediaIds)
      : await api.createTweet(draft.text, to, mediaIds);
  if (media) message.attachments = media.attachments;
  return message;
}

export const replyDraft = (api: TwitterApi, to: Message, draft: Draft): Promise<Message> => sendDraft(api, draft, to);

/** A Draft.to X can take: a numeric user id, or `@` and a username (1-15 letters, digits, _). */
const RECIPIENT = /^(?:\d{1,19}|@[A-Za-z0-9_]{1,15})$/;

/** Why `to` cannot name an X user, or undefined when it can. */
export function invalidRecipient(to: string): string | undefined {
  return RECIPIENT.test(to) ? undefined : `"${to}" is neither an X user id nor an @handle`;
}
