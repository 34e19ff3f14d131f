/**
 * Strict query validation, as X does it: an unknown parameter, a value outside its enum or pattern,
 * or max_results out of range is a 400 invalid-request naming the parameter. Parameter names, enums,
 * patterns and ranges are those of xdevplatform/xdk latest-openapi.json (spec 2.159, classic names):
 * paths /2/users/{id}/mentions, /2/tweets/search/recent, /2/dm_events, components/parameters.
 */
import { invalidRequest, type InvalidParameter, type Problem } from './twitter-emulator-problems.js';

export const TWEET_FIELDS = [
  'article', 'attachments', 'author_id', 'card_uri', 'community_id', 'context_annotations', 'conversation_id', 'created_at',
  'display_text_range', 'edit_controls', 'edit_history_tweet_ids', 'entities', 'geo', 'id', 'in_reply_to_user_id', 'lang',
  'media_metadata', 'non_public_metrics', 'note_tweet', 'organic_metrics', 'possibly_sensitive', 'promoted_metrics',
  'public_metrics', 'referenced_tweets', 'reply_settings', 'scopes', 'source', 'suggested_source_links',
  'suggested_source_links_with_counts', 'text', 'withheld',
] as const;
export const TWEET_EXPANSIONS = [
  'article.cover_media', 'article.media_entities', 'attachments.media_keys', 'attachments.media_source_tweet', 'attachments.poll_ids',
  'author_id', 'edit_history_tweet_ids', 'entities.mentions.username', 'geo.place_id', 'in_reply_to_user_id',
  'entities.note.mentions.username', 'referenced_tweets.id', 'referenced_tweets.id.attachments.media_keys', 'referenced_tweets.id.author_id',
] as const;
export const USER_FIELDS = [
  'affiliation', 'confirmed_email', 'connection_status', 'created_at', 'description', 'entities', 'id', 'is_identity_verified',
  'location', 'most_recent_tweet_id', 'name', 'parody', 'pinned_tweet_id', 'profile_banner_url', 'profile_image_url', 'protected',
  'public_metrics', 'receives_your_dm', 'subscription', 'subscription_type', 'url', 'username', 'verified', 'verified_followers_count',
  'verified_type', 'withheld',
] as const;
export const USER_EXPANSIONS = ['affiliation.user_id', 'most_recent_tweet_id', 'pinned_tweet_id'] as const;
export const MEDIA_FIELDS = [
  'alt_text', 'duration_ms', 'height', 'media_key', 'non_public_metrics', 'organic_metrics', 'preview_image_url', 'promoted_metrics',
  'public_metrics', 'type', 'url', 'variants', 'width',
] as const;
export const POLL_FIELDS = ['duration_minutes', 'end_datetime', 'id', 'options', 'voting_status'] as const;
export const PLACE_FIELDS = ['contained_within', 'country', 'country_code', 'full_name', 'geo', 'id', 'name', 'place_type'] as const;
export const DM_EVENT_FIELDS = [
  'attachments', 'created_at', 'dm_conversation_id', 'entities', 'event_type', 'id', 'participant_ids', 'referenced_tweets', 'sender_id', 'text',
] as const;
export const DM_EXPANSIONS = ['attachments.media_keys', 'participant_ids', 'referenced_tweets.id', 'sender_id'] as const;
export const DM_EVENT_TYPES = ['MessageCreate', 'ParticipantsJoin', 'ParticipantsLeave'] as const;

export type ParamRule =
  | { kind: 'id' } // ^[0-9]{1,19}$
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'time' } // RFC 3339 date-time
  | { kind: 'string'; minLength: number; maxLength?: number }
  | { kind: 'list'; values: readonly string[] } // comma-separated, at least one, each from the enum
  | { kind: 'enum'; values: readonly string[] };

export type ParamValue = string | number | string[];
export type ParsedQuery = Record<string, ParamValue | undefined>;

const ID = /^[0-9]{1,19}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

