/**
 * The emulator's Page: its data and the answers of each documented endpoint (see facebook-emulator.ts
 * for the sources). Routes, below the version: GET /{page-id}/feed, GET /{page-id}/conversations,
 * GET /{page-id}/tagged, GET /{id}, GET /{id}/comments, GET /{conversation-id}/messages, POST /{page-id}/feed,
 * POST /{id}/comments, POST /{page-id}/messages, POST /{page-id}/photos, POST /{page-id}/message_attachments (also as /me).
 */
import {
  renderNode,
  type CommentRecord,
  type ConversationRecord,
  type MessengerRecord,
  type PostRecord,
  type Profile,
} from './facebook-data.js';
import { graphPage, graphTime, readListRequest } from '../meta/meta-graph-paging.js';
import { parseJson } from '../../core/json.js';
import { GraphError } from '../meta/meta-graph-error.js';
import { FieldsError, parseFields, type FieldSpec } from '../meta/meta-graph-fields.js';
import type { UploadedFile } from '../meta/meta-graph-params.js';

const DAY = 24 * 60 * 60 * 1000;
// Graph documents no number for "too much data" (HTTP 500, code 1; facebook-nodejs-business-sdk#60 reports it
// for feeds with nested comments). 2500 objects: 25 posts with 100 comments each is just over.
export const DEFAULT_MAX_OBJECTS_PER_READ = 2500;
// https://developers.facebook.com/docs/messenger-platform/reference/send-api/: text "has a 2000 character limit".
const MAX_MESSENGER_TEXT = 2000;

export interface AnswerContext {
  base: string;
  version: string;
  now: number;
}

type Params = Record<string, unknown>;

export class FacebookGraph {
  readonly posts = new Map<string, PostRecord>();
  readonly comments = new Map<string, CommentRecord>();
  /** By the person's PSID. */
  readonly conversations = new Map<string, ConversationRecord>();
  readonly people = new Map<string, Profile>();
  /** Posts elsewhere (on people's timelines, other Pages) that mention the Page: `/{page-id}/tagged`. */
  readonly tagged = new Map<string, PostRecord>();
  /** People the Send API refuses, by PSID: they blocked the Page, or their account is unavailable. */
  readonly refusals = new Map<string, 'blocked' | 'unavailable'>();
  /** Files uploaded with the Attachment Upload API, by attachment_id. */
  readonly uploads = new Map<string, { type: string; name: string; mimeType: string }>();
  /** Comments already answered with a private reply. */
  readonly privateReplies = new Set<string>();
  created = 0;
  #counter = 1000;

  constructor(
    readonly page: Profile,
    /** The most objects one read with nested edges may return before Graph answers code 1. */
    readonly maxObjectsPerRead = DEFAULT_MAX_OBJECTS_PER_READ,
  ) {}

