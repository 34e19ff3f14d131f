/**
 * listen() sources for Instagram: comments (and replies) on the account's media, media that tags it,
 * and Direct messages. Each is read newest first and cut at the saved position (second + id); webhooks
 * push the same messages with the same positions under the same source names.
 *
 * What polling sees: comments on the 25 newest media. Instagram lists top-level comments newest first
 * and replies under them, so a poll reads each media's 50 newest top-level comments with their replies
 * (one request for all 25 media), and further pages only while every comment on a page is new: a
 * reply under an older top-level comment, or a comment on older media, comes by webhook.
 */
import type { Message } from '../core/channel.js';
import type { ListenSource, PollRequest, PollResult } from '../core/listen/listen-source.js';
import { compareGraphPositions, graphCutOf, graphListenItems } from '../meta/meta-position.js';
import { nextCursor, parseGraphTime } from '../meta/meta-paging.js';
import type { InstagramApi } from './instagram-api.js';
import { PAGE_SIZE } from './instagram-fields.js';
import { CONVERSATIONS, INSTAGRAM } from './instagram-rate-limits.js';
import type { CommentList, DirectMessageList, MediaList } from './instagram-schemas.js';
import { normalizeComment, normalizeDirectMessage, normalizeMentionMedia } from './normalize-instagram.js';

export const SOURCES = { comments: 'comments', mentions: 'mentions', direct: 'direct' } as const;

export function commentsSource(api: InstagramApi): ListenSource {
  return {
    name: SOURCES.comments,
    buckets: INSTAGRAM,
    compare: compareGraphPositions,
    async poll(request: PollRequest): Promise<PollResult> {
      const { isNew } = graphCutOf(request);
      const page: MediaList = await api.media({ limit: PAGE_SIZE, signal: request.signal });
      const fresh: Message[] = [];
      for (const media of page.data) {
        let list: CommentList | undefined = media.comments ?? undefined;
        while (list) {
          let allNew = true;
          for (const comment of list.data) {
            const message = normalizeComment(comment, api.normalize, media);
            if (isNew(message)) fresh.push(message);
            else allNew = false;
            let replies = comment.replies ?? undefined;
            while (replies) {
              for (const reply of replies.data) {
                const answer = normalizeComment(reply, api.normalize, media);
                if (isNew(answer)) fresh.push(answer);
              }
              const after = nextCursor(replies);
              replies = after ? await api.replies(comment.id, after, request.signal) : undefined;
            }
          }
          const after = nextCursor(list);
          list = allNew && after ? await api.comments(media.id, after, request.signal) : undefined;
        }
      }
      return { items: graphListenItems(fresh) };
    },
  };
}

/** Media of other accounts that tag this one, newest first. */
export function mentionsSource(api: InstagramApi): ListenSource {
  return {
    name: SOURCES.mentions,
    buckets: INSTAGRAM,
    compare: compareGraphPositions,
    async poll(request: PollRequest): Promise<PollResult> {
      const { isNew } = graphCutOf(request);
      const fresh: Message[] = [];
      let after: string | undefined;
      pages: do {
        const page = await api.tags(after, request.signal);
        for (const media of page.data) {
          const message = normalizeMentionMedia(media, api.normalize);
          if (!isNew(message)) break pages;
          fresh.push(message);
        }
        after = nextCursor(page);
      } while (after);
      return { items: graphListenItems(fresh) };
    },
  };
}

/** New Direct messages: conversations come most recently active first, so the walk stops at the first one older than the cut. */
export function directSource(api: InstagramApi): ListenSource {
  return {
    name: SOURCES.direct,
    buckets: CONVERSATIONS,
    compare: compareGraphPositions,
    async poll(request: PollRequest): Promise<PollResult> {
      const { floorMs, isNew } = graphCutOf(request);
      const fresh: Message[] = [];
      let after: string | undefined;
      pages: do {
        const page = await api.conversations({ after, messages: PAGE_SIZE, signal: request.signal });
        for (const conversation of page.data) {
          if (conversation.updated_time && parseGraphTime(conversation.updated_time).getTime() < floorMs) break pages;
          let list: DirectMessageList | undefined = conversation.messages ?? undefined;
          messages: while (list) {
            for (const item of list.data) {
              const message = normalizeDirectMessage(item, api.normalize);
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
