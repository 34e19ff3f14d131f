/**
 * Instagram Direct as the emulator answers it: the Conversations API
 * (https://developers.facebook.com/docs/messenger-platform/instagram/features/conversations-api:
 * `GET /{page-id}/conversations?platform=instagram[&user_id=IGSID]`, messages newest first, `from`
 * and `to` as `{ username, id }`), and the Send API for Instagram
 * (https://developers.facebook.com/docs/messenger-platform/instagram/features/send-message,
 * `POST /{page-id}/messages` or `/me/messages`, `recipient: { id: IGSID }`):
 * - text at most 1000 bytes (UTF-8);
 * - RESPONSE (or UPDATE) only within 24 hours of the person's last message; `messaging_type: MESSAGE_TAG`
 *   needs `tag: HUMAN_AGENT` (the one tag Instagram takes) and reaches 7 days; outside: code 10 / 2534022
 *   "This message is sent outside of allowed window";
 * - private replies (https://developers.facebook.com/docs/messenger-platform/instagram/features/private-replies):
 *   `recipient: { comment_id }`, one per comment (else 10900 "Activity already replied to"), within
 *   7 days of the comment (else 10903), not to the account's own comment.
 */
import { GraphError } from '../meta/meta-graph-error.js';
import { parseFields, type FieldSpec } from '../meta/meta-graph-fields.js';
import { graphPage, graphTime } from '../meta/meta-graph-paging.js';
import { parseJson } from '../../core/json.js';
import { renderNode, type DirectConversation, type DirectRecord, type InstagramUser } from './instagram-data.js';
import { list, str, unsupported, url, type AnswerContext, type InstagramGraph, type Params } from './instagram-graph.js';

const DAY = 24 * 60 * 60 * 1000;
export const MAX_DIRECT_TEXT_BYTES = 1000;
export const OUTSIDE_WINDOW_SUBCODE = 2534022;

export class InstagramDirect {
  /** By the person's IGSID. */
  readonly conversations = new Map<string, DirectConversation>();
  #counter = 0;

  constructor(private readonly graph: InstagramGraph) {}

  isConversation(id: string): boolean {
    return [...this.conversations.values()].some((conversation) => conversation.id === id);
  }

  add(person: InstagramUser, from: InstagramUser, text: string, at: number): DirectRecord {
    let conversation = this.conversations.get(person.id);
    if (!conversation) this.conversations.set(person.id, (conversation = { id: btoa(`ig_thread:${this.graph.account.id}:${person.id}`), person, messages: [] }));
    const to = from.id === person.id ? this.graph.account : person;
    const message: DirectRecord = { id: btoa(`ig_message_item:1:IGMessageThread:${++this.#counter}`).replace(/=+$/, ''), text, from, to, createdMs: at };
    conversation.messages.push(message);
    conversation.messages.sort((a, b) => a.createdMs - b.createdMs);
    if (from.id === person.id) conversation.lastInboundMs = Math.max(conversation.lastInboundMs ?? 0, at);
    return message;
  }

  conversationList(params: Params, context: AnswerContext, path: string) {
    if (params.platform !== 'instagram') throw new GraphError(400, 100, '(#100) Param platform must be one of {instagram, messenger}', { type: 'OAuthException' });
    const fields = typeof params.fields === 'string' ? parseFields(params.fields) : undefined;
    const userId = str(params.user_id);
    const conversations = [...this.conversations.values()]
      .filter((conversation) => userId === undefined || conversation.person.id === userId)
      .sort((a, b) => updated(b) - updated(a));
    return graphPage(conversations, list(params), (conversation) => this.#renderConversation(conversation, fields, context), (after) => url(context, path, params, after));
  }

  messageList(conversationId: string, params: Params, context: AnswerContext) {
    const conversation = [...this.conversations.values()].find((item) => item.id === conversationId);
    if (!conversation) throw unsupported('GET', conversationId);
    const fields = typeof params.fields === 'string' ? parseFields(params.fields) : undefined;
    return this.#messages(conversation, fields, params, context);
  }

  #messages(conversation: DirectConversation, fields: FieldSpec[] | undefined, params: Params, context: AnswerContext) {
    const newestFirst = [...conversation.messages].reverse();
    return graphPage(newestFirst, list(params), (message) => renderMessage(message, fields), (after) => url(context, `/${conversation.id}/messages`, params, after));
  }

