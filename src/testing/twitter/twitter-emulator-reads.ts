/**
 * The read endpoints of the X emulator, answering the shapes of xdevplatform/xdk latest-openapi.json:
 * GET /2/users/me (Get2UsersMeResponse), GET /2/tweets/{id} (Get2TweetsIdResponse), GET /2/users/{id}/mentions
 * and /tweets (Get2UsersIdMentionsResponse), GET /2/tweets/search/recent (Get2TweetsSearchRecentResponse),
 * GET /2/dm_events and /2/dm_conversations/{id}/dm_events (Get2DmEventsResponse). A list answer has no
 * `data` key when it is empty; a missing post is a 200 with only `errors` (resource-not-found).
 */
import { Renderer, type ObjectLookup, type Spelling } from './twitter-emulator-fields.js';
import {
  DM_EVENTS_PARAMS,
  LOOKUP_PARAMS,
  ME_PARAMS,
  SEARCH_PARAMS,
  TIMELINE_PARAMS,
  USER_TWEETS_PARAMS,
  parseQuery,
  withPostSpelling,
  type ParamRule,
  type ParsedQuery,
} from './twitter-emulator-params.js';
import { invalidRequest, resourceNotFound, type Problem } from './twitter-emulator-problems.js';
import { mentions, parseSearchQuery } from './twitter-emulator-search.js';
import type { EmulatedDmEvent, EmulatedTweet, EmulatedUser, TwitterState } from './twitter-emulator-state.js';
import { arraySource, decodeToken, mergeSources, newestOnly, readPage, type Bounds, type PageToken, type TimelineSource } from './twitter-emulator-timeline.js';
import { firstIdAt } from './twitter-snowflake.js';

export interface ReadContext {
  state: TwitterState;
  lookup: ObjectLookup;
  self: EmulatedUser;
  spelling: Spelling;
  /** Synthetic mentions of `self`, when a firehose is on. */
  firehose(): TimelineSource<EmulatedTweet> | undefined;
  /** How many of the most recent mentions the timeline serves. @default MENTIONS_SERVED */
  mentionsServed?: number;
}

type Json = Record<string, unknown>;
export type Answer = { status: number; body: unknown };

const ID = /^[0-9]{1,19}$/;
const CONVERSATION_ID = /^([0-9]{1,19}-[0-9]{1,19}|[0-9]{15,19})$/;
// Recent search covers the last 7 days (https://docs.x.com/x-api/posts/search/introduction).
const SEARCH_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
// The mentions timeline serves the 800 most recent mentions (https://docs.x.com/x-api/posts/timelines/introduction).
export const MENTIONS_SERVED = 800;
// DM events go back 30 days (https://docs.x.com/x-api/direct-messages/lookup/introduction).
const DM_HISTORY_MS = 30 * 24 * 60 * 60 * 1000;

const ok = (body: unknown): Answer => ({ status: 200, body });
const bad = (problem: Problem): Answer => ({ status: 400, body: problem });
const badPathId = (name: string, value: string) => bad(invalidRequest([{ parameter: name, values: [value], message: `The \`${name}\` query parameter value [${value}] is not valid` }]));

export class TwitterReads {
  constructor(private readonly context: ReadContext) {}

