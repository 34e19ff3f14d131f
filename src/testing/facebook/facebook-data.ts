/**
 * What the Facebook emulator keeps (a Page's posts, comments and Messenger conversations) and how
 * it renders them as Graph does: only the fields asked for (defaults otherwise); times and lists as
 * src/testing/meta/meta-graph-paging.ts renders them for every Meta emulator.
 * Node fields: https://developers.facebook.com/docs/graph-api/reference/post/,
 * https://developers.facebook.com/docs/graph-api/reference/comment/,
 * https://developers.facebook.com/docs/graph-api/reference/conversation/,
 * https://developers.facebook.com/docs/graph-api/reference/message/; paging:
 * https://developers.facebook.com/docs/graph-api/results.
 */
import { selectFields, type FieldSpec } from '../meta/meta-graph-fields.js';

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
