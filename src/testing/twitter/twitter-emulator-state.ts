/**
 * What the X emulator holds: users, posts, DM events and media, stored with the field names of the
 * X API v2 objects (xdevplatform/xdk latest-openapi.json: components User, Tweet, DmEvent, Media), so
 * tests can inspect them as X would answer them. Ids are snowflakes, created_at ISO 8601 with milliseconds.
 */
import { SnowflakeMinter, compareIds } from './twitter-snowflake.js';
import { storeText, type StoredText } from './twitter-emulator-text.js';

export interface EmulatedUser {
  id: string;
  username: string;
  name: string;
  created_at: string;
  description: string;
  profile_image_url: string;
  protected: boolean;
  verified: boolean;
}

export interface EmulatedMedia {
  media_key: string;
  type: 'photo' | 'video' | 'animated_gif';
  url?: string;
  preview_image_url?: string;
  width?: number;
  height?: number;
  alt_text?: string;
}

export interface EmulatedTweet {
  id: string;
  text: string;
  author_id: string;
  conversation_id: string;
  created_at: string;
  edit_history_tweet_ids: string[];
  in_reply_to_user_id?: string;
  referenced_tweets?: Array<{ type: 'replied_to' | 'quoted' | 'retweeted'; id: string }>;
  /** Who may reply (CreatePostsRequest `reply_settings`); absent: everyone. */
  reply_settings?: 'following' | 'mentionedUsers' | 'subscribers' | 'verified';
  attachments?: { media_keys: string[] };
  /** Stored text as X stores it (twitter-emulator-text.ts storeText): visible part, t.co links, long-post text. */
  display_text_range?: StoredText['display_text_range'];
  entities?: StoredText['entities'];
  note_tweet?: StoredText['note_tweet'];
}

/** One DM event. A one-to-one conversation id is "<smaller user id>-<larger user id>"; a group's is one snowflake. */
export interface EmulatedDmEvent {
  id: string;
  event_type: 'MessageCreate';
  text: string;
  sender_id: string;
  dm_conversation_id: string;
  created_at: string;
  attachments?: { media_keys: string[] };
}

export interface UserInput {
  id?: string;
  username: string;
  name?: string;
}

export interface MediaInput {
  type: EmulatedMedia['type'];
  url?: string;
  altText?: string;
}

// X's username rule: 1-15 of letters, digits and underscores (latest-openapi.json UserName).
const USERNAME = /^[A-Za-z0-9_]{1,15}$/;
const USER_ID = /^[0-9]{1,19}$/;

export class TwitterState {
  readonly users = new Map<string, EmulatedUser>();
  /** Every post, oldest first (ids only grow). */
  readonly tweets: EmulatedTweet[] = [];
  /** Every DM event, oldest first. */
  readonly dmEvents: EmulatedDmEvent[] = [];
  readonly media = new Map<string, EmulatedMedia>();
  /** Group DM conversations: their id (one snowflake) and participants. */
  readonly groups = new Map<string, string[]>();
  readonly #tweetsById = new Map<string, EmulatedTweet>();
  readonly #usersByName = new Map<string, EmulatedUser>();
  readonly #ids = new SnowflakeMinter(1);
  #mediaSequence = 0;

