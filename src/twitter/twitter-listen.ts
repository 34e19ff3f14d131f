/**
 * listen() sources for X: mentions (polled with `since_id`) and DM events (which have no `since_id`:
 * paged newest first until an event already seen). https://docs.x.com/x-api/posts/timelines/introduction
 */
import type { ListenItem, ListenSource, PollRequest, PollResult } from '../core/listen/listen-source.js';
import { comparePositions } from '../core/listen/listen-source.js';
import type { TwitterApi } from './twitter-api.js';
import { BUCKETS } from './twitter-fields.js';

const PAGE_SIZE = 100;

/**
 * Mentions come newest first, but must be delivered oldest first. A backlog larger than one page is
 * walked down with `until_id` to its oldest page, remembering only each page's upper bound; each
 * poll then delivers one page and the next poll climbs back up. Memory stays one page, whatever the backlog.
 */
export function mentionsSource(api: TwitterApi): ListenSource {
  const upperBounds: Array<string | null> = [];
  return {
    name: 'mentions',
    buckets: [BUCKETS.mentions],
    async poll({ cursor, since, signal }: PollRequest): Promise<PollResult> {
      let upper = upperBounds.length > 0 ? upperBounds.pop()! : null;
      for (;;) {
        const page = await api.mentions(
          {
            max_results: PAGE_SIZE,
            ...(cursor ? { since_id: cursor } : { start_time: toSeconds(since) }),
            until_id: upper ?? undefined,
          },
          signal,
        );
        if (page.nextToken && page.oldestId) {
          upperBounds.push(upper);
          upper = page.oldestId;
          continue;
        }
        return { items: toItems(page.messages), more: upperBounds.length > 0 };
      }
    },
  };
}

export function directMessagesSource(api: TwitterApi): ListenSource {
  return {
    name: 'dm',
    buckets: [BUCKETS.dmEvents],
    async poll({ cursor, since, signal }: PollRequest): Promise<PollResult> {
      const collected = [];
      let token: string | undefined;
      pages: do {
        const page = await api.dmEvents(token, signal);
        for (const message of page.messages) {
          const seen = cursor ? comparePositions(message.id, cursor) <= 0 : message.createdAt < since;
          if (seen) break pages;
          collected.push(message);
        }
        token = page.nextToken;
      } while (token);
      return { items: toItems(collected) };
    },
  };
}

function toItems(newestFirst: ListenItem['message'][]): ListenItem[] {
  const items: ListenItem[] = [];
  for (let index = newestFirst.length - 1; index >= 0; index--) {
    const message = newestFirst[index]!;
    items.push({ message, position: message.id });
  }
  return items;
}

// X takes RFC 3339 times to the second (YYYY-MM-DDTHH:mm:ssZ).
function toSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
