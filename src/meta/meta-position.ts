/**
 * Where a Graph message stands in a listen() source: its second (Graph times have whole seconds, and
 * webhooks name the same second) and its id. A poll and a webhook compute the same position for one
 * message, so a message seen by both is delivered once.
 */
import type { Message } from '../core/channel.js';
import type { ListenItem, PollRequest } from '../core/listen/listen-source.js';

export function graphPositionOf(message: Message): string {
  return `${String(Math.floor(message.createdAt.getTime() / 1000)).padStart(11, '0')}:${message.id}`;
}

/** Positions in order: by second, then by the id's last numeric part (Graph ids grow over time), then lexically. */
export function compareGraphPositions(a: string, b: string): number {
  const [secondsA, idA] = split(a);
  const [secondsB, idB] = split(b);
  if (secondsA !== secondsB) return secondsA < secondsB ? -1 : 1;
  const tailA = idA.slice(idA.lastIndexOf('_') + 1);
  const tailB = idB.slice(idB.lastIndexOf('_') + 1);
  if (/^\d+$/.test(tailA) && /^\d+$/.test(tailB) && tailA.length !== tailB.length) return tailA.length - tailB.length;
  if (tailA !== tailB) return tailA < tailB ? -1 : 1;
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}

function split(position: string): [string, string] {
  const index = position.indexOf(':');
  return index < 0 ? [position, ''] : [position.slice(0, index), position.slice(index + 1)];
}

/** A poll's cut: what is newer than the saved position, or on a first run, from `since` (to its second). */
export function graphCutOf({ cursor, since }: PollRequest) {
  const floorMs = cursor ? Number(cursor.split(':')[0]) * 1000 : Math.floor(since.getTime() / 1000) * 1000;
  return {
    floorMs,
    isNew: (message: Message) => (cursor ? compareGraphPositions(graphPositionOf(message), cursor) > 0 : message.createdAt.getTime() >= floorMs),
  };
}

/** A poll's messages as listen items, oldest position first. */
export function graphListenItems(messages: Message[]): ListenItem[] {
  return messages.map((message) => ({ message, position: graphPositionOf(message) })).sort((a, b) => compareGraphPositions(a.position, b.position));
}