  me(url: URL): Answer {
    const parsed = this.#parse(url, ME_PARAMS);
    if ('problem' in parsed) return bad(parsed.problem);
    return ok({ data: this.#renderer(parsed.query).user(this.context.self) });
  }

  /** GET /2/users/by/username/{username}: the same parameters as /2/users/me; an unknown name is a 200 with only `errors`. */
  userByUsername(url: URL, username: string): Answer {
    if (!/^[A-Za-z0-9_]{1,15}$/.test(username)) return badPathId('username', username);
    const parsed = this.#parse(url, ME_PARAMS);
    if ('problem' in parsed) return bad(parsed.problem);
    const user = this.context.state.userByName(username);
    if (!user) return ok({ errors: [resourceNotFound('user', 'username', username)] });
    return ok({ data: this.#renderer(parsed.query).user(user) });
  }

  lookup(url: URL, id: string): Answer {
    if (!ID.test(id)) return badPathId('id', id);
    const parsed = this.#parse(url, LOOKUP_PARAMS);
    if ('problem' in parsed) return bad(parsed.problem);
    const tweet = this.context.lookup.tweet(id);
    if (!tweet) return ok({ errors: [resourceNotFound('tweet', 'id', id)] });
    const renderer = this.#renderer(parsed.query);
    return ok(withIncludes({ data: renderer.tweet(tweet) }, renderer.tweetIncludes([tweet])));
  }

  mentions(url: URL, userId: string): Answer {
    return this.#userTimeline(url, userId, TIMELINE_PARAMS, (user) => {
      const stored = arraySource(this.context.state.tweets, (tweet) => tweet.author_id !== user.id && isMentionOf(tweet, user, this.context.lookup));
      const firehose = user.id === this.context.self.id ? this.context.firehose() : undefined;
      const source = firehose ? mergeSources([stored, firehose]) : stored;
      const served = this.context.mentionsServed ?? MENTIONS_SERVED;
      return Number.isFinite(served) ? newestOnly(source, served) : source;
    });
  }

  userTweets(url: URL, userId: string): Answer {
    return this.#userTimeline(url, userId, USER_TWEETS_PARAMS, (user, query) => {
      const exclude = new Set((query.exclude as string[] | undefined) ?? []);
      return arraySource(this.context.state.tweets, (tweet) => {
        if (tweet.author_id !== user.id) return false;
        if (exclude.has('replies') && tweet.in_reply_to_user_id !== undefined) return false;
        return !(exclude.has('retweets') && tweet.referenced_tweets?.some((reference) => reference.type === 'retweeted'));
      });
    });
  }

  search(url: URL): Answer {
    const parsed = this.#parse(url, SEARCH_PARAMS, ['query']);
    if ('problem' in parsed) return bad(parsed.problem);
    const { query } = parsed;
    const search = parseSearchQuery(query.query as string);
    if ('error' in search) return bad(invalidRequest([{ parameter: 'query', values: [query.query as string], message: search.error }]));
    const token = this.#token(query, query.next_token !== undefined ? 'next_token' : 'pagination_token');
    if ('problem' in token) return bad(token.problem);
    const oldestAllowed = Date.now() - SEARCH_WINDOW_MS;
    const lookup = this.context.lookup;
    const keep = (tweet: EmulatedTweet) => Date.parse(tweet.created_at) >= oldestAllowed && search.matches(tweet, lookup);
    const sources = [arraySource(this.context.state.tweets, keep)];
    // A synthetic (firehose) root is not stored; find it when the query names its conversation.
    const root = search.conversationId && !this.context.state.tweet(search.conversationId) ? lookup.tweet(search.conversationId) : undefined;
    if (root) sources.push(arraySource([root], keep));
    return this.#tweetPage(query, mergeSources(sources), token.token, (query.max_results as number | undefined) ?? 10, false);
  }

  dmEvents(url: URL, conversation?: string): Answer {
    if (conversation !== undefined && !CONVERSATION_ID.test(conversation)) return badPathId('id', conversation);
    const parsed = this.#parse(url, DM_EVENTS_PARAMS);
    if ('problem' in parsed) return bad(parsed.problem);
    const { query } = parsed;
    const token = this.#token(query, 'pagination_token');
    if ('problem' in token) return bad(token.problem);
    const selfId = this.context.self.id;
    const types = new Set((query.event_types as string[] | undefined) ?? ['MessageCreate', 'ParticipantsJoin', 'ParticipantsLeave']);
    const oldestServed = Date.now() - DM_HISTORY_MS;
    const source = arraySource(this.context.state.dmEvents, (event: EmulatedDmEvent) => {
      if (!types.has(event.event_type) || Date.parse(event.created_at) < oldestServed) return false;
      if (conversation !== undefined && event.dm_conversation_id !== conversation) return false;
      return this.context.state.participants(event.dm_conversation_id).includes(selfId); // only the authenticated user's conversations (groups too)
    });
    const page = readPage(source, {}, (query.max_results as number | undefined) ?? 100, token.token);
    const renderer = this.#renderer(query);
    const meta: Json = { result_count: page.items.length };
    if (page.nextToken) meta.next_token = page.nextToken;
    if (page.previousToken) meta.previous_token = page.previousToken;
    const body: Json = page.items.length > 0 ? { data: page.items.map((event) => renderer.dmEvent(event)) } : {};
    return ok({ ...withIncludes(body, renderer.dmIncludes(page.items)), meta });
  }

