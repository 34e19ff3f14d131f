/**
 * The Graph endpoints this adapter calls, each one request through the core's HTTP engine.
 * Pages API: https://developers.facebook.com/docs/pages-api/posts, comments:
 * https://developers.facebook.com/docs/graph-api/reference/object/comments, Conversations API:
 * https://developers.facebook.com/docs/messenger-platform/conversations, Send API:
 * https://developers.facebook.com/docs/messenger-platform/reference/send-api/.
 */
import type { DraftAttachment, Message } from '../core/channel.js';
import type { AdapterContext } from '../core/adapter-context.js';
import type { AdapterHttpClient } from '../core/define-channel.js';
import { COMMENT_FIELDS, MESSAGE_FIELDS, nestedComments, nestedMessages, PAGE_SIZE, POST_FIELDS } from './facebook-fields.js';
import { BUCKETS } from '../meta/meta-usage.js';
import { parseGraphTime, signalOf } from '../meta/meta-paging.js';
import { sendApi, type SendRecipient } from '../meta/meta-send.js';
import { ShrinkingLimits } from '../meta/meta-too-much-data.js';
import { PACE_BUCKETS, recentPeople } from '../meta/meta-messaging-pace.js';
import {
  commentListSchema,
  conversationListSchema,
  createdSchema,
  photoSchema,
  feedSchema,
  messengerMessageListSchema,
  postSchema,
  type CommentList,
  type ConversationList,
  type Feed,
  type MessengerMessageList,
  type Post,
} from './facebook-schemas.js';
import { normalizeComment, normalizePost, type NormalizeContext } from './normalize-graph.js';
import { normalizeMessengerMessage } from './normalize-messenger.js';

// Every call counts against the app's allowance and one business use case.
const PAGES = [BUCKETS.app, BUCKETS.pages];
const MESSENGER = [BUCKETS.app, BUCKETS.messenger];
// Conversation reads: the Conversations API's 2 calls per second too; a listen() poll also its share of the day.
const CONVERSATIONS = [...MESSENGER, PACE_BUCKETS.conversations];
const CONVERSATION_POLLS = [...CONVERSATIONS, PACE_BUCKETS.messengerPolls];

export class FacebookApi {
  readonly normalize: NormalizeContext;
  // Big nested reads that Graph found too big are asked again, and from then on, with smaller limits.
  readonly #shrinking = new ShrinkingLimits();
  #recentPeople = 0;

  constructor(
    private readonly http: AdapterHttpClient,
    context: AdapterContext,
    readonly pageId: string,
  ) {
    this.normalize = { channel: context.id, pageId };
  }

