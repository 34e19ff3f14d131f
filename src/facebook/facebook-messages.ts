/**
 * History and threads: comments on the Page's posts and Messenger messages, each a lazy newest-first
 * stream over Graph cursor paging (a page is fetched only when the consumer reaches it). The channel loads
 * this file when history is first read (src/meta/meta-lazy-messages.ts).
 */
import type { Message } from '../core/channel.js';
import type { FacebookApi } from './facebook-api.js';
import { MAX_PAGE_SIZE, PAGE_SIZE } from './facebook-fields.js';
import type { CommentList, Conversation, MessengerMessageList, Post } from './facebook-schemas.js';
import { normalizeComment, normalizePost } from './normalize-graph.js';
import { normalizeMessengerMessage } from './normalize-messenger.js';
import { mergeGraphNewestFirst } from '../meta/meta-merge-newest.js';
import { nextCursor } from '../meta/meta-paging.js';

const PSID = /^\d+$/;

/** messages(): comments and Messenger messages, newest first. */
export function history(api: FacebookApi, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  return mergeGraphNewestFirst([feedComments(api, signal), messengerMessages(api, signal)]);
}

/** thread(): a Messenger conversation (a message in it, or a PSID) or a post with its comments. */
export function threadOf(api: FacebookApi, of: Message | string, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  if (typeof of === 'string') return PSID.test(of) ? messengerThread(api, of, signal) : postThread(api, of, signal);
  return of.kind === 'direct' ? messengerThread(api, of.threadId, signal) : postThread(api, of.threadId, signal);
}


/**
 * Comments on the Page's posts, newest first. Graph orders the feed by post, not by comment: the
 * comments of one feed page are merged newest first, then the next feed page is read, so a new
 * comment on an old post comes when its post's page is reached.
 */
export async function* feedComments(api: FacebookApi, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  let after: string | undefined;
  do {
    const feed = await api.feed({ after, comments: PAGE_SIZE, signal });
    yield* mergeGraphNewestFirst(feed.data.map((post) => postComments(api, post, signal)));
    after = nextCursor(feed);
  } while (after);
}

async function* postComments(api: FacebookApi, post: Post, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  let list: CommentList | undefined = post.comments ?? undefined;
  while (list) {
    for (const comment of list.data) yield normalizeComment(comment, post.id, api.normalize);
    const after = nextCursor(list);
    list = after ? await api.comments(post.id, { after, newestFirst: true, signal }) : undefined;
  }
}

/** Messenger messages, newest first: conversations come most recently active first. */
export async function* messengerMessages(api: FacebookApi, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  let after: string | undefined;
  do {
    const page = await api.conversations({ after, messages: PAGE_SIZE, signal });
    yield* mergeGraphNewestFirst(page.data.map((conversation) => conversationMessages(api, conversation, signal)));
    after = nextCursor(page);
  } while (after);
}

async function* conversationMessages(api: FacebookApi, conversation: Conversation, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  let list: MessengerMessageList | undefined = conversation.messages ?? undefined;
  while (list) {
    for (const message of list.data) yield normalizeMessengerMessage(message, api.normalize);
    const after = nextCursor(list);
    list = after ? await api.conversationMessages(conversation.id, after, signal) : undefined;
  }
}

/** A post and every comment on it (replies to comments included), oldest first. */
export async function* postThread(api: FacebookApi, postId: string, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  yield normalizePost(await api.post(postId, signal), api.normalize);
  let after: string | undefined;
  do {
    const list = await api.comments(postId, { after, limit: MAX_PAGE_SIZE, signal });
    for (const comment of list.data) yield normalizeComment(comment, postId, api.normalize);
    after = nextCursor(list);
  } while (after);
}

/** The Messenger conversation with one person (PSID), oldest first. */
export async function* messengerThread(api: FacebookApi, psid: string, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  const page = await api.conversations({ userId: psid, messages: MAX_PAGE_SIZE, limit: 1, signal });
  const conversation = page.data[0];
  if (!conversation) return;
  const newestFirst: Message[] = [];
  for await (const message of conversationMessages(api, conversation, signal)) newestFirst.push(message);
  yield* newestFirst.reverse();
}