/** The query, checked against `rules`; a 400 problem for the first batch of bad parameters. */
export function parseQuery(url: URL, rules: Record<string, ParamRule>, required: string[] = []): { query: ParsedQuery } | { problem: Problem } {
  const errors: InvalidParameter[] = [];
  const names = [...new Set(url.searchParams.keys())];
  const unknown = names.filter((name) => !(name in rules));
  if (unknown.length > 0) {
    errors.push({
      parameter: unknown[0]!,
      values: unknown.map((name) => url.searchParams.get(name) ?? ''),
      message: `The query parameters [${unknown.join(',')}] is not one of [${Object.keys(rules).join(',')}]`,
    });
  }
  const query: ParsedQuery = {};
  for (const [name, rule] of Object.entries(rules)) {
    const all = url.searchParams.getAll(name);
    if (all.length === 0) {
      if (required.includes(name)) errors.push({ parameter: name, values: [], message: `The \`${name}\` query parameter can not be empty` });
      continue;
    }
    if (all.length > 1) {
      errors.push({ parameter: name, values: all, message: `Duplicate parameters are not allowed: the \`${name}\` query parameter` });
      continue;
    }
    const checked = check(name, all[0]!, rule);
    if (typeof checked === 'object' && 'message' in checked) errors.push(checked);
    else query[name] = checked;
  }
  return errors.length > 0 ? { problem: invalidRequest(errors) } : { query };
}

function check(name: string, raw: string, rule: ParamRule): ParamValue | InvalidParameter {
  const invalid = (message: string): InvalidParameter => ({ parameter: name, values: [raw], message });
  switch (rule.kind) {
    case 'id':
      return ID.test(raw) ? raw : invalid(`The \`${name}\` query parameter value [${raw}] is not valid`);
    case 'integer': {
      const value = Number(raw);
      if (!/^-?\d+$/.test(raw) || value < rule.min || value > rule.max) {
        return invalid(`The \`${name}\` query parameter value [${raw}] is not between ${rule.min} and ${rule.max}`);
      }
      return value;
    }
    case 'time':
      return DATE_TIME.test(raw) && !Number.isNaN(Date.parse(raw)) ? raw : invalid(`The \`${name}\` query parameter value [${raw}] is not a valid RFC3339 date-time`);
    case 'string':
      if (raw.length < rule.minLength) return invalid(`The \`${name}\` query parameter value [${raw}] is too short (at least ${rule.minLength} characters)`);
      if (rule.maxLength !== undefined && raw.length > rule.maxLength) return invalid(`The \`${name}\` query parameter value [${raw}] is too long (at most ${rule.maxLength} characters)`);
      return raw;
    case 'enum':
      return rule.values.includes(raw) ? raw : invalid(`The \`${name}\` query parameter value [${raw}] is not one of [${rule.values.join(',')}]`);
    case 'list': {
      const items = raw.split(',');
      const bad = items.filter((item) => !rule.values.includes(item));
      if (raw === '' || bad.length > 0) return invalid(`The \`${name}\` query parameter value [${bad.join(',') || raw}] is not one of [${rule.values.join(',')}]`);
      return [...new Set(items)];
    }
  }
}

/** The fields, expansions and paging parameters every post timeline takes (mentions, a user's posts). */
export const TWEET_OBJECT_PARAMS: Record<string, ParamRule> = {
  'tweet.fields': { kind: 'list', values: TWEET_FIELDS },
  expansions: { kind: 'list', values: TWEET_EXPANSIONS },
  'media.fields': { kind: 'list', values: MEDIA_FIELDS },
  'poll.fields': { kind: 'list', values: POLL_FIELDS },
  'user.fields': { kind: 'list', values: USER_FIELDS },
  'place.fields': { kind: 'list', values: PLACE_FIELDS },
};

export const TIMELINE_PARAMS: Record<string, ParamRule> = {
  since_id: { kind: 'id' },
  until_id: { kind: 'id' },
  max_results: { kind: 'integer', min: 5, max: 100 },
  pagination_token: { kind: 'string', minLength: 1 },
  start_time: { kind: 'time' },
  end_time: { kind: 'time' },
  ...TWEET_OBJECT_PARAMS,
};

