/**
 * What the Instagram emulator keeps (the account's media, their comments and replies, media that tag
 * the account, Instagram Direct conversations) and the node types it renders, with the fields Meta
 * documents and the defaults Graph answers when no `fields` are asked:
 * IG Media https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media,
 * IG Comment https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment
 * (`from { id, username }` and `parent_id` since the 2021-10-20 out-of-cycle change),
 * IG User https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user
 * (edges `media`, `tags`; fields `mentioned_comment`, `mentioned_media`),
 * conversations and messages https://developers.facebook.com/docs/messenger-platform/instagram/features/conversations-api.
 */
import { FieldsError, selectFields, type FieldSpec } from '../meta/meta-graph-fields.js';

export interface InstagramUser {
  /** The IGSID (as the business sees the person) or the account's IG user id. */
  id: string;
  username: string;
}

export interface MediaRecord {
  id: string;
  caption: string;
  owner: InstagramUser;
  createdMs: number;
  mediaType: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  productType: 'FEED' | 'REELS' | 'STORY' | 'AD' | 'LIVE';
  /** Comments turned off on the media (`POST /{ig-media-id}?comment_enabled=false`). */
  commentEnabled: boolean;
  /** Users tagged in the photo (their IG user ids): the media shows up on their `/tags` edge. */
  tagged: string[];
}

export interface CommentRecord {
  id: string;
  text: string;
  from: InstagramUser;
  createdMs: number;
  mediaId: string;
  /** The top-level comment this one replies to; absent on a top-level comment. */
  parentId?: string;
  hidden: boolean;
  /** A private reply was sent for it (one per comment). */
  privatelyReplied?: boolean;
}

export interface DirectRecord {
  id: string;
  text: string;
  from: InstagramUser;
  to: InstagramUser;
  createdMs: number;
}

export interface DirectConversation {
  id: string;
  person: InstagramUser;
  /** Oldest first. */
  messages: DirectRecord[];
  /** When the person last wrote: the 24-hour (and HUMAN_AGENT 7-day) windows start there. */
  lastInboundMs?: number;
}

export const NODE_FIELDS = {
  IGMedia: {
    known: ['id', 'caption', 'comments_count', 'is_comment_enabled', 'like_count', 'media_product_type', 'media_type', 'media_url', 'permalink', 'shortcode', 'timestamp', 'username', 'owner', 'comments'],
    defaults: ['id'],
  },
  IGComment: { known: ['id', 'from', 'hidden', 'like_count', 'media', 'parent_id', 'replies', 'text', 'timestamp', 'user', 'username'], defaults: ['id', 'text', 'timestamp'] },
  IGUser: { known: ['id', 'username', 'name', 'media_count', 'media', 'tags', 'mentioned_comment', 'mentioned_media'], defaults: ['id'] },
  Conversation: { known: ['id', 'updated_time', 'messages', 'participants'], defaults: ['id', 'updated_time'] },
  Message: { known: ['id', 'created_time', 'from', 'to', 'message', 'attachments'], defaults: ['id', 'created_time'] },
} as const;

export type NodeType = keyof typeof NODE_FIELDS;

/** Render a record as a node with the selected fields; edges and fields with arguments render through `edge`. */
export function renderNode(type: NodeType, asked: FieldSpec[] | undefined, values: Record<string, unknown>, edge?: (spec: FieldSpec) => unknown): Record<string, unknown> {
  const { known, defaults } = NODE_FIELDS[type];
  const node: Record<string, unknown> = {};
  for (const spec of selectFields(asked, type, known, defaults)) {
    const value = spec.name in values ? values[spec.name] : edge?.(spec);
    if (value !== undefined) node[spec.name] = value;
  }
  return node;
}

/** Fields asked of a node are checked even when the node renders no edge (a typo is a 400 at any depth). */
export function requireKnown(type: NodeType, specs: FieldSpec[] | undefined): void {
  for (const spec of specs ?? []) {
    if (!(NODE_FIELDS[type].known as readonly string[]).includes(spec.name)) {
      throw new FieldsError(`(#100) Tried accessing nonexisting field (${spec.name}) on node type (${type})`);
    }
  }
}

/** Instagram ids are long numeric strings (media and comments 17–18 digits, IGSIDs 16). */
export function numericId(prefix: string, counter: number, length = 17): string {
  return prefix + String(counter).padStart(length - prefix.length, '0');
}
