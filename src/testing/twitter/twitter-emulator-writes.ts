/**
 * The write endpoints of the X emulator: POST /2/tweets (TweetCreateRequest → 201 TweetCreateResponse) and
 * POST /2/dm_conversations/with/{participant_id}/messages (CreateMessageRequest → 201 CreateDmEventResponse),
 * per xdevplatform/xdk latest-openapi.json. Refusals as X answers them
 * (https://docs.x.com/x-api/fundamentals/response-codes-and-errors): 400 invalid-request for a bad body,
 * 403 for duplicate content and for a reply to a post that is gone.
 */
import { forbidden, invalidRequest, type InvalidParameter } from './twitter-emulator-problems.js';
import { parseObject } from './twitter-emulator-json.js';
import type { ObjectLookup, Spelling } from './twitter-emulator-fields.js';
import type { EmulatedUser, TwitterState } from './twitter-emulator-state.js';
import { weightedLength, storeText, MAX_LONG_POST_LENGTH, MAX_WEIGHTED_LENGTH } from './twitter-emulator-text.js';
import type { Answer } from './twitter-emulator-reads.js';
import { mayReply, REPLY_NOT_ALLOWED, REPLY_SETTINGS } from './twitter-emulator-access.js';

export interface WriteContext {
  state: TwitterState;
  lookup: ObjectLookup;
  self: EmulatedUser;
  spelling: Spelling;
  /** Media ids a write names: a 400 unless each is an upload of the bot's fit for that use (twitter-emulator-media.ts). */
  checkMedia?: (ids: string[], parameter: string, use: 'tweet' | 'dm') => Answer | undefined;
  /** The media key of an uploaded media id. */
  mediaKey?: (id: string) => string;
  /** A Premium account: posts up to 25,000 weighted characters (note_tweet), not 280. */
  premium?: boolean;
}

const ID = /^[0-9]{1,19}$/;
// TweetCreateRequest has additionalProperties: false.
const TWEET_KEYS = ['card_uri', 'community_id', 'direct_message_deep_link', 'edit_options', 'for_super_followers_only', 'geo', 'media', 'nullcast', 'poll', 'quote_tweet_id', 'reply', 'reply_settings', 'share_with_followers', 'text'];
const REPLY_KEYS = ['auto_populate_reply_metadata', 'exclude_reply_user_ids', 'in_reply_to_tweet_id'];
const DM_KEYS = ['text', 'attachments'];
// How far back X looks for an identical post: not documented; a day is what the emulator uses.
const DUPLICATE_WINDOW_MS = 24 * 60 * 60 * 1000;
// DM texts are long-form on X (10,000 characters); the emulator refuses anything longer.
const MAX_DM_LENGTH = 10_000;

export const DUPLICATE_CONTENT = 'You are not allowed to create a Tweet with duplicate content.';
export const REPLY_TO_MISSING = 'You attempted to reply to a Tweet that is deleted or not visible to you.';
export const DM_REFUSED = 'You cannot send messages to this user.';

const bad = (errors: InvalidParameter[]): Answer => ({ status: 400, body: invalidRequest(errors) });
const bodyError = (path: string, message: string): InvalidParameter => ({ parameter: path, values: [], message: `$.${path}: ${message}` });

export class TwitterWrites {
  constructor(private readonly context: WriteContext) {}

