/**
 * The Instagram Graph and Instagram Messaging endpoints this adapter calls, each one request through
 * the core's HTTP engine. Comments and replies:
 * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media/comments,
 * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment/replies;
 * mentions: https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/mentions;
 * Direct: https://developers.facebook.com/docs/messenger-platform/instagram/features/conversations-api and the
 * Send API (src/meta/meta-send.ts).
 */
import type { Message } from '../core/channel.js';
import type { AdapterContext } from '../core/adapter-context.js';
import type { AdapterHttpClient } from '../core/define-channel.js';
import { signalOf } from '../meta/meta-paging.js';
import { sendApi } from '../meta/meta-send.js';
import { COMMENT_FIELDS, MEDIA_FIELDS, MENTIONED_COMMENT_FIELDS, MESSAGE_FIELDS, nestedComments, nestedMessages, PAGE_SIZE, TAG_FIELDS } from './instagram-fields.js';
import { CONVERSATIONS, INSTAGRAM, MESSAGING, PRIVATE_REPLIES } from './instagram-rate-limits.js';
import {
  commentListSchema,
  commentSchema,
  conversationListSchema,
  createdSchema,
  directMessageListSchema,
  mediaListSchema,
  mentionedCommentSchema,
  mentionedMediaSchema,
  replyListSchema,
  type Comment,
} from './instagram-schemas.js';
import { normalizeComment, normalizeDirectMessage, type NormalizeContext } from './normalize-instagram.js';

type Signal = AbortSignal | undefined;

export class InstagramApi {
  readonly normalize: NormalizeContext;

  constructor(
    private readonly http: AdapterHttpClient,
    context: AdapterContext,
    readonly pageId: string,
    readonly accountId: string,
  ) {
    this.normalize = { channel: context.id, accountId };
  }

  /** A page of the account's media, newest first, each with its newest top-level comments and their replies nested. */
  media(options: { after?: string | undefined; limit?: number; signal?: Signal }) {
    return this.http.request({
      method: 'GET',
      path: `/${this.accountId}/media`,
      searchParams: { fields: `${MEDIA_FIELDS},${nestedComments()}`, limit: options.limit ?? PAGE_SIZE, after: options.after },
      bucket: INSTAGRAM,
      schema: mediaListSchema,
      ...signalOf(options.signal),
    });
  }

  /** Top-level comments on one media, newest first, with their replies. */
  comments(mediaId: string, after: string | undefined, signal?: Signal) {
    return this.http.request({
      method: 'GET',
      path: `/${encodeURIComponent(mediaId)}/comments`,
      searchParams: { fields: `${COMMENT_FIELDS},replies.limit(50){${COMMENT_FIELDS}}`, limit: 50, after },
      bucket: INSTAGRAM,
      schema: commentListSchema,
      ...signalOf(signal),
    });
  }

  comment(commentId: string, signal?: Signal) {
    return this.http.request({ method: 'GET', path: `/${encodeURIComponent(commentId)}`, searchParams: { fields: COMMENT_FIELDS }, bucket: INSTAGRAM, schema: commentSchema, ...signalOf(signal) });
  }

  /** Replies under a top-level comment, oldest first. */
  replies(commentId: string, after: string | undefined, signal?: Signal) {
    return this.http.request({
      method: 'GET',
      path: `/${encodeURIComponent(commentId)}/replies`,
      searchParams: { fields: COMMENT_FIELDS, limit: 50, after },
      bucket: INSTAGRAM,
      schema: replyListSchema,
      ...signalOf(signal),
    });
  }

  /** Media of other accounts that tag this one, newest first. */
  tags(after: string | undefined, signal?: Signal) {
    return this.http.request({
      method: 'GET',
      path: `/${this.accountId}/tags`,
      searchParams: { fields: TAG_FIELDS, limit: PAGE_SIZE, after },
      bucket: INSTAGRAM,
      schema: mediaListSchema,
      ...signalOf(signal),
    });
  }

  mentionedComment(commentId: string, signal?: Signal) {
    return this.http.request({
      method: 'GET',
      path: `/${this.accountId}`,
      searchParams: { fields: `mentioned_comment.comment_id(${commentId}){${MENTIONED_COMMENT_FIELDS}}` },
      bucket: INSTAGRAM,
      schema: mentionedCommentSchema,
      ...signalOf(signal),
    });
  }

