/**
 * Minimal zod schemas of the X API v2 answers this adapter reads: only the fields it uses, `.nullish()`
 * where X omits or nulls them. Both spellings are accepted: the classic `tweet.fields` names
 * (`referenced_tweets`, `includes.tweets`) and the newer `post` names (`referenced_posts`, `includes.posts`).
 * Source: xdevplatform/xdk latest-openapi.json (components Tweet, User, Media, DmEvent, Problem).
 */
import { z } from 'zod';

const reference = z.object({ type: z.string(), id: z.string() });

export const tweetSchema = z.object({
  id: z.string(),
  text: z.string(),
  author_id: z.string().nullish(),
  conversation_id: z.string().nullish(),
  created_at: z.string().nullish(),
  in_reply_to_user_id: z.string().nullish(),
  referenced_tweets: z.array(reference).nullish(),
  referenced_posts: z.array(reference).nullish(),
  attachments: z.object({ media_keys: z.array(z.string()).nullish() }).nullish(),
});
export type Tweet = z.infer<typeof tweetSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string().nullish(),
  profile_image_url: z.string().nullish(),
});
export type User = z.infer<typeof userSchema>;

export const mediaSchema = z.object({
  media_key: z.string(),
  type: z.string(),
  url: z.string().nullish(),
  preview_image_url: z.string().nullish(),
});
export type Media = z.infer<typeof mediaSchema>;

export const includesSchema = z
  .object({
    users: z.array(userSchema).nullish(),
    media: z.array(mediaSchema).nullish(),
    tweets: z.array(tweetSchema).nullish(),
    posts: z.array(tweetSchema).nullish(),
  })
  .nullish();
export type Includes = z.infer<typeof includesSchema>;

/** A partial error beside (or instead of) `data`, e.g. resource-not-found. */
const partialError = z.object({
  type: z.string().nullish(),
  title: z.string().nullish(),
  detail: z.string().nullish(),
  message: z.string().nullish(),
});

const meta = z
  .object({
    result_count: z.number().nullish(),
    newest_id: z.string().nullish(),
    oldest_id: z.string().nullish(),
    next_token: z.string().nullish(),
  })
  .nullish();

/** Mentions, search, a user's posts: `data` is absent when there are no results. */
export const tweetListSchema = z.object({
  data: z.array(tweetSchema).nullish(),
  includes: includesSchema,
  meta,
  errors: z.array(partialError).nullish(),
});
export type TweetList = z.infer<typeof tweetListSchema>;

export const tweetLookupSchema = z.object({
  data: tweetSchema.nullish(),
  includes: includesSchema,
  errors: z.array(partialError).nullish(),
});

export const createTweetSchema = z.object({
  data: z.object({ id: z.string(), text: z.string() }),
});

export const meSchema = z.object({ data: userSchema });

export const dmEventSchema = z.object({
  id: z.string(),
  event_type: z.string(),
  text: z.string().nullish(),
  created_at: z.string().nullish(),
  sender_id: z.string().nullish(),
  dm_conversation_id: z.string().nullish(),
  attachments: z.object({ media_keys: z.array(z.string()).nullish() }).nullish(),
});
export type DmEvent = z.infer<typeof dmEventSchema>;

export const dmEventListSchema = z.object({
  data: z.array(dmEventSchema).nullish(),
  includes: includesSchema,
  meta,
  errors: z.array(partialError).nullish(),
});
export type DmEventList = z.infer<typeof dmEventListSchema>;

export const createDmSchema = z.object({
  data: z.object({ dm_conversation_id: z.string(), dm_event_id: z.string() }),
});

/** X errors: problem+json, or the older `{ errors: [{ message, code }] }`. */
export const problemSchema = z.object({
  title: z.string().nullish(),
  detail: z.string().nullish(),
  type: z.string().nullish(),
  status: z.number().nullish(),
  reason: z.string().nullish(),
  errors: z.array(z.object({ message: z.string().nullish(), code: z.number().nullish() }).loose()).nullish(),
});
