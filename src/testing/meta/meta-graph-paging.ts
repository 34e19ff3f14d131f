/**
 * Graph's lists and times as the Meta emulators render them (https://developers.facebook.com/docs/graph-api/results):
 * `{ data, paging: { cursors: { before, after }, next } }`, `next` a full URL and only when there is a
 * next page; `limit` a positive integer, capped at 100 on these edges (a bad value is a 400);
 * times as "2024-05-01T12:00:00+0000" (whole seconds).
 */
import { FieldsError } from './meta-graph-fields.js';

export interface ListRequest {
  limit: number;
  after: string | undefined;
}

/** Graph's time format. */
export function graphTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

export function readListRequest(limit: string | null | undefined, after: string | null | undefined, defaultLimit = 25): ListRequest {
  let size = defaultLimit;
  if (limit !== null && limit !== undefined) {
    if (!/^\d+$/.test(limit) || Number(limit) < 1) throw new FieldsError('(#100) Param limit must be a positive integer');
    size = Math.min(100, Number(limit));
  }
  return { limit: size, after: after ?? undefined };
}

const encodeCursor = (index: number) => btoa(`cursor:${index}`).replace(/=+$/, '');

function decodeCursor(cursor: string): number {
  try {
    const match = /^cursor:(\d+)$/.exec(atob(cursor));
    if (match) return Number(match[1]);
  } catch {
    // fall through
  }
  throw new FieldsError('(#100) The after cursor is invalid');
}

/** One page of a list, with Graph's paging; `nextUrl` builds the full URL of the next page. */
export function graphPage<T>(items: readonly T[], request: ListRequest, render: (item: T) => unknown, nextUrl: (after: string) => string) {
  const start = request.after ? decodeCursor(request.after) + 1 : 0;
  const slice = items.slice(start, start + request.limit);
  const body: { data: unknown[]; paging?: { cursors: { before: string; after: string }; next?: string } } = { data: slice.map(render) };
  if (slice.length > 0) {
    const after = encodeCursor(start + slice.length - 1);
    body.paging = { cursors: { before: encodeCursor(start), after } };
    if (start + slice.length < items.length) body.paging.next = nextUrl(after);
  }
  return body;
}