export const USER_TWEETS_PARAMS: Record<string, ParamRule> = {
  ...TIMELINE_PARAMS,
  exclude: { kind: 'list', values: ['replies', 'retweets'] },
};

export const SEARCH_PARAMS: Record<string, ParamRule> = {
  // 512 characters on the self-serve tiers (https://docs.x.com/x-api/fundamentals/rate-limits, recent search notes).
  query: { kind: 'string', minLength: 1, maxLength: 512 },
  start_time: { kind: 'time' },
  end_time: { kind: 'time' },
  since_id: { kind: 'id' },
  until_id: { kind: 'id' },
  max_results: { kind: 'integer', min: 10, max: 100 },
  next_token: { kind: 'string', minLength: 1 },
  pagination_token: { kind: 'string', minLength: 1 },
  sort_order: { kind: 'enum', values: ['recency', 'relevancy'] },
  ...TWEET_OBJECT_PARAMS,
};

export const DM_EVENTS_PARAMS: Record<string, ParamRule> = {
  max_results: { kind: 'integer', min: 1, max: 100 },
  pagination_token: { kind: 'string', minLength: 16 },
  event_types: { kind: 'list', values: DM_EVENT_TYPES },
  'dm_event.fields': { kind: 'list', values: DM_EVENT_FIELDS },
  expansions: { kind: 'list', values: DM_EXPANSIONS },
  'media.fields': { kind: 'list', values: MEDIA_FIELDS },
  'user.fields': { kind: 'list', values: USER_FIELDS },
  'tweet.fields': { kind: 'list', values: TWEET_FIELDS },
};

export const LOOKUP_PARAMS: Record<string, ParamRule> = TWEET_OBJECT_PARAMS;

export const ME_PARAMS: Record<string, ParamRule> = {
  'user.fields': { kind: 'list', values: USER_FIELDS },
  expansions: { kind: 'list', values: USER_EXPANSIONS },
  'tweet.fields': { kind: 'list', values: TWEET_FIELDS },
};

/**
 * With `spelling: 'posts'` the emulator also takes the newer names (X's OpenAPI document, version 2.167:
 * `post.fields`, expansion `referenced_posts`, field `referenced_posts`/`edit_history_post_ids`) for the classic ones.
 */
export function withPostSpelling(rules: Record<string, ParamRule>): Record<string, ParamRule> {
  const result: Record<string, ParamRule> = { ...rules };
  const widen = (rule: ParamRule | undefined, extra: string[]): ParamRule | undefined =>
    rule && rule.kind === 'list' ? { kind: 'list', values: [...rule.values, ...extra] } : rule;
  if (rules['tweet.fields']) result['post.fields'] = widen(rules['tweet.fields'], ['referenced_posts', 'edit_history_post_ids'])!;
  if (rules['tweet.fields']) result['tweet.fields'] = widen(rules['tweet.fields'], ['referenced_posts', 'edit_history_post_ids'])!;
  if (rules['dm_event.fields']) result['dm_event.fields'] = widen(rules['dm_event.fields'], ['referenced_posts'])!;
  if (rules.expansions) result.expansions = widen(rules.expansions, ['referenced_posts', 'referenced_posts.id', 'edit_history_post_ids'])!;
  return result;
}

/** The newer names mapped back to the classic ones, so the rest of the emulator sees one spelling. */
export function classicNames(values: string[] | undefined, kind: 'fields' | 'expansions'): string[] | undefined {
  const renames: Record<string, string> =
    kind === 'fields'
      ? { referenced_posts: 'referenced_tweets', edit_history_post_ids: 'edit_history_tweet_ids' }
      : { referenced_posts: 'referenced_tweets.id', 'referenced_posts.id': 'referenced_tweets.id', edit_history_post_ids: 'edit_history_tweet_ids' };
  return values?.map((value) => renames[value] ?? value);
}
