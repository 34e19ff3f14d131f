/**
 * Sending DMs (loaded by twitter-messages.ts on the first DM sent; fewer bots send DMs than posts): to a
 * user id or an @handle looked up first (`GET /2/users/by/username/{username}`), and answers where a DM was
 * written, in its group or to the other person of a one-to-one conversation.
 * https://docs.x.com/x-api/direct-messages/manage/introduction
 */
import type { Message } from '../core/channel.js';
import { NotFoundError } from '../core/errors.js';
import { comparePositions } from '../core/listen/listen-source.js';
import { IncludesIndex, normalizeDmEvent } from './normalize-tweet.js';
import type { TwitterApi } from './twitter-api.js';
import { BUCKETS } from './twitter-fields.js';
import { createDmSchema, userLookupSchema } from './twitter-schemas.js';

const ONE_TO_ONE = /^\d+-\d+$/;

/** A one-to-one DM to a user id. */
export function createDm(api: TwitterApi, participantId: string, text: string, mediaIds: string[] = []): Promise<Message> {
  return sendDm(api, `/2/dm_conversations/with/${encodeURIComponent(participantId)}/messages`, BUCKETS.createDm, text, mediaIds);
}

/** A DM in a conversation by its id: a group's (one number) or a one-to-one "<id>-<id>". */
export function createConversationDm(api: TwitterApi, conversationId: string, text: string, mediaIds: string[] = []): Promise<Message> {
  return sendDm(api, `/2/dm_conversations/${encodeURIComponent(conversationId)}/messages`, BUCKETS.conversationDm, text, mediaIds);
}

async function sendDm(api: TwitterApi, path: string, bucket: string, text: string, mediaIds: string[]): Promise<Message> {
  const json: Record<string, unknown> = text === '' ? {} : { text };
  if (mediaIds.length > 0) json.attachments = mediaIds.map((media_id) => ({ media_id }));
  const answer = await api.http.request({ method: 'POST', path, json, bucket, schema: createDmSchema });
  const selfId = await api.selfId();
  return normalizeDmEvent(
    {
      id: answer.data.dm_event_id,
      event_type: 'MessageCreate',
      text,
      sender_id: selfId,
      dm_conversation_id: answer.data.dm_conversation_id,
      created_at: new Date().toISOString(),
    },
    new IncludesIndex(undefined),
    await api.normalizeContext(),
  );
}

/** The id of the user with this username; NotFoundError when there is none. */
async function userIdByUsername(api: TwitterApi, username: string): Promise<string> {
  const answer = await api.http.request({
    method: 'GET',
    path: `/2/users/by/username/${encodeURIComponent(username)}`,
    bucket: BUCKETS.userByUsername,
    schema: userLookupSchema,
  });
  // An unknown username is a 200 with only `errors` (type .../resource-not-found).
  if (!answer.data) throw new NotFoundError(`no X user @${username}: ${answer.errors?.[0]?.detail ?? 'no data'}`, api.context.errorOptions({ status: 200 }));
  return answer.data.id;
}

/** The user id of Draft.to: an id as given, a @handle looked up (NotFoundError when unknown). */
export function recipientId(api: TwitterApi, to: string): Promise<string> {
  return to.startsWith('@') ? userIdByUsername(api, to.slice(1)) : Promise.resolve(to);
}

/** Answer a DM where it was written: in its group, or to the other person of a one-to-one conversation. */
export async function replyDirect(api: TwitterApi, to: Message, text: string, mediaIds: string[] = []): Promise<Message> {
  if (!ONE_TO_ONE.test(to.threadId)) return createConversationDm(api, to.threadId, text, mediaIds);
  return createDm(api, await otherParticipant(to, api), text, mediaIds);
}

/** The conversation a direct send (Draft.to) or DM answer lands in. */
export async function directConversationId(api: TwitterApi, draftTo: string | undefined, to: Message | undefined): Promise<string> {
  if (to && !ONE_TO_ONE.test(to.threadId)) return to.threadId;
  const selfId = await api.selfId();
  const other = to ? await otherParticipant(to, api) : await recipientId(api, draftTo!);
  return [selfId, other].sort(comparePositions).join('-');
}

/** The person on the other side of a one-to-one DM conversation "<id>-<id>". */
async function otherParticipant(message: Message, api: TwitterApi): Promise<string> {
  if (!message.author.isSelf) return message.author.id;
  const selfId = await api.selfId();
  return message.threadId.split('-').find((id) => id !== selfId) ?? message.author.id;
}
