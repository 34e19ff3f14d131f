/**
 * Newest-first pages over id-ordered items, as X pages its timelines: `since_id`/`start_time` bound
 * from below, `until_id`/`end_time` from above, `max_results` per page and opaque tokens for the next
 * (older) and previous (newer) page. https://docs.x.com/x-api/fundamentals/pagination
 * Sources are walked by bound, never copied whole, so a synthetic million-post source pages in O(page).
 */

/** Exclusive id bounds. */
export interface Bounds {
  after?: bigint;
  before?: bigint;
}

export interface TimelineSource<T> {
  /** Up to `limit` items inside `bounds`, newest first. */
  newest(bounds: Bounds, limit: number): T[];
  /** Up to `limit` items inside `bounds`, oldest first. */
  oldest(bounds: Bounds, limit: number): T[];
}

export interface Page<T> {
  /** Newest first. */
  items: T[];
  nextToken?: string;
  previousToken?: string;
}

const inside = (id: bigint, bounds: Bounds) => (bounds.after === undefined || id > bounds.after) && (bounds.before === undefined || id < bounds.before);

/** A source over an array kept oldest first (the emulator's stores), filtered by `keep`. */
export function arraySource<T extends { id: string }>(items: readonly T[], keep: (item: T) => boolean): TimelineSource<T> {
  return {
    newest(bounds, limit) {
      const found: T[] = [];
      for (let index = items.length - 1; index >= 0 && found.length < limit; index--) {
        const item = items[index]!;
        const id = BigInt(item.id);
        if (bounds.after !== undefined && id <= bounds.after) break;
        if (inside(id, bounds) && keep(item)) found.push(item);
      }
      return found;
    },
    oldest(bounds, limit) {
      const found: T[] = [];
      for (let index = 0; index < items.length && found.length < limit; index++) {
        const item = items[index]!;
        const id = BigInt(item.id);
        if (bounds.before !== undefined && id >= bounds.before) break;
        if (inside(id, bounds) && keep(item)) found.push(item);
      }
      return found;
    },
  };
}

/**
 * Only the `count` newest items of a source, whatever the bounds asked (X serves the 800 most recent
 * mentions: https://docs.x.com/x-api/posts/timelines/introduction). Finds the floor in O(count).
 */
export function newestOnly<T extends { id: string }>(source: TimelineSource<T>, count: number): TimelineSource<T> {
  const floor = (): bigint | undefined => {
    const newest = source.newest({}, count);
    return newest.length < count ? undefined : BigInt(newest.at(-1)!.id) - 1n;
  };
  const raise = (bounds: Bounds): Bounds => {
    const lowest = floor();
    return lowest === undefined || (bounds.after !== undefined && bounds.after >= lowest) ? bounds : { ...bounds, after: lowest };
  };
  return { newest: (bounds, limit) => source.newest(raise(bounds), limit), oldest: (bounds, limit) => source.oldest(raise(bounds), limit) };
}

/** Several sources as one (stored mentions and synthetic ones interleave by id). */
export function mergeSources<T extends { id: string }>(sources: TimelineSource<T>[]): TimelineSource<T> {
  if (sources.length === 1) return sources[0]!;
  const byId = (a: T, b: T) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1);
  return {
    newest: (bounds, limit) => sources.flatMap((source) => source.newest(bounds, limit)).sort((a, b) => byId(b, a)).slice(0, limit),
    oldest: (bounds, limit) => sources.flatMap((source) => source.oldest(bounds, limit)).sort(byId).slice(0, limit),
  };
}

/** One page. `token` is the decoded pagination token of the request, if any. */
export function readPage<T extends { id: string }>(source: TimelineSource<T>, bounds: Bounds, limit: number, token: PageToken | undefined): Page<T> {
  let items: T[];
  if (token?.direction === 'previous') {
    items = source.oldest({ ...bounds, after: max(bounds.after, token.id) }, limit).reverse();
  } else {
    items = source.newest(token ? { ...bounds, before: min(bounds.before, token.id) } : bounds, limit);
  }
  const page: Page<T> = { items };
  const oldest = items.at(-1);
  if (oldest && source.newest({ ...bounds, before: BigInt(oldest.id) }, 1).length > 0) page.nextToken = encodeToken('next', oldest.id);
  if (token && items.length > 0) page.previousToken = encodeToken('previous', items[0]!.id);
  return page;
}

export interface PageToken {
  direction: 'next' | 'previous';
  id: bigint;
}

// Opaque to clients, 16+ characters (the DM endpoints require pagination_token minLength 16).
const TOKEN = /^([np])([0-9a-z]{15,})$/;

export function encodeToken(direction: PageToken['direction'], id: string): string {
  return (direction === 'next' ? 'n' : 'p') + BigInt(id).toString(36).padStart(15, '0');
}

export function decodeToken(token: string): PageToken | undefined {
  const match = TOKEN.exec(token);
  if (!match) return undefined;
  let id = 0n;
  for (const character of match[2]!) id = id * 36n + BigInt(parseInt(character, 36));
  return { direction: match[1] === 'n' ? 'next' : 'previous', id };
}

function min(a: bigint | undefined, b: bigint): bigint {
  return a === undefined || b < a ? b : a;
}

function max(a: bigint | undefined, b: bigint): bigint {
  return a === undefined || b > a ? b : a;
}
