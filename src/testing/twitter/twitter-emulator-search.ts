/**
 * A small part of X's search query language, enough for bots: terms joined by spaces are ANDed;
 * `conversation_id:`, `from:`, `to:`, `in_reply_to_tweet_id:`, `@name`, `is:reply`, a quoted
 * "exact phrase" or a keyword, each negatable with `-`. Anything else is refused with a 400, as X
 * refuses a query it cannot parse. https://docs.x.com/x-api/posts/search/integrate/build-a-query
 */
import type { EmulatedTweet, EmulatedUser } from './twitter-emulator-state.js';

export interface SearchContext {
  user(id: string): EmulatedUser | undefined;
  tweet(id: string): EmulatedTweet | undefined;
}

export type TweetMatcher = (tweet: EmulatedTweet, context: SearchContext) => boolean;

export interface ParsedSearch {
  matches: TweetMatcher;
  /** The conversation the query is about, when it names one (lets a synthetic root be found). */
  conversationId?: string;
}

const TERM = /\s*(-?)(?:"([^"]*)"|(\S+))/gy;

/** The query as a matcher, or an error message X-style. */
export function parseSearchQuery(query: string): ParsedSearch | { error: string } {
  const matchers: TweetMatcher[] = [];
  let conversationId: string | undefined;
  let position = 0;
  for (;;) {
    TERM.lastIndex = position;
    const match = TERM.exec(query);
    if (!match) break;
    position = TERM.lastIndex;
    const negate = match[1] === '-';
    const phrase = match[2];
    const word = match[3];
    let matcher: TweetMatcher;
    if (phrase !== undefined) {
      const needle = phrase.toLowerCase();
      matcher = (tweet) => tweet.text.toLowerCase().includes(needle);
    } else {
      const parsed = operator(word!);
      if ('error' in parsed) return parsed;
      matcher = parsed.matcher;
      if (parsed.conversationId && !negate) conversationId = parsed.conversationId;
    }
    matchers.push(negate ? (tweet, context) => !matcher(tweet, context) : matcher);
  }
  if (query.slice(position).trim() !== '') return { error: `There were errors processing your request: Unmatched quote in query (at position ${position + 1})` };
  if (matchers.length === 0) return { error: 'There were errors processing your request: empty query' };
  const result: ParsedSearch = { matches: (tweet, context) => matchers.every((matcher) => matcher(tweet, context)) };
  if (conversationId) result.conversationId = conversationId;
  return result;
}

function operator(word: string): { matcher: TweetMatcher; conversationId?: string } | { error: string } {
  const colon = word.indexOf(':');
  if (word.startsWith('@')) {
    const name = word.slice(1).toLowerCase();
    return { matcher: (tweet) => mentions(tweet.text, name) };
  }
  if (colon <= 0 || word.startsWith('http')) {
    const needle = word.toLowerCase();
    return { matcher: (tweet) => tweet.text.toLowerCase().includes(needle) };
  }
  const name = word.slice(0, colon);
  const value = word.slice(colon + 1);
  const lower = value.toLowerCase();
  switch (name) {
    case 'conversation_id':
      if (!/^[0-9]{1,19}$/.test(value)) return { error: `There were errors processing your request: Invalid value for operator conversation_id: ${value}` };
      return { matcher: (tweet) => tweet.conversation_id === value, conversationId: value };
    case 'in_reply_to_tweet_id':
      return { matcher: (tweet) => tweet.referenced_tweets?.some((reference) => reference.type === 'replied_to' && reference.id === value) ?? false };
    case 'from':
      return { matcher: (tweet, context) => context.user(tweet.author_id)?.username.toLowerCase() === lower || tweet.author_id === value };
    case 'to':
      return {
        matcher: (tweet, context) =>
          tweet.in_reply_to_user_id !== undefined &&
          (context.user(tweet.in_reply_to_user_id)?.username.toLowerCase() === lower || tweet.in_reply_to_user_id === value),
      };
    case 'is':
      if (lower === 'reply') return { matcher: (tweet) => tweet.in_reply_to_user_id !== undefined };
      if (lower === 'retweet' || lower === 'quote') return { matcher: (tweet) => tweet.referenced_tweets?.some((reference) => reference.type === (lower === 'retweet' ? 'retweeted' : 'quoted')) ?? false };
      return { error: `There were errors processing your request: Reference to invalid operator 'is:${value}'` };
    default:
      return { error: `There were errors processing your request: Reference to invalid operator '${name}'. Operator is not available in current product or product packaging.` };
  }
}

/** Whether `text` names @username (case-insensitive, not inside a longer handle or an e-mail address). */
export function mentions(text: string, username: string): boolean {
  const pattern = new RegExp(`(?:^|[^A-Za-z0-9_@])@${username.replace(/[^A-Za-z0-9_]/g, '')}(?![A-Za-z0-9_])`, 'i');
  return pattern.test(text);
}
