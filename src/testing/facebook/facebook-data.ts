/**
 * What the Facebook emulator keeps (a Page's posts, comments and Messenger conversations) and how
 * it renders them as Graph does: only the fields asked for (defaults otherwise), times as
 * "2024-05-01T12:00:00+0000", lists as `{ data, paging: { cursors: { before, after }, next } }` with
 * `next` a full URL on the emulator's base and only when there is a next page.
 * Node fields: https://developers.facebook.com/docs/graph-api/reference/post/,
 * https://developers.facebook.com/docs/graph-api/reference/comment/,
 * https://developers.facebook.com/docs/graph-api/reference/conversation/,
 * https://developers.facebook.com/docs/graph-api/reference/message/; paging:
 * https://developers.facebook.com/docs/graph-api/results.
 */
import { FieldsError, selectFields, type FieldSpec } from '../meta/meta-graph-fields.js';

export interface Profile {
  id: string;
  name: string;
}

export interface PostRecord {
  id: string;
  message: string;
  from: Profile;
  createdMs: number;
  updatedMs: number;
  link?: string;
  /** A photo post: the photo's URL. */
  photoUrl?: string;
}

export interface CommentRecord {
  id: string;
  message: string;
  from: Profile;
  createdMs: number;
  /** The post the comment is under (its thread). */
  postId: string;
  /** What it comments on: the post, or a comment (a reply). */
  objectId: string;
  attachmentUrl?: string;
}

export interface MessengerRecord {
  id: string;
  text: string;
  from: Profile;
  to: Profile;
  createdMs: number;
  /** How often the person edited it. */
  edits?: number;
  /** An attachment the Page sent. */
  attachment?: { type: string; url: string };
  /** The Page's MESSAGE_TAG, when it sent one. */
  tag?: string;
  /** A private reply: the comment it answers. */
  privateReplyTo?: string;
}

export interface ConversationRecord {
  id: string;
  person: Profile;
  /** Oldest first. */
  messages: MessengerRecord[];
  /** When the person last wrote: the 24-hour window starts there. */
  lastInboundMs?: number;
}

export const NODE_FIELDS = {
  Post: { known: ['id', 'message', 'from', 'created_time', 'updated_time', 'permalink_url', 'comments'], defaults: ['id', 'message', 'created_time'] },
  Comment: { known: ['id', 'message', 'from', 'created_time', 'parent', 'attachment', 'permalink_url', 'comments'], defaults: ['id', 'message', 'from', 'created_time'] },
  Conversation: { known: ['id', 'updated_time', 'link', 'messages', 'participants'], defaults: ['id', 'link', 'updated_time'] },
  Message: { known: ['id', 'message', 'from', 'to', 'created_time', 'attachments'], defaults: ['id', 'created_time'] },
} as const;

export type NodeType = keyof typeof NODE_FIELDS;

/** Graph's time format. */
export function graphTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

export interface ListRequest {
  limit: number;
  after: string | undefined;
}

/** Graph caps `limit` at 100 on these edges; a bad value is a 400. */
export function readListRequest(limit: string | null | undefined, after: string | null | undefined): ListRequest {
  let size = 25;
  if (limit !== null && limit !== undefined) {
    if (!/^\d+$/.test(limit) || Number(limit) < 1) throw new FieldsError(`(#100) Param limit must be a positive integer`);
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
export function page<T>(items: readonly T[], request: ListRequest, render: (item: T) => unknown, nextUrl: (after: string) => string) {
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

/** Render a record as a node with the selected fields; edges render through `edge`. */
export function renderNode(
  type: NodeType,
  asked: FieldSpec[] | undefined,
  values: Record<string, unknown>,
  edge?: (spec: FieldSpec) => unknown,
): Record<string, unknown> {
  const { known, defaults } = NODE_FIELDS[type];
  const node: Record<string, unknown> = {};
  for (const spec of selectFields(asked, type, known, defaults)) {
    if (spec.name in values) {
      const value = values[spec.name];
      if (value !== undefined) node[spec.name] = value;
    } else if (edge) {
      const value = edge(spec);
      if (value !== undefined) node[spec.name] = value;
    }
  }
  return node;
}