  #userTimeline(url: URL, userId: string, rules: Record<string, ParamRule>, sourceFor: (user: EmulatedUser, query: ParsedQuery) => TimelineSource<EmulatedTweet>): Answer {
    if (!ID.test(userId)) return badPathId('id', userId);
    const parsed = this.#parse(url, rules);
    if ('problem' in parsed) return bad(parsed.problem);
    const { query } = parsed;
    const token = this.#token(query, 'pagination_token');
    if ('problem' in token) return bad(token.problem);
    const user = this.context.lookup.user(userId);
    if (!user) return ok({ errors: [resourceNotFound('user', 'id', userId)] });
    return this.#tweetPage(query, sourceFor(user, query), token.token, (query.max_results as number | undefined) ?? 10, true);
  }

  #tweetPage(query: ParsedQuery, source: TimelineSource<EmulatedTweet>, token: PageToken | undefined, limit: number, withPrevious: boolean): Answer {
    const page = readPage(source, boundsOf(query), limit, token);
    // Posts of protected accounts are dropped after the page is cut: a page can come short or empty while
    // its next_token remains (https://docs.x.com/x-api/fundamentals/pagination).
    page.items = page.items.filter((tweet) => tweet.author_id === this.context.self.id || this.context.lookup.user(tweet.author_id)?.protected !== true);
    const renderer = this.#renderer(query);
    const meta: Json = { result_count: page.items.length };
    if (page.items.length > 0) {
      meta.newest_id = page.items[0]!.id;
      meta.oldest_id = page.items.at(-1)!.id;
    }
    if (page.nextToken) meta.next_token = page.nextToken;
    if (withPrevious && page.previousToken) meta.previous_token = page.previousToken;
    const body: Json = page.items.length > 0 ? { data: page.items.map((tweet) => renderer.tweet(tweet)) } : {};
    return ok({ ...withIncludes(body, renderer.tweetIncludes(page.items)), meta });
  }

  #parse(url: URL, rules: Record<string, ParamRule>, required: string[] = []) {
    return parseQuery(url, this.context.spelling === 'posts' ? withPostSpelling(rules) : rules, required);
  }

  #token(query: ParsedQuery, name: string): { token: PageToken | undefined } | { problem: Problem } {
    const raw = query[name] as string | undefined;
    if (raw === undefined) return { token: undefined };
    const token = decodeToken(raw);
    if (!token) return { problem: invalidRequest([{ parameter: name, values: [raw], message: `The \`${name}\` query parameter value [${raw}] is not valid` }]) };
    return { token };
  }

  #renderer(query: ParsedQuery): Renderer {
    return new Renderer(this.context.lookup, query, this.context.spelling);
  }
}

/** since_id / start_time (inclusive) from below, until_id / end_time (exclusive) from above; since_id wins over start_time. */
function boundsOf(query: ParsedQuery): Bounds {
  const bounds: Bounds = {};
  const sinceId = query.since_id !== undefined ? BigInt(query.since_id as string) : undefined;
  const lower = [sinceId, sinceId === undefined && query.start_time !== undefined ? firstIdAt(Date.parse(query.start_time as string)) - 1n : undefined];
  const upper = [query.until_id !== undefined ? BigInt(query.until_id as string) : undefined, query.end_time !== undefined ? firstIdAt(Date.parse(query.end_time as string)) : undefined];
  for (const value of lower) if (value !== undefined && (bounds.after === undefined || value > bounds.after)) bounds.after = value;
  for (const value of upper) if (value !== undefined && (bounds.before === undefined || value < bounds.before)) bounds.before = value;
  return bounds;
}

/** A mention: names @user, or replies to one of the user's posts (https://docs.x.com/x-api/posts/timelines/introduction). */
/** What the mentions timeline holds: posts naming the user, and replies to the user's posts; never reposts (their "RT @user:" is not a mention). */
function isMentionOf(tweet: EmulatedTweet, user: EmulatedUser, lookup: ObjectLookup): boolean {
  if (tweet.referenced_tweets?.some((reference) => reference.type === 'retweeted')) return false;
  if (mentions(tweet.text, user.username)) return true;
  return tweet.in_reply_to_user_id === user.id && (tweet.referenced_tweets ?? []).some((reference) => lookup.tweet(reference.id)?.author_id === user.id);
}

function withIncludes(body: Json, includes: Json | undefined): Json {
  return includes ? { ...body, includes } : body;
}