  #renderConversation(conversation: DirectConversation, fields: FieldSpec[] | undefined, context: AnswerContext) {
    return renderNode(
      'Conversation',
      fields,
      { id: conversation.id, updated_time: graphTime(updated(conversation)), participants: { data: [user(this.graph.account), user(conversation.person)] } },
      (spec) => (spec.name === 'messages' ? this.#messages(conversation, spec.fields, { ...spec.modifiers }, context) : undefined),
    );
  }

  /** The Send API: to an IGSID, or a private reply to a comment. */
  send(params: Params, now: number) {
    const recipient = parseJsonParam(params.recipient) as { id?: unknown; comment_id?: unknown } | undefined;
    const message = parseJsonParam(params.message) as { text?: unknown; attachment?: unknown } | undefined;
    const type = str(params.messaging_type) ?? 'RESPONSE';
    if (!recipient || (typeof recipient.id !== 'string') === (typeof recipient.comment_id !== 'string')) {
      throw new GraphError(400, 100, '(#100) The parameter recipient is required: one of id or comment_id', { type: 'OAuthException' });
    }
    if (!['RESPONSE', 'UPDATE', 'MESSAGE_TAG'].includes(type)) throw new GraphError(400, 100, '(#100) Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}', { type: 'OAuthException' });
    const tag = str(params.tag);
    if (type === 'MESSAGE_TAG' && tag !== 'HUMAN_AGENT') throw new GraphError(400, 100, '(#100) Param tag must be HUMAN_AGENT for Instagram', { type: 'OAuthException' });
    if (type !== 'MESSAGE_TAG' && tag !== undefined) throw new GraphError(400, 100, '(#100) Param tag is only allowed with messaging_type MESSAGE_TAG', { type: 'OAuthException' });
    if (!message || (message.text === undefined) === (message.attachment === undefined)) {
      throw new GraphError(400, 100, '(#100) Exactly one of message[text] or message[attachment] must be set', { type: 'OAuthException' });
    }
    const text = typeof message.text === 'string' ? message.text : '';
    if (new TextEncoder().encode(text).length > MAX_DIRECT_TEXT_BYTES) {
      throw new GraphError(400, 100, `(#100) Length of param message[text] must be less than or equal to ${MAX_DIRECT_TEXT_BYTES}`, { type: 'OAuthException' });
    }
    if (typeof recipient.comment_id === 'string') return this.#privateReply(recipient.comment_id, text, now);

    const conversation = this.conversations.get(recipient.id as string);
    if (!conversation) throw new GraphError(400, 100, '(#100) No matching user found', { type: 'OAuthException', subcode: 2018001 });
    const window = type === 'MESSAGE_TAG' ? 7 * DAY : DAY;
    if (conversation.lastInboundMs === undefined || now - conversation.lastInboundMs > window) {
      throw new GraphError(400, 10, '(#10) This message is sent outside of allowed window.', { type: 'OAuthException', subcode: OUTSIDE_WINDOW_SUBCODE });
    }
    const sent = this.add(conversation.person, this.graph.account, text, now);
    this.graph.created++;
    return { recipient_id: conversation.person.id, message_id: sent.id };
  }

  #privateReply(commentId: string, text: string, now: number) {
    const comment = this.graph.comments.get(commentId);
    const media = comment ? this.graph.media.get(comment.mediaId) : undefined;
    if (!comment || media?.owner.id !== this.graph.account.id || comment.from.id === this.graph.account.id) throw unsupported('POST', commentId);
    if (comment.privatelyReplied) throw new GraphError(400, 10900, '(#10900) Activity already replied to', { type: 'OAuthException' });
    if (now - comment.createdMs > 7 * DAY) throw new GraphError(400, 10903, "(#10903) This activity can't be replied to", { type: 'OAuthException' });
    comment.privatelyReplied = true;
    const sent = this.add(comment.from, this.graph.account, text, now);
    this.graph.created++;
    return { recipient_id: comment.from.id, message_id: sent.id };
  }
}

function renderMessage(message: DirectRecord, fields: FieldSpec[] | undefined) {
  return renderNode('Message', fields, { id: message.id, created_time: graphTime(message.createdMs), from: user(message.from), to: { data: [user(message.to)] }, message: message.text });
}

function user(person: InstagramUser) {
  return { username: person.username, id: person.id };
}

function updated(conversation: DirectConversation): number {
  return conversation.messages.at(-1)?.createdMs ?? 0;
}

function parseJsonParam(value: unknown): unknown {
  return typeof value === 'string' ? parseJson(value) : value;
}
