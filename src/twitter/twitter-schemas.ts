/**
 * Minimal zod schemas of the X API v2 answers this adapter reads: only the fields it uses, nullish
 * where X omits or nulls them. Both spellings are accepted: the classic `tweet.fields` names
 * (`referenced_tweets`, `includes.tweets`) and the newer `post` names (`referenced_posts`, `includes.posts`).
 * Source: xdevplatform/xdk latest-openapi.json (components Tweet, User, Media, DmEvent, Problem).
 * zod/mini keeps the browser bundle small; the rules are the same as zod's.
 */
import * as z from 'zod/mini';
import { compiledObject } from '../core/compiled-object.js';

const text = z.string();
const maybe = <T extends z.ZodMiniType>(schema: T) => z.nullish(schema);
const reference = compiledObject({ type: text, id: text });
const mediaKeys = maybe(z.object({ media_keys: maybe(z.array(text)) }));
const linkEntities = maybe(z.array(z.object({ url: maybe(text), expanded_url: maybe(text) })));
const note = maybe(z.object({ text, entities: maybe(z.object({ urls: linkEntities })) }));

export const tweetSchema = compiledObject({
  id: text,
  text,
  author_id: maybe(text),
  conversation_id: maybe(text),
  created_at: maybe(text),
  in_reply_to_user_id: maybe(text),
  referenced_tweets: maybe(z.array(reference)),
  referenced_posts: maybe(z.array(reference)),
  attachments: mediaKeys,
  // Stored text (Post.display_text_range, entities.urls, note_tweet / note_post of the newer spelling).
  display_text_range: maybe(z.array(z.number())),
  entities: maybe(z.object({ urls: linkEntities })),
  note_tweet: note,
  note_post: note,
});
export type Tweet = z.infer<typeof tweetSchema>;

export const userSchema = compiledObject({ id: text, username: text, name: maybe(text), profile_image_url: maybe(text) });
export type User = z.infer<typeof userSchema>;

export const mediaSchema = compiledObject({ media_key: text, type: text, url: maybe(text), preview_image_url: maybe(text) });
export type Media = z.infer<typeof mediaSchema>;

export const includesSchema = maybe(
  z.object({
    users: maybe(z.array(userSchema)),
    media: maybe(z.array(mediaSchema)),
    tweets: maybe(z.array(tweetSchema)),
    posts: maybe(z.array(tweetSchema)),
  }),
);
export type Includes = z.infer<typeof includesSchema>;

/** A partial error beside (or instead of) `data`, e.g. resource-not-found. */
const partialErrors = maybe(z.array(z.object({ type: maybe(text), title: maybe(text), detail: maybe(text), message: maybe(text) })));

const meta = maybe(
  z.object({ result_count: maybe(z.number()), newest_id: maybe(text), oldest_id: maybe(text), next_token: maybe(text) }),
);

/** Mentions, search, a user's posts: `data` is absent when there are no results. */
export const tweetListSchema = z.object({ data: maybe(z.array(tweetSchema)), includes: includesSchema, meta, errors: partialErrors });
export type TweetList = z.infer<typeof tweetListSchema>;

export const tweetLookupSchema = z.object({ data: maybe(tweetSchema), includes: includesSchema, errors: partialErrors });

export const createTweetSchema = z.object({ data: z.object({ id: text, text }) });

export const meSchema = z.object({ data: userSchema });

/** GET /2/users/by/username/{username}: `data`, or only `errors` when there is no such user. */
export const userLookupSchema = z.object({ data: maybe(userSchema), errors: partialErrors });

export const dmEventSchema = z.object({
  id: text,
  event_type: text,
  text: maybe(text),
  created_at: maybe(text),
  sender_id: maybe(text),
  dm_conversation_id: maybe(text),
  attachments: mediaKeys,
});
export type DmEvent = z.infer<typeof dmEventSchema>;

export const dmEventListSchema = z.object({ data: maybe(z.array(dmEventSchema)), includes: includesSchema, meta, errors: partialErrors });
export type DmEventList = z.infer<typeof dmEventListSchema>;

export const createDmSchema = z.object({ data: z.object({ dm_conversation_id: text, dm_event_id: text }) });

/** X errors: problem+json, or the older `{ errors: [{ message, code }] }`. */
export const problemSchema = z.object({
  title: maybe(text),
  detail: maybe(text),
  type: maybe(text),
  status: maybe(z.number()),
  reason: maybe(text),
  errors: maybe(z.array(z.looseObject({ message: maybe(text), code: maybe(z.number()) }))),
});
