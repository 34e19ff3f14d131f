/**
 * The fields and expansions every read asks for: without them X answers only id and text
 * (https://docs.x.com/x-api/fundamentals/fields). The classic names are sent (`tweet.fields`, `referenced_tweets`):
 * X's newest document renames them (`post.fields`, `referenced_posts`), but the classic ones are still served.
 */
export const TWEET_QUERY = {
  // display_text_range, entities and note_tweet: what X stores differs from what was written (normalize-tweet.ts).
  'tweet.fields': 'author_id,conversation_id,created_at,in_reply_to_user_id,referenced_tweets,attachments,display_text_range,entities,note_tweet',
  expansions: 'author_id,attachments.media_keys',
  'user.fields': 'username,name,profile_image_url',
  'media.fields': 'type,url,preview_image_url',
} as const;

export const DM_QUERY = {
  'dm_event.fields': 'id,text,event_type,created_at,sender_id,dm_conversation_id,attachments',
  event_types: 'MessageCreate',
  expansions: 'sender_id,attachments.media_keys',
  'user.fields': 'username,name,profile_image_url',
  'media.fields': 'type,url,preview_image_url',
} as const;

/** Bucket names: one per endpoint template, as X counts them (https://docs.x.com/x-api/fundamentals/rate-limits). */
export const BUCKETS = {
  me: 'GET /2/users/me',
  createTweet: 'POST /2/tweets',
  /** The 24-hour user cap on posting, reported in x-user-limit-24hour-*. */
  createTweetDaily: 'POST /2/tweets (24 hours)',
  lookup: 'GET /2/tweets/:id',
  mentions: 'GET /2/users/:id/mentions',
  userTweets: 'GET /2/users/:id/tweets',
  search: 'GET /2/tweets/search/recent',
  createDm: 'POST /2/dm_conversations/with/:participant_id/messages',
  dmEvents: 'GET /2/dm_events',
  conversationEvents: 'GET /2/dm_conversations/:id/dm_events',
  createGroupDm: 'POST /2/dm_conversations',
  conversationDm: 'POST /2/dm_conversations/:dm_conversation_id/messages',
  userByUsername: 'GET /2/users/by/username/:username',
  mediaUpload: 'POST /2/media/upload',
  mediaStatus: 'GET /2/media/upload',
} as const;