  /** A page of the Page's feed, each post with its newest comments (replies included); smaller when Graph says it is too much. */
  feed(options: { after?: string | undefined; limit?: number; comments?: number; signal?: AbortSignal | undefined }): Promise<Feed> {
    return this.#shrinking.read(options.comments ? 'feed+comments' : 'feed', [options.limit ?? PAGE_SIZE, options.comments ?? 0], ([limit, comments]) =>
      this.http.request({
        method: 'GET',
        path: `/${this.pageId}/feed`,
        searchParams: { fields: comments ? `${POST_FIELDS},${nestedComments(comments)}` : POST_FIELDS, limit, after: options.after },
        bucket: PAGES,
        schema: feedSchema,
        ...signalOf(options.signal),
      }),
    );
  }

  /** Posts the Page is tagged (mentioned) in elsewhere, newest first (https://developers.facebook.com/docs/graph-api/reference/page/tagged/). */
  tagged(options: { limit?: number; signal?: AbortSignal | undefined }): Promise<Feed> {
    return this.http.request({
      method: 'GET',
      path: `/${this.pageId}/tagged`,
      searchParams: { fields: POST_FIELDS, limit: options.limit ?? PAGE_SIZE },
      bucket: PAGES,
      schema: feedSchema,
      ...signalOf(options.signal),
    });
  }

  post(postId: string, signal?: AbortSignal): Promise<Post> {
    return this.http.request({ method: 'GET', path: `/${encodeURIComponent(postId)}`, searchParams: { fields: POST_FIELDS }, bucket: PAGES, schema: postSchema, ...signalOf(signal) });
  }

  /** Every comment on an object, replies included (`filter=stream`). */
  comments(objectId: string, options: { after?: string | undefined; newestFirst?: boolean; limit?: number; signal?: AbortSignal | undefined }): Promise<CommentList> {
    return this.http.request({
      method: 'GET',
      path: `/${encodeURIComponent(objectId)}/comments`,
      searchParams: {
        fields: COMMENT_FIELDS,
        filter: 'stream',
        order: options.newestFirst ? 'reverse_chronological' : 'chronological',
        limit: options.limit ?? PAGE_SIZE,
        after: options.after,
      },
      bucket: PAGES,
      schema: commentListSchema,
      ...signalOf(options.signal),
    });
  }

  /** Messenger conversations, most recently active first, each with its newest messages. */
  conversations(options: { after?: string | undefined; userId?: string; messages?: number; limit?: number; poll?: boolean; signal?: AbortSignal | undefined }): Promise<ConversationList> {
    return this.#shrinking.read('conversations', [options.limit ?? PAGE_SIZE, options.messages ?? PAGE_SIZE], async ([limit, messages]) => {
      const list = await this.http.request({
        method: 'GET',
        path: `/${this.pageId}/conversations`,
        searchParams: { platform: 'messenger', fields: `id,updated_time,${nestedMessages(messages!)}`, limit, user_id: options.userId, after: options.after },
        bucket: options.poll ? CONVERSATION_POLLS : CONVERSATIONS,
        schema: conversationListSchema,
        ...signalOf(options.signal),
      });
      // The first page of all conversations, most recently active first, tells how many people wrote lately.
      if (!options.after && !options.userId) this.#recentPeople = recentPeople(list.data.map((conversation) => parseGraphTime(conversation.updated_time ?? '')));
      return list;
    });
  }

  /** A conversation's messages, newest first. */
  /** People who wrote in the last 24 hours, as the last read of the conversations saw (at least 1). */
  get recentPeople(): number {
    return Math.max(1, this.#recentPeople);
  }

  conversationMessages(conversationId: string, after: string | undefined, signal?: AbortSignal): Promise<MessengerMessageList> {
    return this.http.request({
      method: 'GET',
      path: `/${encodeURIComponent(conversationId)}/messages`,
      searchParams: { fields: MESSAGE_FIELDS, limit: PAGE_SIZE, after },
      bucket: CONVERSATIONS,
      schema: messengerMessageListSchema,
      ...signalOf(signal),
    });
  }

  async createPost(text: string, link: string | undefined): Promise<Message> {
    const answer = await this.http.request({
      method: 'POST',
      path: `/${this.pageId}/feed`,
      form: { message: text, ...(link ? { link } : {}) },
      bucket: PAGES,
      schema: createdSchema,
    });
    return normalizePost({ id: answer.id, message: text, from: { id: this.pageId }, created_time: new Date().toISOString() }, this.normalize);
  }

  /** A photo on the Page by URL, the text its caption (https://developers.facebook.com/docs/pages-api/posts#publish-a-photo): the post is `post_id`. */
  async createPhoto(text: string, url: string): Promise<Message> {
    const answer = await this.http.request({
      method: 'POST',
      path: `/${this.pageId}/photos`,
      form: { url, message: text },
      bucket: PAGES,
      schema: photoSchema,
    });
    const post = normalizePost({ id: answer.post_id ?? answer.id, message: text, from: { id: this.pageId }, created_time: new Date().toISOString() }, this.normalize);
    return { ...post, attachments: [{ kind: 'image', url }] };
  }

  /** A comment on a post, or a reply to a comment; `threadId` is the post. */
  async createComment(objectId: string, threadId: string, text: string, attachmentUrl: string | undefined): Promise<Message> {
    const answer = await this.http.request({
      method: 'POST',
      path: `/${encodeURIComponent(objectId)}/comments`,
      form: { message: text, ...(attachmentUrl ? { attachment_url: attachmentUrl } : {}) },
      bucket: PAGES,
      schema: createdSchema,
    });
    const comment = { id: answer.id, message: text, from: { id: this.pageId }, created_time: new Date().toISOString(), parent: objectId === threadId ? null : { id: objectId } };
    return normalizeComment(comment, threadId, this.normalize);
  }

  /**
   * A Messenger message to a PSID (or, with `{ comment_id }`, a private reply to a commenter): the text, then
   * each attachment as a message of its own (the Send API takes text or one attachment). Inside the 24-hour
   * window `messaging_type: RESPONSE`; with `humanAgent`, `MESSAGE_TAG` + `HUMAN_AGENT` (7 days).
   */
  async sendMessenger(recipient: SendRecipient, text: string, options: { attachments?: readonly DraftAttachment[]; humanAgent?: boolean } = {}): Promise<Message> {
    const tagged = options.humanAgent ? { messagingType: 'MESSAGE_TAG' as const, tag: 'HUMAN_AGENT' } : {};
    const attachments = options.attachments ?? [];
    // The attachment code is loaded when a message first has attachments, before the text is sent.
    const withAttachments = attachments.length > 0 ? await import('./facebook-messenger-attachments.js') : undefined;
    const answer = await sendApi(this.http, { pageId: this.pageId, recipient, message: { text }, bucket: MESSENGER, ...tagged });
    const psid = answer.recipient_id ?? ('id' in recipient ? recipient.id : '');
    const sent = withAttachments ? await withAttachments.sendAttachments(this.http, { pageId: this.pageId, psid, attachments, bucket: MESSENGER, ...tagged }) : [];
    const normalized = normalizeMessengerMessage(
      { id: answer.message_id, message: text, from: { id: this.pageId }, to: { data: [{ id: psid }] }, created_time: new Date().toISOString() },
      this.normalize,
    );
    return { ...normalized, attachments: sent };
  }
}
