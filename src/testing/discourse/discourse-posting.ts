/**
 * What POST /posts.json accepts, with Discourse's refusals: unknown or missing parameters (400,
 * the document's request schema has additionalProperties false), and the posting rules of the
 * site settings (422 `errors`; Discourse's defaults in Forum.settings): min_topic_title_length,
 * max_topic_title_length, min_personal_message_title_length, min_post_length, min_first_post_length,
 * min_personal_message_post_length, max_post_length, and
 * unique_posts_mins 5 ("Body is too similar to what you recently posted"), max_consecutive_replies 3. Unknown
 * parameters are dropped (strong parameters), not refused. The Guardian's refusals are
 * 403 `invalid_access` (Discourse::InvalidAccess, lib/guardian/topic_guardian.rb): a category where the
 * account may not open topics, a closed topic (but for staff), private messages below
 * min_trust_to_send_messages.
 */
import { parseJson } from '../../core/json.js';
import { invalidAccess, invalidParameters, notFound } from './discourse-answers.js';
import type { Forum } from './discourse-forum.js';

const ACCEPTED = new Set(['title', 'raw', 'topic_id', 'category', 'target_recipients', 'target_usernames', 'archetype', 'created_at', 'reply_to_post_number', 'embed_url', 'external_id', 'auto_track']);
const UNIQUE_POSTS_MS = 5 * 60 * 1000;

export interface PostInput {
  raw: string;
  title?: string;
  topicId?: number;
  replyToPostNumber?: number;
  categoryId?: number;
  privateTo?: string[];
}

export function readPostRequest(forum: Forum, username: string, text: string): { input: PostInput } | { response: Response } {
  const parsed = parseJson(text);
  if (typeof parsed !== 'object' || parsed === null) return { response: invalidParameters('raw') };
  const body = parsed as Record<string, unknown>;
  // Parameters PostsController does not permit are dropped, as Rails' strong parameters drop them, not refused.
  for (const key of Object.keys(body)) if (!ACCEPTED.has(key)) delete body[key];
  if (typeof body.raw !== 'string' || body.raw.trim() === '') return { response: invalidParameters('raw') };
  const raw = body.raw;
  const errors: string[] = [];
  const input: PostInput = { raw };
  const user = forum.user(username);
  const settings = forum.settings;
  if (raw.trim().length > settings.max_post_length) errors.push(`Body is too long (maximum is ${settings.max_post_length} characters)`);

  if (body.topic_id !== undefined) {
    const topic = typeof body.topic_id === 'number' ? forum.topics.get(body.topic_id) : undefined;
    if (!topic || !forum.canSee(username, topic)) return { response: notFound() };
    if (topic.closed && !user.staff) return { response: invalidAccess() };
    input.topicId = topic.id;
    if (typeof body.reply_to_post_number === 'number') input.replyToPostNumber = body.reply_to_post_number;
    minimum(errors, 'Body', raw, topic.archetype === 'private_message' ? settings.min_personal_message_post_length : settings.min_post_length);
    // max_consecutive_replies (PostValidator): no more than that many posts in a row by one user in a topic.
    const last = topic.postIds.slice(-settings.max_consecutive_replies).map((id) => forum.posts.get(id)!);
    const inARow = last.length === settings.max_consecutive_replies && last.every((post) => post.username.toLowerCase() === username.toLowerCase());
    if (topic.archetype === 'regular' && !user.staff && settings.max_consecutive_replies > 0 && inARow) {
      errors.push(`You can’t post more than ${settings.max_consecutive_replies} consecutive replies. Edit your last reply instead, or wait for someone to answer.`);
    }
  } else if (body.archetype === 'private_message') {
    if (!user.staff && user.trustLevel < forum.minTrustToSendMessages) return { response: invalidAccess() };
    const recipients = typeof body.target_recipients === 'string' ? body.target_recipients.split(',').map((name) => name.trim()).filter(Boolean) : [];
    const missing = recipients.filter((name) => !forum.users.has(name.toLowerCase()));
    if (recipients.length === 0) errors.push('You must choose a valid user.');
    if (missing.length > 0) errors.push(`The following usernames are not valid: ${missing.join(', ')}`);
    minimum(errors, 'Title', String(body.title ?? ''), settings.min_personal_message_title_length);
    minimum(errors, 'Body', raw, settings.min_personal_message_post_length);
    input.title = String(body.title ?? '');
    input.privateTo = recipients;
  } else {
    if (typeof body.title !== 'string' || body.title.trim() === '') errors.push("Title can't be blank");
    else minimum(errors, 'Title', body.title, settings.min_topic_title_length);
    if (typeof body.title === 'string' && body.title.trim().length > settings.max_topic_title_length) errors.push(`Title is too long (maximum is ${settings.max_topic_title_length} characters)`);
    minimum(errors, 'Body', raw, settings.min_first_post_length);
    input.title = String(body.title ?? '');
    if (typeof body.category === 'number') input.categoryId = body.category;
    if (input.categoryId !== undefined && forum.restrictedCategories.has(input.categoryId) && !user.staff) return { response: invalidAccess() };
  }
  const since = Date.now() - UNIQUE_POSTS_MS;
  const recent = [...forum.posts.values()].some((post) => post.username.toLowerCase() === username.toLowerCase() && post.raw.trim() === raw.trim() && Date.parse(post.createdAt) > since);
  if (recent) errors.push('Body is too similar to what you recently posted');
  if (errors.length > 0) return { response: Response.json({ action: 'create_post', errors }, { status: 422 }) };
  return { input };
}

function minimum(errors: string[], field: string, value: string, length: number): void {
  if (value.trim().length < length) errors.push(`${field} is too short (minimum is ${length} characters)`);
}