  addUser(input: UserInput): EmulatedUser {
    if (!USERNAME.test(input.username)) throw new TypeError(`username "${input.username}" is not a valid X username (1-15 letters, digits, _)`);
    if (input.id !== undefined && !USER_ID.test(input.id)) throw new TypeError(`user id "${input.id}" is not numeric`);
    if (this.#usersByName.has(input.username.toLowerCase())) throw new TypeError(`username "${input.username}" is taken`);
    const minted = this.#ids.next();
    const id = input.id ?? minted.id;
    if (this.users.has(id)) throw new TypeError(`user id ${id} is taken`);
    const user: EmulatedUser = {
      id,
      username: input.username,
      name: input.name ?? input.username,
      created_at: new Date(minted.timeMs).toISOString(),
      description: '',
      profile_image_url: `https://pbs.twimg.com/profile_images/${id}/avatar_normal.jpg`,
      protected: false,
      verified: false,
    };
    this.users.set(id, user);
    this.#usersByName.set(user.username.toLowerCase(), user);
    return user;
  }

  userByName(username: string): EmulatedUser | undefined {
    return this.#usersByName.get(username.replace(/^@/, '').toLowerCase());
  }

  /** The user with this username, created on first use (seeding helpers take usernames). */
  ensureUser(username: string): EmulatedUser {
    return this.userByName(username) ?? this.addUser({ username: username.replace(/^@/, '') });
  }

  /** A fresh snowflake (upload ids, conversation ids). */
  mintId(): string {
    return this.#ids.next().id;
  }

  tweet(id: string): EmulatedTweet | undefined {
    return this.#tweetsById.get(id);
  }

  addMedia(input: MediaInput): string {
    this.#mediaSequence += 1;
    const key = `3_${this.#ids.next().id}`;
    const media: EmulatedMedia = { media_key: key, type: input.type, width: 1200, height: 800 };
    const url = input.url ?? `https://pbs.twimg.com/media/emulated${this.#mediaSequence}.jpg`;
    if (input.type === 'photo') media.url = url;
    else media.preview_image_url = url;
    if (input.altText) media.alt_text = input.altText;
    this.media.set(key, media);
    return key;
  }

  /** Store a post; `parent` is the post it replies to (already looked up by the caller). */
  addTweet(authorId: string, text: string, parent?: EmulatedTweet, mediaKeys: string[] = [], excludedReplyIds: string[] = []): EmulatedTweet {
    const { id, timeMs } = this.#ids.next();
    const tweet: EmulatedTweet = {
      id,
      ...storeText(text, this.#replyHandles(authorId, parent, excludedReplyIds)),
      author_id: authorId,
      // A reply belongs to its parent's conversation; a new post starts its own.
      conversation_id: parent?.conversation_id ?? id,
      created_at: new Date(timeMs).toISOString(),
      edit_history_tweet_ids: [id],
    };
    if (parent) {
      tweet.in_reply_to_user_id = parent.author_id;
      tweet.referenced_tweets = [{ type: 'replied_to', id: parent.id }];
    }
    if (mediaKeys.length > 0) tweet.attachments = { media_keys: mediaKeys };
    this.tweets.push(tweet);
    this.#tweetsById.set(id, tweet);
    return tweet;
  }

  /** Who X auto-mentions in a reply: the parent's author and the people its own prefix named, never the replier. */
  #replyHandles(authorId: string, parent: EmulatedTweet | undefined, excluded: string[]): string[] {
    if (!parent) return [];
    const hidden = [...parent.text].slice(0, parent.display_text_range?.[0] ?? 0).join('');
    const named = [...hidden.matchAll(/@([A-Za-z0-9_]{1,15})/g)].map((match) => this.userByName(match[1]!)?.id);
    const ids = new Set([parent.author_id, ...named].filter((id): id is string => id !== undefined && id !== authorId && !excluded.includes(id)));
    return [...ids].map((id) => this.users.get(id)?.username).filter((name): name is string => name !== undefined);
  }

  addDmEvent(senderId: string, recipientId: string, text: string, mediaKeys: string[] = []): EmulatedDmEvent {
    return this.addConversationEvent(senderId, conversationId(senderId, recipientId), text, mediaKeys);
  }

  /** A group DM conversation of these users; its id is a snowflake, as X mints them. */
  addGroup(participantIds: string[]): string {
    const id = this.#ids.next().id;
    this.groups.set(id, [...new Set(participantIds)]);
    return id;
  }

  /** Who is in a conversation: the two of "<id>-<id>", or a group's members (none when unknown). */
  participants(conversation: string): string[] {
    return this.groups.get(conversation) ?? (/^\d+-\d+$/.test(conversation) ? conversation.split('-') : []);
  }

  /** A message in a conversation (one-to-one or group) the caller checked. */
  addConversationEvent(senderId: string, conversation: string, text: string, mediaKeys: string[] = []): EmulatedDmEvent {
    const { id, timeMs } = this.#ids.next();
    const event: EmulatedDmEvent = {
      id,
      event_type: 'MessageCreate',
      text,
      sender_id: senderId,
      dm_conversation_id: conversation,
      created_at: new Date(timeMs).toISOString(),
    };
    if (mediaKeys.length > 0) event.attachments = { media_keys: mediaKeys };
    this.dmEvents.push(event);
    return event;
  }
}

/** "<smaller id>-<larger id>" (https://docs.x.com/x-api/direct-messages/lookup/integrate, conversation types). */
export function conversationId(a: string, b: string): string {
  return compareIds(a, b) <= 0 ? `${a}-${b}` : `${b}-${a}`;
}

/** The other participant of a one-to-one conversation. */
export function otherParticipant(conversation: string, userId: string): string {
  const [first, second] = conversation.split('-');
  return first === userId ? second! : first!;
}
