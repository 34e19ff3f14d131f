/**
 * listen() sources for Facebook: comments on the Page's recent posts, and Messenger messages. Both
 * are read newest first and cut at the saved position (second + id, see `positionOf`); webhooks
 * push the same messages with the same positions under the same source names.
 */
import type { Message } from '../core/channel.js';
import type { ListenItem, ListenSource, PollRequest, PollResult } from '../core/listen/listen-source.js';
import type { FacebookApi } from './facebook-api.js';
import { MAX_PAGE_SIZE, PAGE_SIZE } from './facebook-fields.js';
import { BUCKETS } from '../meta/meta-usage.js';
import { nextCursor, parseGraphTime } from '../meta/meta-paging.js';
import type { CommentList, MessengerMessageList, Post } from './facebook-schemas.js';
import { compareGraphPositions, normalizeComment, positionOf } from './normalize-graph.js';
import { normalizeMessengerMessage } from './normalize-messenger.js';

export const SOURCES = { comments: 'comments', messenger: 'messenger' } as const;

/** A cut: what is newer than the saved position, or on a first run, from `since` (to its second). */
function cutOf({ cursor, since }: PollRequest) {
  const floorMs = cursor ? Number(cursor.split(':')[0]) * 1000 : Math.floor(since.getTime() / 1000) * 1000;
  return {
    floorMs,
    isNew: (message: Message) => (cursor ? compareGraphPositions(positionOf(message), cursor) > 0 : message.createdAt.getTime() >= floorMs),
  };
}

function toItems(messages: Message[]): ListenItem[] {
  return messages.map((message) => ({ message, position: positionOf(message) })).sort((a, b) => compareGraphPositions(a.position, b.position));
}

/**
 * New comments on the Page's 25 most recent posts (one read, comments nested newest first); a post
 * with more new comments than one nested page is followed with its `after` cursor. Older posts are
 * seen by webhooks (`feed` changes), which cover every post.
 */
export function commentsSource(api: FacebookApi): ListenSource {
  return {
    name: SOURCES.comments,
    buckets: [BUCKETS.app, BUCKETS.pages],
    compare: compareGraphPositions,
    async poll(request: PollRequest): Promise<PollResult> {
      const { isNew } = cutOf(request);
      const fresh: Message[] = [];
      for await (const post of recentPosts(api, request.signal)) {
        let list: CommentList | undefined = post.comments ?? undefined;
        posts: while (list) {
          for (const comment of list.data) {
            const message = normalizeComment(comment, post.id, api.normalize);
            if (!isNew(message)) break posts;
            fresh.push(message);
          }
          const after = nextCursor(list);
          list = after ? await api.comments(post.id, { after, newestFirst: true, limit: MAX_PAGE_SIZE, signal: request.signal }) : undefined;
        }
      }
      return { items: toItems(fresh) };
    },
  };
}

/** The Page's 25 newest posts, each with its newest comments: over more than one feed page when Graph made the pages smaller. */
async function* recentPosts(api: FacebookApi, signal: AbortSignal | undefined): AsyncGenerator<Post> {
  let seen = 0;
  let after: string | undefined;
  do {
    const feed = await api.feed({ after, limit: PAGE_SIZE - seen, comments: MAX_PAGE_SIZE, signal });
    for (const post of feed.data.slice(0, PAGE_SIZE - seen)) yield post;
    seen += feed.data.length;
    after = nextCursor(feed);
  } while (after && seen < PAGE_SIZE);
}

/** New Messenger messages: conversations come most recently active first, so the walk stops at the first one older than the cut. */
export function messengerSource(api: FacebookApi): ListenSource {
  return {
    name: SOURCES.messenger,
    buckets: [BUCKETS.app, BUCKETS.messenger],
    compare: compareGraphPositions,
    async poll(request: PollRequest): Promise<PollResult> {
      const { floorMs, isNew } = cutOf(request);
      const fresh: Message[] = [];
      let after: string | undefined;
      pages: do {
        const page = await api.conversations({ after, messages: PAGE_SIZE, signal: request.signal });
        for (const conversation of page.data) {
          if (conversation.updated_time && parseGraphTime(conversation.updated_time).getTime() < floorMs) break pages;
          let list: MessengerMessageList | undefined = conversation.messages ?? undefined;
          messages: while (list) {
            for (const item of list.data) {
              const message = normalizeMessengerMessage(item, api.normalize);
              if (!isNew(message)) break messages;
              fresh.push(message);
            }
            const next = nextCursor(list);
            list = next ? await api.conversationMessages(conversation.id, next, request.signal) : undefined;
          }
        }
        after = nextCursor(page);
      } while (after);
      return { items: toItems(fresh) };
    },
  };
}
