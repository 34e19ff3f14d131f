/**
 * Field selection and expansions, as https://docs.x.com/x-api/fundamentals/fields and
 * https://docs.x.com/x-api/fundamentals/expansions describe them: a post has only id, text and
 * edit_history_tweet_ids, a user id, name and username, a media object media_key and type, and a DM
 * event id, event_type and text, unless the request asks for more; `includes` only with expansions.
 * Object shapes: xdevplatform/xdk latest-openapi.json components Tweet, User, Media, DmEvent, Expansions.
 */
import { classicNames, type ParsedQuery } from './twitter-emulator-params.js';
import type { EmulatedDmEvent, EmulatedMedia, EmulatedTweet, EmulatedUser } from './twitter-emulator-state.js';

export type Spelling = 'tweets' | 'posts';

/** Where the renderer finds what an expansion points at (stored or synthetic objects). */
export interface ObjectLookup {
  user(id: string): EmulatedUser | undefined;
  userByName(username: string): EmulatedUser | undefined;
  tweet(id: string): EmulatedTweet | undefined;
  media(key: string): EmulatedMedia | undefined;
}

type Json = Record<string, unknown>;

const OPTIONAL_TWEET_FIELDS = ['author_id', 'conversation_id', 'created_at', 'in_reply_to_user_id', 'referenced_tweets', 'attachments', 'display_text_range', 'entities', 'note_tweet'] as const;
const OPTIONAL_USER_FIELDS = ['created_at', 'description', 'profile_image_url', 'protected', 'verified'] as const;
const OPTIONAL_MEDIA_FIELDS = ['url', 'preview_image_url', 'width', 'height', 'alt_text'] as const;
const OPTIONAL_DM_FIELDS = ['created_at', 'sender_id', 'dm_conversation_id', 'attachments'] as const;
const MENTION = /(?:^|[^A-Za-z0-9_])@([A-Za-z0-9_]{1,15})/g;

export class Renderer {
  readonly #tweetFields: Set<string>;
  readonly #userFields: Set<string>;
  readonly #mediaFields: Set<string>;
  readonly #dmFields: Set<string>;
  readonly #expansions: Set<string>;

  constructor(
    private readonly lookup: ObjectLookup,
    query: ParsedQuery,
    private readonly spelling: Spelling,
  ) {
    const list = (name: string) => (query[name] as string[] | undefined) ?? [];
    this.#tweetFields = new Set(classicNames([...list('tweet.fields'), ...list('post.fields')], 'fields'));
    this.#userFields = new Set(list('user.fields'));
    this.#mediaFields = new Set(list('media.fields'));
    this.#dmFields = new Set(classicNames(list('dm_event.fields'), 'fields'));
    this.#expansions = new Set(classicNames(list('expansions'), 'expansions'));
  }

  tweet(tweet: EmulatedTweet): Json {
    const result: Json = { id: tweet.id, text: tweet.text, [this.#name('edit_history_tweet_ids')]: tweet.edit_history_tweet_ids };
    for (const field of OPTIONAL_TWEET_FIELDS) {
      if (this.#tweetFields.has(field) && tweet[field] !== undefined) result[this.#name(field)] = tweet[field];
    }
    return result;
  }

  user(user: EmulatedUser): Json {
    const result: Json = { id: user.id, name: user.name, username: user.username };
    for (const field of OPTIONAL_USER_FIELDS) if (this.#userFields.has(field)) result[field] = user[field];
    return result;
  }

  media(media: EmulatedMedia): Json {
    const result: Json = { media_key: media.media_key, type: media.type };
    for (const field of OPTIONAL_MEDIA_FIELDS) {
      if (this.#mediaFields.has(field) && media[field] !== undefined) result[field] = media[field];
    }
    return result;
  }

  dmEvent(event: EmulatedDmEvent): Json {
    const result: Json = { id: event.id, event_type: event.event_type, text: event.text };
    for (const field of OPTIONAL_DM_FIELDS) {
      if (this.#dmFields.has(field) && event[field] !== undefined) result[field] = event[field];
    }
    return result;
  }

  /** `includes` for a page of posts, or undefined when no expansion adds anything. */
  tweetIncludes(tweets: EmulatedTweet[]): Json | undefined {
    const collected = new Collected();
    const expand = this.#expansions;
    for (const tweet of tweets) {
      if (expand.has('author_id')) collected.user(this.lookup.user(tweet.author_id));
      if (expand.has('in_reply_to_user_id') && tweet.in_reply_to_user_id) collected.user(this.lookup.user(tweet.in_reply_to_user_id));
      if (expand.has('entities.mentions.username')) {
        for (const match of tweet.text.matchAll(MENTION)) collected.user(this.lookup.userByName(match[1]!));
      }
      if (expand.has('attachments.media_keys')) tweet.attachments?.media_keys.forEach((key) => collected.media(this.lookup.media(key)));
      for (const reference of tweet.referenced_tweets ?? []) {
        const referenced = this.lookup.tweet(reference.id);
        if (!referenced) continue;
        if (expand.has('referenced_tweets.id')) collected.tweet(referenced);
        if (expand.has('referenced_tweets.id.author_id')) collected.user(this.lookup.user(referenced.author_id));
        if (expand.has('referenced_tweets.id.attachments.media_keys')) referenced.attachments?.media_keys.forEach((key) => collected.media(this.lookup.media(key)));
      }
    }
    return this.#includes(collected);
  }

  dmIncludes(events: EmulatedDmEvent[]): Json | undefined {
    const collected = new Collected();
    for (const event of events) {
      if (this.#expansions.has('sender_id')) collected.user(this.lookup.user(event.sender_id));
      if (this.#expansions.has('attachments.media_keys')) event.attachments?.media_keys.forEach((key) => collected.media(this.lookup.media(key)));
      // participant_ids and referenced_tweets only exist on join/leave events and shared posts, which the emulator does not make.
    }
    return this.#includes(collected);
  }

  #includes(collected: Collected): Json | undefined {
    const includes: Json = {};
    if (collected.users.size > 0) includes.users = [...collected.users.values()].map((user) => this.user(user));
    if (collected.tweets.size > 0) includes[this.spelling === 'posts' ? 'posts' : 'tweets'] = [...collected.tweets.values()].map((tweet) => this.tweet(tweet));
    if (collected.mediaItems.size > 0) includes.media = [...collected.mediaItems.values()].map((media) => this.media(media));
    return Object.keys(includes).length > 0 ? includes : undefined;
  }

  /** The classic name, or the newer one with `spelling: 'posts'` (X's OpenAPI document, version 2.167, Post). */
  #name(field: string): string {
    if (this.spelling === 'tweets') return field;
    const renamed: Record<string, string> = { referenced_tweets: 'referenced_posts', edit_history_tweet_ids: 'edit_history_post_ids', note_tweet: 'note_post' };
    return renamed[field] ?? field;
  }
}

/** Expanded objects, each once, in the order first met. */
class Collected {
  readonly users = new Map<string, EmulatedUser>();
  readonly tweets = new Map<string, EmulatedTweet>();
  readonly mediaItems = new Map<string, EmulatedMedia>();
  user(user: EmulatedUser | undefined) {
    if (user && !this.users.has(user.id)) this.users.set(user.id, user);
  }
  tweet(tweet: EmulatedTweet) {
    if (!this.tweets.has(tweet.id)) this.tweets.set(tweet.id, tweet);
  }
  media(media: EmulatedMedia | undefined) {
    if (media && !this.mediaItems.has(media.media_key)) this.mediaItems.set(media.media_key, media);
  }
}