  #next(): number {
    return ++this.#counter;
  }

  person(id: string, name?: string): Profile {
    let person = this.people.get(id);
    if (!person) this.people.set(id, (person = { id, name: name ?? `Customer ${id}` }));
    return person;
  }

  isConversation(id: string | undefined): boolean {
    return id !== undefined && id.startsWith('t_');
  }

  addPost(message: string, from: Profile, at: number): PostRecord {
    const post: PostRecord = { id: `${this.page.id}_${this.#next()}`, message, from, createdMs: at, updatedMs: at };
    this.posts.set(post.id, post);
    return post;
  }

  addComment(objectId: string, message: string, from: Profile, at: number, attachmentUrl?: string): CommentRecord | undefined {
    const post = this.posts.get(objectId) ?? this.posts.get(this.comments.get(objectId)?.postId ?? '');
    if (!post) return undefined;
    const comment: CommentRecord = { id: `${post.id.split('_')[1]}_${this.#next()}`, message, from, createdMs: at, postId: post.id, objectId };
    if (attachmentUrl) comment.attachmentUrl = attachmentUrl;
    this.comments.set(comment.id, comment);
    post.updatedMs = Math.max(post.updatedMs, at); // a comment updates its post (Post.updated_time)
    return comment;
  }

  addMessengerMessage(person: Profile, from: Profile, text: string, at: number): MessengerRecord {
    let conversation = this.conversations.get(person.id);
    if (!conversation) this.conversations.set(person.id, (conversation = { id: `t_${this.#next()}`, person, messages: [] }));
    const to = from.id === person.id ? this.page : person;
    const message: MessengerRecord = { id: `m_${String(this.#next()).padStart(12, '0')}`, text, from, to, createdMs: at };
    conversation.messages.push(message);
    conversation.messages.sort((a, b) => a.createdMs - b.createdMs);
    if (from.id === person.id) conversation.lastInboundMs = Math.max(conversation.lastInboundMs ?? 0, at);
    return message;
  }

  async answer(method: string, segments: string[], params: Params, context: AnswerContext): Promise<unknown> {
    try {
      const answer = this.#answer(method, segments, params, context);
      if (method === 'GET' && typeof params.fields === 'string' && parseFields(params.fields).some((spec) => spec.fields) && countObjects(answer) > this.maxObjectsPerRead) {
        throw new GraphError(500, 1, "Please reduce the amount of data you're asking for, then retry your request", { bare: true });
      }
      return answer;
    } catch (error) {
      if (error instanceof FieldsError) throw new GraphError(400, 100, error.message, { type: 'OAuthException' });
      throw error;
    }
  }

  #answer(method: string, [id, edge, ...rest]: string[], params: Params, context: AnswerContext): unknown {
    if (!id || rest.length > 0) throw new GraphError(400, 2500, `Unknown path components: /${[id, edge, ...rest].join('/')}`);
    const fields = typeof params.fields === 'string' ? parseFields(params.fields) : undefined;
    if (method === 'GET') {
      if (edge === 'feed' && id === this.page.id) return this.#feed(fields, params, context);
      if (edge === 'conversations' && id === this.page.id) return this.#conversations(fields, params, context);
      if (edge === 'tagged' && id === this.page.id) return this.#tagged(fields, params, context);
      if (edge === 'comments') return this.#commentList(this.#object(id, 'get').id, fields, params, context);
      if (edge === 'messages' && this.isConversation(id)) return this.#messageList(this.#conversationById(id), fields, params, context);
      if (edge === undefined) return this.#node(id, fields, context);
    }
    if (method === 'POST') {
      if (edge === 'feed' && id === this.page.id) return this.#createPost(params, context.now);
      if (edge === 'comments') return this.#createComment(this.#object(id, 'post').id, params, context.now);
      if (edge === 'messages' && id === this.page.id) return this.#send(params, context.now);
      if (edge === 'photos' && id === this.page.id) return this.#createPhoto(params, context.now);
      if (edge === 'message_attachments' && id === this.page.id) return this.#uploadAttachment(params);
    }
    throw new GraphError(400, 100, `(#100) Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`, { subcode: 33, type: 'GraphMethodException' });
  }

  #object(id: string, verb: string): PostRecord | CommentRecord {
    const object = this.posts.get(id) ?? this.comments.get(id);
    if (!object) {
      throw new GraphError(400, 100, `Unsupported ${verb} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`, { subcode: 33, type: 'GraphMethodException' });
    }
    return object;
  }

  #conversationById(id: string): ConversationRecord {
    const conversation = [...this.conversations.values()].find((item) => item.id === id);
    if (!conversation) throw new GraphError(400, 100, `Unsupported get request. Object with ID '${id}' does not exist`, { subcode: 33, type: 'GraphMethodException' });
    return conversation;
  }

  // --- reads ---

  #feed(fields: FieldSpec[] | undefined, params: Params, context: AnswerContext) {
    const posts = [...this.posts.values()].sort((a, b) => b.createdMs - a.createdMs || compareIds(b.id, a.id));
    return graphPage(posts, list(params), (post) => this.#renderPost(post, fields, context), (after) => this.#url(context, `/${this.page.id}/feed`, params, after));
  }

  /** https://developers.facebook.com/docs/graph-api/reference/page/tagged/: posts the Page is tagged (mentioned) in, newest first. */
  #tagged(fields: FieldSpec[] | undefined, params: Params, context: AnswerContext) {
    const posts = [...this.tagged.values()].sort((a, b) => b.createdMs - a.createdMs || compareIds(b.id, a.id));
    return graphPage(posts, list(params), (post) => this.#renderPost(post, fields, context), (after) => this.#url(context, `/${this.page.id}/tagged`, params, after));
  }

  /** A post by `from` on their own timeline that mentions the Page. */
  addMention(message: string, from: Profile, at: number): PostRecord {
    const post: PostRecord = { id: `${from.id}_${this.#next()}`, message, from, createdMs: at, updatedMs: at };
    this.tagged.set(post.id, post);
    return post;
  }

  #node(id: string, fields: FieldSpec[] | undefined, context: AnswerContext) {
    const post = this.posts.get(id) ?? this.tagged.get(id);
    if (post) return this.#renderPost(post, fields, context);
    const comment = this.comments.get(id);
    if (comment) return this.#renderComment(comment, fields, context);
    if (this.isConversation(id)) return this.#renderConversation(this.#conversationById(id), fields, context);
    throw new GraphError(400, 100, `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`, { subcode: 33, type: 'GraphMethodException' });
  }

  #commentList(objectId: string, fields: FieldSpec[] | undefined, params: Params, context: AnswerContext) {
    const filter = str(params.filter) ?? 'toplevel';
    const order = str(params.order) ?? 'chronological';
    if (!['toplevel', 'stream'].includes(filter)) throw new FieldsError(`(#100) filter must be one of the following values: toplevel, stream`);
    if (!['chronological', 'reverse_chronological'].includes(order)) throw new FieldsError(`(#100) order must be one of the following values: chronological, reverse_chronological`);
    const comments = this.#commentsOn(objectId, filter === 'stream');
    if (order === 'reverse_chronological') comments.reverse();
    return graphPage(comments, list(params), (comment) => this.#renderComment(comment, fields, context), (after) => this.#url(context, `/${objectId}/comments`, params, after));
  }

  /** Comments on an object, oldest first: direct ones (`toplevel`) or every level (`stream`). */
  #commentsOn(objectId: string, everyLevel: boolean): CommentRecord[] {
    const all = [...this.comments.values()];
    const ids = new Set([objectId]);
    const result: CommentRecord[] = [];
    for (const comment of all.sort((a, b) => a.createdMs - b.createdMs || compareIds(a.id, b.id))) {
      if (!ids.has(comment.objectId)) continue;
      result.push(comment);
      if (everyLevel) ids.add(comment.id);
    }
    return result;
  }

  #conversations(fields: FieldSpec[] | undefined, params: Params, context: AnswerContext) {
    const platform = str(params.platform) ?? 'messenger';
    if (!['messenger', 'instagram'].includes(platform)) throw new FieldsError('(#100) platform must be one of the following values: instagram, messenger');
    const userId = str(params.user_id);
    const conversations = platform === 'instagram' ? [] : [...this.conversations.values()].filter((item) => !userId || item.person.id === userId);
    conversations.sort((a, b) => updated(b) - updated(a));
    return graphPage(conversations, list(params), (item) => this.#renderConversation(item, fields, context), (after) => this.#url(context, `/${this.page.id}/conversations`, params, after));
  }

  #messageList(conversation: ConversationRecord, fields: FieldSpec[] | undefined, params: Params, context: AnswerContext) {
    const newestFirst = [...conversation.messages].reverse();
    return graphPage(newestFirst, list(params), (message) => this.#renderMessage(message, fields), (after) => this.#url(context, `/${conversation.id}/messages`, params, after));
  }

  // --- rendering ---

  #renderPost(post: PostRecord, fields: FieldSpec[] | undefined, context: AnswerContext) {
    return renderNode(
      'Post',
      fields,
      {
        id: post.id,
        message: post.message,
        from: post.from,
        created_time: graphTime(post.createdMs),
        updated_time: graphTime(post.updatedMs),
        permalink_url: `https://www.facebook.com/${post.id.split('_')[0]}/posts/${post.id.split('_')[1]}`,
      },
      (spec) => (spec.name === 'comments' ? this.#nestedComments(post.id, spec, context) : undefined),
    );
  }

  #renderComment(comment: CommentRecord, fields: FieldSpec[] | undefined, context: AnswerContext): Record<string, unknown> {
    const parent = comment.objectId !== comment.postId ? this.comments.get(comment.objectId) : undefined;
    return renderNode(
      'Comment',
      fields,
      {
        id: comment.id,
        message: comment.message,
        from: comment.from,
        created_time: graphTime(comment.createdMs),
        parent: parent ? { created_time: graphTime(parent.createdMs), from: parent.from, message: parent.message, id: parent.id } : undefined,
        attachment: comment.attachmentUrl
          ? { type: 'photo', url: comment.attachmentUrl, media: { image: { src: comment.attachmentUrl, height: 720, width: 720 } }, target: { url: comment.attachmentUrl } }
          : undefined,
        permalink_url: `https://www.facebook.com/${this.page.id}/posts/${comment.postId.split('_')[1]}?comment_id=${comment.id.split('_')[1]}`,
      },
      (spec) => (spec.name === 'comments' ? this.#nestedComments(comment.id, spec, context) : undefined),
    );
  }

  #nestedComments(objectId: string, spec: FieldSpec, context: AnswerContext) {
    const params: Params = { ...spec.modifiers, ...(spec.fields ? { fields: unparse(spec.fields) } : {}) };
    const answer = this.#commentList(objectId, spec.fields, params, context);
    return answer.data.length > 0 ? answer : undefined; // Graph leaves out an empty edge
  }

  #renderConversation(conversation: ConversationRecord, fields: FieldSpec[] | undefined, context: AnswerContext) {
    return renderNode(
      'Conversation',
      fields,
      {
        id: conversation.id,
        updated_time: graphTime(updated(conversation)),
        link: `/${this.page.id}/inbox/${conversation.id.slice(2)}/`,
        participants: { data: [profile(conversation.person), profile(this.page)] },
      },
      (spec) => {
        if (spec.name !== 'messages') return undefined;
        const params: Params = { ...spec.modifiers, ...(spec.fields ? { fields: unparse(spec.fields) } : {}) };
        return this.#messageList(conversation, spec.fields, params, context);
      },
    );
  }

  #renderMessage(message: MessengerRecord, fields: FieldSpec[] | undefined) {
    return renderNode('Message', fields, {
      id: message.id,
      message: message.text,
      from: profile(message.from),
      to: { data: [profile(message.to)] },
      created_time: graphTime(message.createdMs),
    });
  }

  #url(context: AnswerContext, path: string, params: Params, after: string): string {
    const url = new URL(`${context.base}/${context.version}${path}`);
    for (const [key, value] of Object.entries(params)) if (typeof value === 'string' && key !== 'after') url.searchParams.set(key, value);
    url.searchParams.set('after', after);
    return url.toString();
  }

  // --- writes ---

  #createPost(params: Params, now: number) {
    const message = str(params.message);
    const link = str(params.link);
    if (!message && !link) throw new GraphError(400, 100, '(#100) Missing message or attachment.', { type: 'OAuthException' });
    const duplicate = [...this.posts.values()].some((post) => post.from.id === this.page.id && post.message === message && now - post.createdMs < DAY);
    if (message && duplicate) throw new GraphError(400, 506, '(#506) Duplicate status message', { type: 'OAuthException', subcode: 1455006 });
    const post = this.addPost(message ?? '', this.page, now);
    if (link) post.link = link;
    this.created++;
    return { id: post.id };
  }

  #createComment(objectId: string, params: Params, now: number) {
    const message = str(params.message);
    const attachmentUrl = str(params.attachment_url);
    if (!message && !attachmentUrl) throw new GraphError(400, 100, '(#100) Missing message or attachment.', { type: 'OAuthException' });
    const comment = this.addComment(objectId, message ?? '', this.page, now, attachmentUrl)!;
    this.created++;
    return { id: comment.id };
  }

  /** https://developers.facebook.com/docs/pages-api/posts#publish-a-photo: `url` (or an upload), the caption in `message`. */
  #createPhoto(params: Params, now: number) {
    const url = str(params.url);
    if (!url || !/^https?:\/\//.test(url)) throw new GraphError(400, 324, '(#324) Requires upload file', { type: 'OAuthException' });
    const post = this.addPost(str(params.message) ?? '', this.page, now);
    post.photoUrl = url;
    this.created++;
    return { id: String(this.#next()), post_id: post.id };
  }

  /**
   * The Attachment Upload API (https://developers.facebook.com/docs/messenger-platform/reference/attachment-upload-api/):
   * multipart, `message` = `{ attachment: { type, payload: { is_reusable } } }` and the file as `filedata` (25 MB at most).
   */
  #uploadAttachment(params: Params) {
    const message = parseJsonParam(params.message) as { attachment?: { type?: unknown } } | undefined;
    const type = message?.attachment?.type;
    if (typeof type !== 'string' || !ATTACHMENT_TYPES.includes(type)) {
      throw new GraphError(400, 100, `(#100) Param message[attachment][type] must be one of {${ATTACHMENT_TYPES.join(', ')}}`, { type: 'OAuthException' });
    }
    const file = params.filedata as UploadedFile | undefined;
    if (!file || typeof file !== 'object' || typeof file.size !== 'number') throw new GraphError(400, 100, '(#100) Upload attachment failure: filedata is required', { type: 'OAuthException' });
    if (file.size > 25 * 1024 * 1024) throw new GraphError(400, 100, '(#100) Attachment size exceeds allowable limit', { type: 'OAuthException', subcode: 2018294 });
    const id = String(this.#next());
    this.uploads.set(id, { type, name: file.name, mimeType: file.type });
    return { attachment_id: id };
  }

  /**
   * The Send API (https://developers.facebook.com/docs/messenger-platform/reference/send-api/): `recipient.id` (a PSID)
   * or `recipient.comment_id` (a private reply: a comment on the Page, not the Page's own, within 7 days, once:
   * https://developers.facebook.com/docs/messenger-platform/discovery/private-replies); text or one attachment
   * (`type` image|video|audio|file, `payload.url` http(s)); outside the 24-hour window only `MESSAGE_TAG` with a
   * `tag` (HUMAN_AGENT: 7 days), a MESSAGE_TAG without one is a 400.
   */
  #send(params: Params, now: number) {
    const recipient = parseJsonParam(params.recipient) as { id?: unknown; comment_id?: unknown } | undefined;
    const message = parseJsonParam(params.message) as { text?: unknown; attachment?: unknown } | undefined;
    const type = str(params.messaging_type) ?? (recipient?.comment_id !== undefined ? 'RESPONSE' : undefined);
    const tag = str(params.tag);
    const byComment = typeof recipient?.comment_id === 'string';
    if (!recipient || (typeof recipient.id !== 'string' && !byComment)) throw new GraphError(400, 100, '(#100) The parameter recipient is required', { type: 'OAuthException' });
    if (!type || !['RESPONSE', 'UPDATE', 'MESSAGE_TAG'].includes(type)) throw new GraphError(400, 100, '(#100) Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}', { type: 'OAuthException' });
    if (type === 'MESSAGE_TAG' && (!tag || !MESSAGE_TAGS.includes(tag))) {
      throw new GraphError(400, 100, `(#100) Param tag must be one of {${MESSAGE_TAGS.join(', ')}} when messaging_type is MESSAGE_TAG`, { type: 'OAuthException' });
    }
    if (!message || (message.text === undefined) === (message.attachment === undefined)) {
      throw new GraphError(400, 100, '(#100) Exactly one of message[text] or message[attachment] must be set', { type: 'OAuthException' });
    }
    if (typeof message.text === 'string' && [...message.text].length > MAX_MESSENGER_TEXT) {
      throw new GraphError(400, 100, `(#100) Length of param message[text] must be less than or equal to ${MAX_MESSENGER_TEXT}`, { type: 'OAuthException' });
    }
    const attachment = message.attachment === undefined ? undefined : readAttachment(message.attachment, this.uploads);
    if (byComment) return this.#privateReply(recipient.comment_id as string, message, now);
    const conversation = this.conversations.get(recipient.id as string);
    if (!conversation) throw new GraphError(400, 100, '(#100) No matching user found', { type: 'OAuthException', subcode: 2018001 });
    const refusal = this.refusals.get(recipient.id as string);
    // As recorded in howdyai/botkit#559 (code 200) and microsoft/botframework-sdk#4556 (551 / 1545041).
    if (refusal === 'blocked') throw new GraphError(400, 200, "(#200) This person isn't receiving messages from you right now", { type: 'OAuthException' });
    if (refusal === 'unavailable') throw new GraphError(400, 551, "(#551) This person isn't available right now.", { type: 'OAuthException', subcode: 1545041 });
    const window = type === 'MESSAGE_TAG' && tag === 'HUMAN_AGENT' ? 7 * DAY : type === 'MESSAGE_TAG' ? Infinity : DAY;
    if (conversation.lastInboundMs === undefined || now - conversation.lastInboundMs > window) {
      throw new GraphError(400, 10, '(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview', { type: 'OAuthException', subcode: 2018278 });
    }
    const sent = this.addMessengerMessage(conversation.person, this.page, typeof message.text === 'string' ? message.text : '', now);
    if (attachment) sent.attachment = attachment;
    if (tag) sent.tag = tag;
    this.created++;
    return { recipient_id: recipient.id, message_id: sent.id };
  }

  #privateReply(commentId: string, message: { text?: unknown; attachment?: unknown }, now: number) {
    const comment = this.comments.get(commentId);
    if (!comment || comment.from.id === this.page.id) {
      throw new GraphError(400, 100, `(#100) Unsupported post request. Object with ID '${commentId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`, { subcode: 33, type: 'GraphMethodException' });
    }
    if (this.privateReplies.has(commentId)) throw new GraphError(400, 10900, '(#10900) Activity already replied to', { type: 'OAuthException' });
    if (now - comment.createdMs > 7 * DAY) {
      throw new GraphError(400, 10, '(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview', { type: 'OAuthException', subcode: 2018278 });
    }
    this.privateReplies.add(commentId);
    const sent = this.addMessengerMessage(comment.from, this.page, typeof message.text === 'string' ? message.text : '', now);
    sent.privateReplyTo = commentId;
    this.created++;
    return { recipient_id: comment.from.id, message_id: sent.id };
  }
}

