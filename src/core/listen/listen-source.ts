/** What an adapter gives the listen engine: pollable sources of inbound messages, each in order. */
import type { Message } from '../channel.js';

export interface ListenItem {
  message: Message;
  /**
   * Where this message stands in its source's order: once it is handled, the source's cursor may be
   * saved as this value and the next poll starts after it (a since_id, a post id, "uidvalidity:uid").
   */
  position: string;
  /** Move past this message without delivering it (an auto-reply, a bounce), like the channel's own messages. */
  skip?: boolean;
}

export interface PollRequest {
  /** The saved position of the last handled message, or undefined on a first run. */
  cursor: string | undefined;
  /** On a first run: where to start (the moment listen() was first called, or `listen({ since })`). */
  since: Date;
  signal: AbortSignal;
}

export interface PollResult {
  /** New messages after `cursor` (or since `since`), oldest first. Items at or before the cursor are skipped. */
  items: ListenItem[];
  /** There is more right away (a page was full): poll again without waiting. */
  more?: boolean;
}

export interface ListenSource {
  /** Names the source's cursor in the store: "mentions", "dm", "inbox". */
  name: string;
  poll(request: PollRequest): Promise<PollResult>;
  /** Order of two positions. Default: numeric strings compared as numbers. */
  compare?(a: string, b: string): number;
  /** Rate-limit buckets (without the channel prefix) whose quota paces this source's polls. */
  buckets?: readonly string[];
  /**
   * Name a message by its id, not its position, in the leases and done markers workers share. For sources
   * whose position depends on what the poll saw before it (a second and the ids already delivered in it):
   * two workers can give one message two positions, and would both deliver it. The id must then be unique
   * in the source, and a message is delivered once per id.
   */
  keyById?: boolean;
}

/** How workers sharing a store name one message of a source: its position, or its id (`keyById`). */
export function messageKey(source: Pick<ListenSource, 'name' | 'keyById'>, position: string, id: string | undefined): string {
  return `${source.name}:${source.keyById && id !== undefined ? id : position}`;
}

/** Numeric ids compare as numbers (length first), anything else lexically. */
export function comparePositions(a: string, b: string): number {
  if (a.length !== b.length && /^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