  createTweet(raw: string): Answer {
    const body = parseObject(raw);
    if (!body) return bad([{ parameter: 'body', values: [], message: 'Request body must be a JSON object' }]);
    const unknown = Object.keys(body).filter((key) => !TWEET_KEYS.includes(key));
    if (unknown.length > 0) return bad(unknown.map((key) => bodyError(key, 'is not defined in the schema and the schema does not allow additional properties')));
    const { text, reply, media, reply_settings: replySettings } = body as { text?: unknown; reply?: unknown; media?: unknown; reply_settings?: unknown };
    if (replySettings !== undefined && !REPLY_SETTINGS.includes(replySettings as never)) return bad([bodyError('reply_settings', `must be one of ${REPLY_SETTINGS.join(', ')}`)]);
    if (text !== undefined && typeof text !== 'string') return bad([bodyError('text', 'string expected')]);
    const mediaIds = readMediaIds(media);
    if ('error' in mediaIds) return bad([mediaIds.error]);
    let parentId: string | undefined;
    let excluded: string[] = [];
    if (reply !== undefined) {
      const replyObject = typeof reply === 'object' && reply !== null && !Array.isArray(reply) ? (reply as Record<string, unknown>) : undefined;
      if (!replyObject) return bad([bodyError('reply', 'object expected')]);
      const extra = Object.keys(replyObject).filter((key) => !REPLY_KEYS.includes(key));
      if (extra.length > 0) return bad(extra.map((key) => bodyError(`reply.${key}`, 'is not defined in the schema and the schema does not allow additional properties')));
      const target = replyObject.in_reply_to_tweet_id;
      if (typeof target !== 'string' || !ID.test(target)) return bad([bodyError('reply.in_reply_to_tweet_id', 'does not match the pattern ^[0-9]{1,19}$')]);
      parentId = target;
      const exclude = replyObject.exclude_reply_user_ids ?? [];
      if (!Array.isArray(exclude) || !exclude.every((id) => typeof id === 'string' && ID.test(id))) return bad([bodyError('reply.exclude_reply_user_ids', 'must be an array of user ids')]);
      excluded = exclude as string[];
    }
    const content = text ?? '';
    if (content.trim() === '' && mediaIds.ids.length === 0) return bad([{ parameter: 'text', values: [content], message: 'Post text must not be empty when no media is attached' }]);
    const length = weightedLength(content);
    const limit = this.context.premium ? MAX_LONG_POST_LENGTH : MAX_WEIGHTED_LENGTH;
    if (length > limit) {
      return bad([{ parameter: 'text', values: [content], message: `Your Tweet text is too long: ${length} weighted characters, the limit is ${limit}.` }]);
    }
    const parent = parentId === undefined ? undefined : this.context.lookup.tweet(parentId);
    if (parentId !== undefined && !parent) return { status: 403, body: forbidden(REPLY_TO_MISSING) };
    if (parent && !mayReply(parent, this.context.self)) return { status: 403, body: forbidden(REPLY_NOT_ALLOWED) };
    if (content !== '' && this.#isDuplicate(content)) return { status: 403, body: forbidden(DUPLICATE_CONTENT) };
    const refused = this.context.checkMedia?.(mediaIds.ids, 'media.media_ids', 'tweet');
    if (refused) return refused;
    const mediaKeys = mediaIds.ids.map((id) => this.context.mediaKey?.(id) ?? `3_${id}`);
    const tweet = this.context.state.addTweet(this.context.self.id, content, parent, mediaKeys, excluded);
    if (replySettings !== undefined) tweet.reply_settings = replySettings as NonNullable<typeof tweet.reply_settings>;
    const history = this.context.spelling === 'posts' ? 'edit_history_post_ids' : 'edit_history_tweet_ids';
    return { status: 201, body: { data: { id: tweet.id, text: tweet.text, [history]: tweet.edit_history_tweet_ids } } };
  }

  createDm(participantId: string, raw: string): Answer {
    if (!ID.test(participantId)) return bad([{ parameter: 'participant_id', values: [participantId], message: `The \`participant_id\` query parameter value [${participantId}] is not valid` }]);
    const body = parseObject(raw);
    if (!body) return bad([{ parameter: 'body', values: [], message: 'Request body must be a JSON object' }]);
    const unknown = Object.keys(body).filter((key) => !DM_KEYS.includes(key));
    if (unknown.length > 0) return bad(unknown.map((key) => bodyError(key, 'is not defined in the schema and the schema does not allow additional properties')));
    const { text, attachments } = body as { text?: unknown; attachments?: unknown };
    const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
    if (text !== undefined && (typeof text !== 'string' || text.length < 1)) return bad([bodyError('text', 'must be a string of at least 1 character')]);
    if (text === undefined && !hasAttachments) return bad([bodyError('text', 'is required when no attachments are given')]);
    if (typeof text === 'string' && [...text].length > MAX_DM_LENGTH) return bad([bodyError('text', `must be at most ${MAX_DM_LENGTH} characters`)]);
    const recipient = this.context.lookup.user(participantId);
    if (!recipient || recipient.id === this.context.self.id) return { status: 403, body: forbidden(DM_REFUSED) };
    const ids = hasAttachments ? (attachments as Array<{ media_id?: unknown }>).map((item) => item?.media_id) : [];
    if (!ids.every((id): id is string => typeof id === 'string' && ID.test(id))) return bad([bodyError('attachments', 'each item must be { media_id } with a numeric id')]);
    const refused = this.context.checkMedia?.(ids, 'attachments', 'dm');
    if (refused) return refused;
    const mediaKeys = ids.map((id) => this.context.mediaKey?.(id) ?? `3_${id}`);
    const event = this.context.state.addDmEvent(this.context.self.id, recipient.id, (text as string | undefined) ?? '', mediaKeys);
    return { status: 201, body: { data: { dm_conversation_id: event.dm_conversation_id, dm_event_id: event.id } } };
  }

  /** An identical post of the bot's within the window, compared as stored, after any auto-mentions. */
  #isDuplicate(draft: string): boolean {
    const stored = storeText(draft, []);
    const text = stored.note_tweet?.text ?? stored.text;
    const since = Date.now() - DUPLICATE_WINDOW_MS;
    const tweets = this.context.state.tweets;
    for (let index = tweets.length - 1; index >= 0; index--) {
      const tweet = tweets[index]!;
      if (Date.parse(tweet.created_at) < since) break;
      const visible = [...(tweet.note_tweet?.text ?? tweet.text)].slice(tweet.display_text_range?.[0] ?? 0).join('');
      if (tweet.author_id === this.context.self.id && visible === text) return true;
    }
    return false;
  }
}

function readMediaIds(media: unknown): { ids: string[] } | { error: InvalidParameter } {
  if (media === undefined) return { ids: [] };
  const ids = (media as { media_ids?: unknown } | null)?.media_ids;
  // media.media_ids: 1 to 4 numeric ids (TweetCreateRequest.media).
  if (!Array.isArray(ids) || ids.length < 1 || ids.length > 4 || !ids.every((id) => typeof id === 'string' && ID.test(id))) {
    return { error: bodyError('media.media_ids', 'must be 1 to 4 media ids') };
  }
  return { ids: ids as string[] };
}
