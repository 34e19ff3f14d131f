/**
 * Graph's cursor paging (https://developers.facebook.com/docs/graph-api/results): a list is
 * `{ data, paging: { cursors: { before, after }, next } }`, `next` present only when there is a next page;
 * and Graph's times, "2024-05-01T12:00:00+0000".
 */
import * as z from 'zod/mini';

export const pagingSchema = z.nullish(
  z.object({
    cursors: z.nullish(z.object({ before: z.nullish(z.string()), after: z.nullish(z.string()) })),
    next: z.nullish(z.string()),
  }));
export type Paging = z.infer<typeof pagingSchema>;

/** The `after` cursor of a Graph list, only when Graph says there is a next page. */
export function nextCursor(list: { paging?: Paging | undefined }): string | undefined {
  return list.paging?.next ? (list.paging.cursors?.after ?? undefined) : undefined;
}

/** Graph times look like "2024-05-01T12:00:00+0000" (ISO 8601 without the colon in the offset). */
export function parseGraphTime(value: string): Date {
  const date = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

/** `{ signal }` when there is one, for a request's options. */
export function signalOf(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}
