/** A Discourse post into a Message. */
import type { Message } from '../core/channel.js';
import type { Post } from './discourse-schemas.js';

export interface PostContext {
  channel: string;
  baseUrl: string;
  apiUsername: string;
  /** What the answer around the post says of its topic, when the post itself does not. */
  topic?: { title?: string; slug?: string; archetype?: string };
  /** The id of the post it answers, when known (a thread maps post numbers to ids). */
  parentId?: string;
}

/**
 * A post someone wrote, not a small action ("closed the topic", "invited @sam"), a moderator action or a
 * staff whisper (Post.types: regular 1, moderator_action 2, small_action 3, whisper 4,
 * https://github.com/discourse/discourse/blob/main/app/models/post.rb). Topics and webhooks carry all
 * four; a bot must neither answer the others nor answer a whisper in public.
 */
export function isRegularPost(post: Pick<Post, 'post_type'>): boolean {
  return post.post_type === undefined || post.post_type === null || post.post_type === 1;
}

/**
 * Async: a post without `raw` (answers that leave it out) is read from its cooked HTML, with the HTML
 * reader loaded by the first such post (a dynamic import(): every read this adapter makes asks for raw).
 */
export async function normalizePost(post: Post, context: PostContext): Promise<Message> {
  const archetype = post.topic_archetype ?? context.topic?.archetype;
  const slug = post.topic_slug ?? context.topic?.slug ?? 'topic';
  const subject = post.topic_title ?? context.topic?.title;
  const message: Message = {
    id: String(post.id),
    channel: context.channel,
    platform: 'discourse',
    kind: archetype === 'private_message' ? 'direct' : post.post_number === 1 ? 'post' : 'reply',
    threadId: String(post.topic_id),
    author: {
      id: post.user_id !== undefined && post.user_id !== null ? String(post.user_id) : post.username,
      handle: post.username,
      isSelf: post.username.toLowerCase() === context.apiUsername.toLowerCase(),
    },
    // The raw Markdown is what the person wrote; cooked HTML is the fallback.
    text: post.raw ?? (await import('../core/html-text.js')).htmlToText(post.cooked),
    html: post.cooked,
    attachments: [],
    createdAt: new Date(post.created_at),
    url: `${context.baseUrl}/t/${slug}/${post.topic_id}/${post.post_number}`,
    raw: post,
  };
  if (post.name) message.author.name = post.name;
  if (post.avatar_template) message.author.avatarUrl = absolute(post.avatar_template.replace('{size}', '96'), context.baseUrl);
  if (subject) message.subject = subject;
  if (context.parentId) message.parentId = context.parentId;
  return message;
}

function absolute(url: string, baseUrl: string): string {
  return /^https?:\/\//.test(url) ? url : `${baseUrl}${url.startsWith('/') ? '' : '/'}${url}`;
}
