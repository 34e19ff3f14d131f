/**
 * History and threads, each a lazy stream over Graph cursor paging (a page is read only when the
 * consumer reaches it): comments on the account's media, media that mentions it, and Direct messages. The
 * channel loads this file when history is first read (src/meta/meta-lazy-messages.ts).
 */
import type { Message } from '../core/channel.js';
import { NotFoundError } from '../core/errors.js';
import { mergeGraphNewestFirst } from '../meta/meta-merge-newest.js';
import { nextCursor } from '../meta/meta-paging.js';
import type { InstagramApi } from './instagram-api.js';
import { MAX_PAGE_SIZE } from './instagram-fields.js';
import type { CommentList, DirectMessageList, Media, TopLevelComment } from './instagram-schemas.js';
import { isMentionedComment, normalizeComment, normalizeDirectMessage, normalizeMentionMedia } from './normalize-instagram.js';

type Signal = AbortSignal | undefined;

/** messages(): comments, mentions and Direct messages, newest first. */
export function history(api: InstagramApi, signal: Signal): AsyncGenerator<Message> {
  return mergeGraphNewestFirst([mediaCommentHistory(api, signal), mentionHistory(api, signal), directHistory(api, signal)]);
}

/** thread(): a message's thread (a mention or media that mentions the account is a thread of its own), or one by id. */
export function threadOf(api: InstagramApi, of: Message | string, signal: Signal): AsyncGenerator<Message> {
  if (typeof of === 'string') return threadById(api, of, signal);
  if (of.kind === 'direct') return directThread(api, of.threadId, signal);
  if (of.kind === 'post' || isMentionedComment(of)) return single(of);
  return commentThread(api, of.threadId, signal);
}

async function* single(message: Message): AsyncGenerator<Message> {
  yield message;
}

/** A top-level comment and its nested replies (the replies' further pages read too). */
async function* withReplies(api: InstagramApi, comment: TopLevelComment, media: Pick<Media, 'id' | 'permalink'>, signal: Signal): AsyncGenerator<Message> {
  yield normalizeComment(comment, api.normalize, media);
  let list = comment.replies ?? undefined;
  while (list) {
    for (const reply of list.data) yield normalizeComment(reply, api.normalize, media);
    const after = nextCursor(list);
    list = after ? await api.replies(comment.id, after, signal) : undefined;
  }
}

/** Every comment of one media: top-level comments page by page, each with its replies. */
async function* mediaComments(api: InstagramApi, media: Media, signal: Signal): AsyncGenerator<Message> {
  let list: CommentList | undefined = media.comments ?? undefined;
  while (list) {
    for (const comment of list.data) yield* withReplies(api, comment, media, signal);
    const after = nextCursor(list);
    list = after ? await api.comments(media.id, after, signal) : undefined;
  }
}

/**
 * Comments on the account's media, newest first by media: a page of media is read, its comments are
 * ordered newest first (a reply may be newer than the next top-level comment), then the next page.
 */
export async function* mediaCommentHistory(api: InstagramApi, signal: Signal): AsyncGenerator<Message> {
  let after: string | undefined;
  do {
    const page = await api.media({ after, signal });
    for (const media of page.data) {
      const comments: Message[] = [];
      for await (const message of mediaComments(api, media, signal)) comments.push(message);
      yield* comments.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    }
    after = nextCursor(page);
  } while (after);
}

export async function* mentionHistory(api: InstagramApi, signal: Signal): AsyncGenerator<Message> {
  let after: string | undefined;
  do {
    const page = await api.tags(after, signal);
    for (const media of page.data) yield normalizeMentionMedia(media, api.normalize);
    after = nextCursor(page);
  } while (after);
}

async function* conversationMessages(api: InstagramApi, conversation: { id: string; messages?: DirectMessageList | null | undefined }, signal: Signal): AsyncGenerator<Message> {
  let list = conversation.messages ?? undefined;
  while (list) {
    for (const message of list.data) yield normalizeDirectMessage(message, api.normalize);
    const after = nextCursor(list);
    list = after ? await api.conversationMessages(conversation.id, after, signal) : undefined;
  }
}

/** Direct messages, newest first: conversations come most recently active first. */
export async function* directHistory(api: InstagramApi, signal: Signal): AsyncGenerator<Message> {
  let after: string | undefined;
  do {
    const page = await api.conversations({ after, signal });
    yield* mergeGraphNewestFirst(page.data.map((conversation) => conversationMessages(api, conversation, signal)));
    after = nextCursor(page);
  } while (after);
}

/** The Direct conversation with one person (IGSID), oldest first. */
export async function* directThread(api: InstagramApi, igsid: string, signal: Signal): AsyncGenerator<Message> {
  const page = await api.conversations({ userId: igsid, messages: MAX_PAGE_SIZE, limit: 1, signal });
  const conversation = page.data[0];
  if (!conversation) return;
  const newestFirst: Message[] = [];
  for await (const message of conversationMessages(api, conversation, signal)) newestFirst.push(message);
  yield* newestFirst.reverse();
}

/** A top-level comment and its replies, oldest first. */
export async function* commentThread(api: InstagramApi, topLevelId: string, signal: Signal): AsyncGenerator<Message> {
  const top = await api.comment(topLevelId, signal);
  yield normalizeComment(top, api.normalize);
  let after: string | undefined;
  do {
    const list = await api.replies(top.id, after, signal);
    for (const reply of list.data) yield normalizeComment(reply, api.normalize);
    after = nextCursor(list);
  } while (after);
}

/** A thread by id: a comment's (its top-level comment), else a person's Direct conversation. */
export async function* threadById(api: InstagramApi, id: string, signal: Signal): AsyncGenerator<Message> {
  let top: string;
  try {
    const comment = await api.comment(id, signal);
    top = comment.parent_id ?? comment.id;
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    yield* directThread(api, id, signal);
    return;
  }
  yield* commentThread(api, top, signal);
}

