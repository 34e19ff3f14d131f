/**
 * listen() for YouTube: comment threads of the channel's videos, most recent first
 * (commentThreads.list, allThreadsRelatedToChannelId, order=time), paged back to the cursor; YouTube
 * has no "since" parameter and no push for comments. A thread's replies beyond those inlined are read
 * with comments.list only when its reply count has changed since it was last read.
 * With `moderation`, a second source reads the threads held for review the same way. A held comment,
 * approved later, keeps its publishedAt and so is behind the published source's cursor by then; one
 * approved before the held source saw it comes from the published source, and one handled while held
 * is passed over there (held-messages.ts).
 */
import type { Message } from '../core/channel.js';
import type { HeldMessages } from '../core/listen/held-messages.js';
import type { ListenSource, PollRequest, PollResult } from '../core/listen/listen-source.js';
import type { YouTubeApi } from './youtube-api.js';
import { LISTEN_BUCKET } from './youtube-quota.js';
import type { CommentThread } from './youtube-schemas.js';

export const SOURCES = { published: 'comments', held: 'held' } as const;

/** A comment's place in time order: "<publishedAt in ms, 15 digits>:<id>", compared as text. */
export function commentPosition(message: Message): string {
  return `${String(message.createdAt.getTime()).padStart(15, '0')}:${message.id}`;
}

/** `held`: this source reads the threads held for review (`status: 'held'`), or the published ones beside such a source. */
export function commentsSource(api: YouTubeApi, held?: { status: 'held' | 'published'; memory: HeldMessages }): ListenSource {
  // Per thread: its reply count when last read. A thread whose count and comments are all old ends the paging.
  const replyCounts = new Map<string, number>();
  const readsHeld = held?.status === 'held';
  return {
    name: readsHeld ? SOURCES.held : SOURCES.published,
    buckets: [LISTEN_BUCKET],
    compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    async poll({ cursor, since, signal }: PollRequest): Promise<PollResult> {
      const threshold = cursor ? Number(cursor.slice(0, 15)) : since.getTime();
      const isNew = (message: Message) => (cursor ? commentPosition(message) > cursor : message.createdAt.getTime() >= threshold);
      const read = { signal, listening: true, held: readsHeld };
      const fresh: Message[] = [];
      let pageToken: string | undefined;
      pages: do {
        const page = await api.threadsPage(pageToken, read);
        for (const thread of page.items) {
          const total = thread.snippet.totalReplyCount ?? 0;
          // Unchanged since it was read, and old: nothing of it or after it is new.
          if (newestKnown(thread) < threshold && replyCounts.get(thread.id) === total) break pages;
          const messages = await api.threadMessages(thread, read);
          replyCounts.set(thread.id, total);
          fresh.push(...messages.filter(isNew));
          // Threads come by activity: once one's newest comment (replies read by comments.list included,
          // since a thread inlines only its first replies) is old, the rest are older.
          const newest = Math.max(newestKnown(thread), ...messages.map((message) => message.createdAt.getTime()));
          if (newest < threshold) break pages;
        }
        pageToken = page.nextPageToken ?? undefined;
      } while (pageToken);
      const items = [];
      for (const message of fresh) {
        const position = commentPosition(message);
        if (readsHeld) await held!.memory.remember(message.id, position);
        const skip = held?.status === 'published' && (await held.memory.handledWhileHeld(message.id));
        items.push({ message, position, ...(skip ? { skip: true } : {}) });
      }
      items.sort((a, b) => (a.position < b.position ? -1 : 1));
      return { items };
    },
  };
}

/** The newest time this thread's answer shows: its top-level comment or an inlined reply. */
function newestKnown(thread: CommentThread): number {
  const comments = [thread.snippet.topLevelComment, ...(thread.replies?.comments ?? [])];
  return Math.max(...comments.map((comment) => Date.parse(comment.snippet.publishedAt)));
}
