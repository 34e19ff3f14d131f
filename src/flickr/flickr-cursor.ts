/**
 * The listen cursor of Flickr comments. Flickr dates comments to the second and filters by the second
 * (min_comment_date), so a position is the second of the last handled comment and the ids of every comment
 * handled in that second: `1700000000:id1,id2`. A comment of the same second that arrives later is not
 * among them, so it is neither lost nor delivered twice. Positions of one second order by how many ids they hold.
 */
export interface CommentPosition {
  /** Unix seconds. */
  date: number;
  /** Comment ids handled at `date`. */
  ids: string[];
}

export function parsePosition(position: string): CommentPosition {
  const [date, ids = ''] = position.split(':', 2) as [string, string?];
  return { date: Number(date), ids: ids === '' ? [] : ids.split(',') };
}

export function formatPosition(position: CommentPosition): string {
  return `${position.date}:${position.ids.join(',')}`;
}

export function comparePositions(a: string, b: string): number {
  const first = parsePosition(a);
  const second = parsePosition(b);
  return first.date - second.date || first.ids.length - second.ids.length;
}