// https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags
const MESSAGE_TAGS = ['ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'CUSTOMER_FEEDBACK', 'HUMAN_AGENT', 'POST_PURCHASE_UPDATE'];
const ATTACHMENT_TYPES = ['image', 'video', 'audio', 'file'];

function readAttachment(value: unknown, uploads: ReadonlyMap<string, unknown>): { type: string; url: string } {
  const attachment = value as { type?: unknown; payload?: { url?: unknown } } | null;
  if (!attachment || typeof attachment.type !== 'string' || !ATTACHMENT_TYPES.includes(attachment.type)) {
    throw new GraphError(400, 100, `(#100) Param message[attachment][type] must be one of {${ATTACHMENT_TYPES.join(', ')}}`, { type: 'OAuthException' });
  }
  const url = attachment.payload?.url;
  const uploaded = (attachment.payload as { attachment_id?: unknown } | undefined)?.attachment_id;
  if (typeof uploaded === 'string') {
    if (!uploads.has(uploaded)) throw new GraphError(400, 100, '(#100) Param message[attachment][payload][attachment_id] is not a valid attachment', { type: 'OAuthException' });
    return { type: attachment.type, url: `attachment:${uploaded}` };
  }
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw new GraphError(400, 100, '(#100) Param message[attachment][payload][url] must be a valid URL', { type: 'OAuthException' });
  return { type: attachment.type, url };
}

function list(params: Params) {
  return readListRequest(str(params.limit), str(params.after));
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function parseJsonParam(value: unknown): unknown {
  return typeof value === 'string' ? parseJson(value) : value;
}

function profile(person: Profile) {
  return { name: person.name, email: `${person.id}@facebook.com`, id: person.id };
}

function updated(conversation: ConversationRecord): number {
  return conversation.messages.at(-1)?.createdMs ?? 0;
}

function compareIds(a: string, b: string): number {
  const tailA = Number(a.split('_').at(-1));
  const tailB = Number(b.split('_').at(-1));
  return tailA - tailB;
}

/** The nodes in an answer: each element of every `data` list, at any depth. */
function countObjects(value: unknown): number {
  if (!value || typeof value !== 'object') return 0;
  let count = 0;
  for (const [key, item] of Object.entries(value)) {
    if (key === 'data' && Array.isArray(item)) count += item.length + item.reduce((sum: number, element) => sum + countObjects(element), 0);
    else if (item && typeof item === 'object' && !Array.isArray(item)) count += countObjects(item);
  }
  return count;
}

function unparse(specs: FieldSpec[]): string {
  return specs
    .map((spec) => spec.name + Object.entries(spec.modifiers).map(([key, value]) => `.${key}(${value})`).join('') + (spec.fields ? `{${unparse(spec.fields)}}` : ''))
    .join(',');
}
