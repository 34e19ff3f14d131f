/**
 * listen() sources for Facebook: comments and visitor posts on the Page's recent posts, mentions of the
 * Page elsewhere, and Messenger messages. All are read newest first and cut at the saved position (second + id, see src/meta/meta-position.ts); webhooks
 * push the same messages with the same positions under the same source names.
 */
import type { Message } from '../core/channel.js';
import type { ListenSource, PollRequest, PollResult } from '../core/listen/listen-source.js';
import type { FacebookApi } from './facebook-api.js';
import { MAX_PAGE_SIZE, PAGE_SIZE } from './facebook-fields.js';
import { BUCKETS } from '../meta/meta-usage.js';
import { PACE_BUCKETS } from '../meta/meta-messaging-pace.js';
import { nextCursor, parseGraphTime } from '../meta/meta-paging.js';
import type { CommentList, MessengerMessageList } from './facebook-schemas.js';
import { compareGraphPositions, graphCutOf, graphListenItems } from '../meta/meta-position.js';
import { normalizeComment, normalizePost } from './normalize-graph.js';
import { normalizeMessengerMessage } from './normalize-messenger.js';

export const SOURCES = { comments: 'comments', messenger: 'messenger', mentions: 'mentions' } as const;

/**
 * New comments, and new posts by others on the Page (visitor posts), on any of the Page's 100 newest posts
 * with recent activity: one light read of the feed (no nested comments) gives each post's `updated_time`,
 * which a new comment moves (https://developers.facebook.com/docs/graph-api/reference/post/); only posts
 * updated since the cut are read for comments, newest first, down to the cut. Older posts are seen by
 * webhooks (`feed` changes), which cover every post.
 */
export function commentsSource(api: FacebookApi): ListenSource {
  return {
    name: SOURCES.comments,
    buckets: [BUCKETS.app, BUCKETS.pages],
    compare: compareGraphPositions,
    async poll(request: PollRequest): Promise<PollResult> {
      const { floorMs, isNew } = graphCutOf(request);
      const feed = await api.feed({ limit: MAX_PAGE_SIZE, signal: request.signal });
      const fresh: Message[] = [];
      for (const post of feed.data) {
        if (post.from && post.from.id !== api.pageId) {
          const visitorPost = normalizePost(post, api.normalize);
          if (isNew(visitorPost)) fresh.push(visitorPost);
        }
        const touched = parseGraphTime(post.updated_time ?? post.created_time).getTime();
        if (touched < floorMs) continue; // nothing new under it
        let after: string | undefined;
        comments: do {
          const list: CommentList = await api.comments(post.id, { after, newestFirst: true, limit: MAX_PAGE_SIZE, signal: request.signal });
          for (const comment of list.data) {
            const message = normalizeComment(comment, post.id, api.normalize);
            if (!isNew(message)) break comments;
            fresh.push(message);
          }
          after = nextCursor(list);
        } while (after);
      }
      return { items: graphListenItems(fresh) };
    },
  };
}

/** Posts elsewhere that mention (tag) the Page, newest first, cut at the saved position. */
export function mentionsSource(api: FacebookApi): ListenSource {
  return {
    name: SOURCES.mentions,
    buckets: [BUCKETS.app, BUCKETS.pages],
    compare: compareGraphPositions,
    async poll(request: PollRequest): Promise<PollResult> {
      const { isNew } = graphCutOf(request);
      const tagged = await api.tagged({ limit: PAGE_SIZE, signal: request.signal });
      const fresh = tagged.data.map((post) => normalizePost(post, api.normalize)).filter(isNew);
      return { items: graphListenItems(fresh) };
    },
  };
}

/** New Messenger messages: conversations come most recently active first, so the walk stops at the first one older than the cut. */
export function messengerSource(api: FacebookApi): ListenSource {
  return {
    name: SOURCES.messenger,
    // Paced by the Messenger allowance's share for polls (src/meta/meta-messaging-pace.ts).
    buckets: [BUCKETS.app, BUCKETS.messenger, PACE_BUCKETS.messengerPolls],
    compare: compareGraphPositions,
    async poll(request: PollRequest): Promise<PollResult> {
      const { floorMs, isNew } = graphCutOf(request);
      const fresh: Message[] = [];
      let after: string | undefined;
      pages: do {
        const page = await api.conversations({ after, messages: PAGE_SIZE, poll: true, signal: request.signal });
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
      return { items: graphListenItems(fresh) };
    },
  };
}
