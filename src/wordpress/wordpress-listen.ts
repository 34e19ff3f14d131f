/**
 * listen() sources for WordPress: approved comments and, with `moderation`, comments held for
 * moderation. WordPress pages comments by date only: `after` is exclusive and compares whole seconds
 * (WP_Date_Query on the comment date), ties in date order broken by id. The cursor is therefore a
 * second and the ids already delivered at that second: the next poll asks from before that second, with
 * those ids in `exclude`, so comments written in the same second are neither lost nor repeated.
 * WordPress compares `after` with each comment's date in the site's zone, which repeats an hour when summer
 * time ends: the poll asks from an hour earlier still and keeps only comments at or after the cursor by
 * their GMT date. The pages it skips that way do not count against its pages per poll.
 */
import type { HeldMessages } from '../core/listen/held-messages.js';
import type { ListenItem, ListenSource, PollRequest, PollResult } from '../core/listen/listen-source.js';
import { PAGE_SIZE, READ_BUCKET, type WordpressApi } from './wordpress-api.js';
import { gmtDate } from './normalize-comment.js';

export const SOURCES = { approved: 'comments', held: 'held' } as const;
// Pages with new comments one poll reads before handing over what it has (`more`: the next poll follows at once).
const PAGES_PER_POLL = 5;
// How far back of the cursor `after` reaches: the largest step back of a zone's clock (summer time's hour).
const LOCAL_CLOCK_STEP_SECONDS = 60 * 60;

interface Cursor {
  /** Epoch seconds of the last delivered comment. */
  second: number;
  /** Ids delivered at that second, in delivery order. */
  ids: number[];
}

/** "<epoch seconds>:<id>.<id>…" — the second, and the ids delivered at it. */
export function formatCursor(cursor: Cursor): string {
  return `${cursor.second}:${cursor.ids.join('.')}`;
}

export function parseCursor(position: string): Cursor {
  const [second = '0', ids = ''] = position.split(':');
  return { second: Number(second), ids: ids === '' ? [] : ids.split('.').map(Number) };
}

/** Later second first; at the same second, more ids delivered is later (the list only grows). */
export function compareCursors(a: string, b: string): number {
  const x = parseCursor(a);
  const y = parseCursor(b);
  return x.second - y.second || x.ids.length - y.ids.length;
}

export function commentSource(api: WordpressApi, status: 'approve' | 'hold', held?: HeldMessages): ListenSource {
  return {
    name: status === 'approve' ? SOURCES.approved : SOURCES.held,
    buckets: [READ_BUCKET],
    compare: compareCursors,
    keyById: true, // a position holds the ids a poll saw in its second: two workers may give one comment two positions
    async poll({ cursor, since, signal }: PollRequest): Promise<PollResult> {
      const from: Cursor = cursor ? parseCursor(cursor) : { second: Math.floor(since.getTime() / 1000), ids: [] };
      const query = {
        after: new Date((from.second - 1 - LOCAL_CLOCK_STEP_SECONDS) * 1000).toISOString().replace('.000Z', 'Z'),
        // A list parameter is read as comma-separated values (wp_parse_id_list); PHP keeps only the last of repeated names.
        exclude: from.ids.length > 0 ? from.ids.join(',') : undefined,
        orderby: 'date_gmt',
        order: 'asc',
        per_page: PAGE_SIZE,
        // `status` other than approve needs edit_posts: sent only for held comments.
        ...(status === 'hold' ? { status } : {}),
      };
      const items: ListenItem[] = [];
      let at = { ...from, ids: [...from.ids] };
      for (let page = 1, pagesWithNew = 0; ; page++) {
        const comments = await api.list({ ...query, page }, signal);
        // Only what is not before the cursor's second is made a Message (its post and thread looked up).
        const messages = await api.messages(comments.filter((comment) => secondOf(comment.date_gmt) >= from.second), signal);
        const before = items.length;
        for (const message of messages) {
          const id = Number(message.id);
          const second = secondOf((message.raw as { date_gmt: string }).date_gmt);
          if (second === at.second && at.ids.includes(id)) continue; // delivered before
          at = second === at.second ? { second, ids: [...at.ids, id] } : { second, ids: [id] };
          const position = formatCursor(at);
          if (status === 'hold') await held?.remember(message.id, position);
          const skip = status === 'approve' && (await held?.handledWhileHeld(message.id));
          items.push({ message, position, ...(skip ? { skip: true } : {}) });
        }
        if (comments.length < PAGE_SIZE) return { items };
        if (items.length > before && ++pagesWithNew === PAGES_PER_POLL) return { items, more: true };
      }
    },
  };
}

function secondOf(dateGmt: string): number {
  return Math.floor(gmtDate(dateGmt).getTime() / 1000);
}