  mentionedMedia(mediaId: string, signal?: Signal) {
    return this.http.request({
      method: 'GET',
      path: `/${this.accountId}`,
      searchParams: { fields: `mentioned_media.media_id(${mediaId}){${TAG_FIELDS}}` },
      bucket: INSTAGRAM,
      schema: mentionedMediaSchema,
      ...signalOf(signal),
    });
  }

  /** Instagram conversations, most recently active first, each with its newest messages. */
  conversations(options: { after?: string | undefined; userId?: string; messages?: number; limit?: number; signal?: Signal }) {
    return this.http.request({
      method: 'GET',
      path: `/${this.pageId}/conversations`,
      searchParams: { platform: 'instagram', fields: `id,updated_time,${nestedMessages(options.messages ?? PAGE_SIZE)}`, limit: options.limit ?? PAGE_SIZE, user_id: options.userId, after: options.after },
      bucket: CONVERSATIONS,
      schema: conversationListSchema,
      ...signalOf(options.signal),
    });
  }

  conversationMessages(conversationId: string, after: string | undefined, signal?: Signal) {
    return this.http.request({
      method: 'GET',
      path: `/${encodeURIComponent(conversationId)}/messages`,
      searchParams: { fields: MESSAGE_FIELDS, limit: PAGE_SIZE, after },
      bucket: CONVERSATIONS,
      schema: directMessageListSchema,
      ...signalOf(signal),
    });
  }

  /** A reply under a top-level comment; the answer is in the thread of that comment. */
  async replyToComment(topLevelId: string, mediaId: string | undefined, text: string): Promise<Message> {
    const answer = await this.http.request({ method: 'POST', path: `/${encodeURIComponent(topLevelId)}/replies`, form: { message: text }, bucket: INSTAGRAM, schema: createdSchema });
    return this.#ownComment(answer.id, text, topLevelId, mediaId);
  }

  /** A comment on a mention: under the comment that mentions the account, or on the media whose caption does. */
  async replyToMention(mediaId: string, commentId: string | undefined, text: string, threadId: string): Promise<Message> {
    const answer = await this.http.request({
      method: 'POST',
      path: `/${this.accountId}/mentions`,
      form: { media_id: mediaId, ...(commentId ? { comment_id: commentId } : {}), message: text },
      bucket: INSTAGRAM,
      schema: createdSchema,
    });
    const message = this.#ownComment(answer.id, text, commentId, mediaId);
    return { ...message, threadId };
  }

  /** A Direct message to an IGSID: RESPONSE inside the 24-hour window, or HUMAN_AGENT (7 days). */
  async sendDirect(igsid: string, text: string, humanAgent: boolean): Promise<Message> {
    const sent = await sendApi(this.http, {
      pageId: this.pageId,
      recipient: { id: igsid },
      message: { text },
      ...(humanAgent ? { messagingType: 'MESSAGE_TAG' as const, tag: 'HUMAN_AGENT' } : {}),
      bucket: MESSAGING,
    });
    return this.#ownDirect(sent.message_id, sent.recipient_id ?? igsid, text);
  }

  /** A private reply to a comment's author: one Direct message, once per comment, within 7 days. */
  async privateReply(commentId: string, authorId: string, text: string): Promise<Message> {
    const sent = await sendApi(this.http, { pageId: this.pageId, recipient: { comment_id: commentId }, message: { text }, bucket: PRIVATE_REPLIES });
    const message = this.#ownDirect(sent.message_id, sent.recipient_id ?? authorId, text);
    return { ...message, parentId: commentId };
  }

  #ownComment(id: string, text: string, parentId: string | undefined, mediaId: string | undefined): Message {
    const comment: Comment = { id, text, timestamp: new Date().toISOString(), user: { id: this.accountId }, parent_id: parentId ?? null, media: mediaId ? { id: mediaId } : null };
    return normalizeComment(comment, this.normalize);
  }

  #ownDirect(id: string, igsid: string, text: string): Message {
    return normalizeDirectMessage({ id, created_time: new Date().toISOString(), from: { id: this.accountId }, to: { data: [{ id: igsid }] }, message: text }, this.normalize);
  }
}
