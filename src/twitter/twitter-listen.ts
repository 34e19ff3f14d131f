/**
 * listen() sources for X: mentions (polled with `since_id`) and DM events (which have no `since_id`:
 * paged newest first until an event already seen). https://docs.x.com/x-api/posts/timelines/introduction
 */
import type { AdapterContext } from '../core/adapter-context.js';
import type { ListenItem, ListenSource, PollRequest, PollResult } from '../core/listen/listen-source.js';
import { comparePositions } from '../core/listen/listen-source.js';
import type { TwitterApi } from './twitter-api.js';
import { BUCKETS } from './twitter-fields.js';

const PAGE_SIZE = 100;
// The mentions timeline serves the 800 most recent mentions (https://docs.x.com/x-api/posts/timelines/introduction).
export const MENTIONS_SERVED = 800;

/**
 * Mentions come newest first, but must be delivered oldest first. A backlog larger than one page is
 * walked down with `until_id` to its oldest page, remembering only each page's upper bound; each
 * poll then delivers one page and the next poll climbs back up. Memory stays one page, whatever the backlog.
 * A page may come short or empty while a `next_token` remains (X filters after cutting it): only a
 * missing token ends the walk. X serves only the 800 most recent mentions: a walk from the cursor that
 * reaches that many emits an `'error'` naming the gap it cannot read, and goes on with what X serves.
 */
export function mentionsSource(api: TwitterApi, context?: AdapterContext): ListenSource {
  const upperBounds: Array<string | null> = [];
  return {
    name: 'mentions',
    buckets: [BUCKETS.mentions],
    async poll({ cursor, since, signal }: PollRequest): Promise<PollResult> {
      const descending = upperBounds.length === 0;
      let upper = upperBounds.length > 0 ? upperBounds.pop()! : null;
      let token: string | undefined;
      let walked = 0;
      for (;;) {
        const page = await api.mentions(
          {
            max_results: PAGE_SIZE,
            ...(cursor ? { since_id: cursor } : { start_time: toSeconds(since) }),
            until_id: upper ?? undefined,
            pagination_token: token,
          },
          signal,
        );
        walked += page.messages.length;
        if (page.nextToken && page.oldestId) {
          upperBounds.push(upper);
          upper = page.oldestId;
          token = undefined;
          continue;
        }
        if (page.nextToken) {
          token = page.nextToken; // an empty page that is not the end
          continue;
        }
        if (descending && cursor && walked >= MENTIONS_SERVED && context) {
          // Rare (a backlog beyond what X serves): its report is loaded only then, and emitted before this poll returns.
          const { reportMentionsGap } = await import('./twitter-mentions-gap.js');
          reportMentionsGap(context, MENTIONS_SERVED, cursor, page.messages.at(-1)?.id ?? upper);
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
