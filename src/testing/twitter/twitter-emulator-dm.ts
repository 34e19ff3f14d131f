/**
 * Group DMs in the X emulator, per X's OpenAPI document (xdevplatform/xdk specs/openapi.json 2.167):
 * POST /2/dm_conversations (CreateDirectMessagesConversationRequest: conversation_type 'Group',
 * 2-49 participant_ids, an initial message → 201 { data: { dm_conversation_id, dm_event_id } }) and
 * POST /2/dm_conversations/{dm_conversation_id}/messages (CreateDirectMessagesByConversationIdRequest:
 * text and/or attachments, additionalProperties false). A group's id is one number; a one-to-one id
 * "<id>-<id>" is accepted there too (https://docs.x.com/x-api/direct-messages/manage/introduction).
 */
import { parseJson } from '../../core/json.js';
import { forbidden, invalidRequest, type InvalidParameter } from './twitter-emulator-problems.js';
import { asObject, parseObject } from './twitter-emulator-json.js';
import type { Answer } from './twitter-emulator-reads.js';
import type { WriteContext } from './twitter-emulator-writes.js';

const ID = /^[0-9]{1,19}$/;
const MAX_DM_LENGTH = 10_000;
export const NOT_A_PARTICIPANT = 'You are not a participant of this conversation.';

const bad = (errors: InvalidParameter[]): Answer => ({ status: 400, body: invalidRequest(errors) });
const bodyError = (path: string, message: string): InvalidParameter => ({ parameter: path, values: [], message: `$.${path}: ${message}` });
const extraKeys = (value: Record<string, unknown>, allowed: string[], prefix = '') =>
  Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => bodyError(`${prefix}${key}`, 'is not defined in the schema and the schema does not allow additional properties'));

/** A DM body's text and media ids once valid: `{ text?, attachments?: [{ media_id }] }`, at least one of them. */
export interface DmContent {
  text: string;
  mediaIds: string[];
}


export function readDmContent(value: unknown, path: string): DmContent | { error: Answer } {
  const body = asObject(value);
  if (!body) return { error: bad([bodyError(path || 'body', 'object expected')]) };
  const extra = extraKeys(body, ['text', 'attachments'], path ? `${path}.` : '');
  if (extra.length > 0) return { error: bad(extra) };
  const { text, attachments } = body;
  const at = (key: string) => (path ? `${path}.${key}` : key);
  if (text !== undefined && (typeof text !== 'string' || text.length < 1)) return { error: bad([bodyError(at('text'), 'must be a string of at least 1 character')]) };
  if (typeof text === 'string' && [...text].length > MAX_DM_LENGTH) return { error: bad([bodyError(at('text'), `must be at most ${MAX_DM_LENGTH} characters`)]) };
  const mediaIds: string[] = [];
  if (attachments !== undefined) {
    if (!Array.isArray(attachments)) return { error: bad([bodyError(at('attachments'), 'array expected')]) };
    for (const [index, item] of attachments.entries()) {
      const attachment = asObject(item);
      const extraInItem = attachment ? extraKeys(attachment, ['media_id'], `${at('attachments')}[${index}].`) : [];
      if (!attachment || extraInItem.length > 0 || typeof attachment.media_id !== 'string' || !ID.test(attachment.media_id)) {
        return { error: bad(extraInItem.length > 0 ? extraInItem : [bodyError(`${at('attachments')}[${index}].media_id`, 'does not match the pattern ^[0-9]{1,19}$')]) };
      }
      mediaIds.push(attachment.media_id);
    }
  }
  if (text === undefined && mediaIds.length === 0) return { error: bad([bodyError(at('text'), 'is required when no attachments are given')]) };
  return { text: (text as string | undefined) ?? '', mediaIds };
}

export class TwitterGroupDms {
  constructor(private readonly context: WriteContext) {}

  /** POST /2/dm_conversations: a new group with the bot and `participant_ids`, and its first message. */
  createConversation(raw: string): Answer {
    const body = parseObject(raw);
    if (!body) return bad([{ parameter: 'body', values: [], message: 'Request body must be a JSON object' }]);
    const extra = extraKeys(body, ['conversation_type', 'participant_ids', 'message']);
    if (extra.length > 0) return bad(extra);
    if (body.conversation_type !== 'Group') return bad([bodyError('conversation_type', 'must be one of [Group]')]);
    const ids = body.participant_ids;
    if (!Array.isArray(ids) || ids.length < 2 || ids.length > 49 || !ids.every((id) => typeof id === 'string' && ID.test(id))) {
      return bad([bodyError('participant_ids', 'must be 2 to 49 user ids matching ^[0-9]{1,19}$')]);
    }
    if (body.message === undefined) return bad([bodyError('message', 'is required')]);
    const content = readDmContent(body.message, 'message');
    if ('error' in content) return content.error;
    const self = this.context.self.id;
    if ((ids as string[]).some((id) => id === self || !this.context.lookup.user(id))) return { status: 403, body: forbidden('You cannot send messages to this user.') };
    const refused = this.context.checkMedia?.(content.mediaIds, 'message.attachments', 'dm');
    if (refused) return refused;
    const conversation = this.context.state.addGroup([self, ...(ids as string[])]);
    return this.#store(conversation, content);
  }

  /** POST /2/dm_conversations/{dm_conversation_id}/messages: a message in a conversation the bot is in. */
  sendToConversation(conversation: string, raw: string): Answer {
    if (!/^([0-9]{1,19}-[0-9]{1,19}|[0-9]{1,19})$/.test(conversation)) {
      return bad([{ parameter: 'dm_conversation_id', values: [conversation], message: `The \`dm_conversation_id\` path parameter value [${conversation}] is not valid` }]);
    }
    const content = readDmContent(parseJson(raw), '');
    if ('error' in content) return content.error;
    const participants = this.context.state.participants(conversation);
    const known = this.context.state.groups.has(conversation) || participants.every((id) => this.context.lookup.user(id));
    if (participants.length === 0 || !known) return { status: 404, body: conversationNotFound(conversation) };
    if (!participants.includes(this.context.self.id)) return { status: 403, body: forbidden(NOT_A_PARTICIPANT) };
    const refused = this.context.checkMedia?.(content.mediaIds, 'attachments', 'dm');
    if (refused) return refused;
    return this.#store(conversation, content);
  }

  #store(conversation: string, content: DmContent): Answer {
    const mediaKeys = content.mediaIds.map((id) => this.context.mediaKey?.(id) ?? `3_${id}`);
    const event = this.context.state.addConversationEvent(this.context.self.id, conversation, content.text, mediaKeys);
    return { status: 201, body: { data: { dm_conversation_id: conversation, dm_event_id: event.id } } };
  }
}

/** ResourceNotFoundProblem for an unknown conversation. */
function conversationNotFound(id: string) {
  return {
    value: id,
    detail: `Could not find dm_conversation with dm_conversation_id: [${id}].`,
    title: 'Not Found Error',
    resource_type: 'dm_conversation',
    parameter: 'dm_conversation_id',
    resource_id: id,
    type: 'https://api.twitter.com/2/problems/resource-not-found',
  };
}
