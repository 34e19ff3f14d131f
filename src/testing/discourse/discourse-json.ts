/** The emulated forum's posts and topics as Discourse answers them, in every documented field. */
import { fill } from './discourse-fill.js';
import { cook, type Forum, type ForumPost, type ForumTopic } from './discourse-forum.js';
import { DISCOURSE_SHAPES as SHAPES } from './discourse-shapes.js';

const CHUNK_SIZE = 20; // posts in a topic's first answer (post_stream.posts); the rest by id

/** Every value Discourse gives about a post; each answer keeps the fields its shape documents. */
export function postValues(forum: Forum, post: ForumPost, viewer: string): Record<string, unknown> {
  const topic = forum.topics.get(post.topicId)!;
  const user = forum.user(post.username);
  return {
    id: post.id,
    name: user.name,
    username: user.username,
    avatar_template: `/letter_avatar_proxy/v4/letter/${user.username[0]!.toLowerCase()}/e47c2d/{size}.png`,
    created_at: post.createdAt,
    updated_at: post.createdAt,
    cooked: cook(post.raw, forum),
    raw: post.raw,
    excerpt: post.raw.slice(0, 300),
    post_number: post.postNumber,
    post_type: post.postType,
    posts_count: topic.postIds.length,
    // The server sends an integer here; the document says string (see test/discourse/discourse-openapi.test.ts).
    reply_to_post_number: post.replyToPostNumber,
    topic_id: topic.id,
    topic_slug: topic.slug,
    topic_title: topic.title,
    topic_html_title: topic.title,
    category_id: topic.categoryId,
    display_username: user.name,
    version: 1,
    yours: user.username.toLowerCase() === viewer.toLowerCase(),
    user_id: user.id,
    trust_level: 1,
    post_url: `/t/${topic.slug}/${topic.id}/${post.postNumber}`,
  };
}

export function createdPostJson(forum: Forum, post: ForumPost, viewer: string) {
  return fill(SHAPES.createdPost, postValues(forum, post, viewer));
}

export function latestPostsJson(forum: Forum, posts: ForumPost[], viewer: string) {
  return fill(SHAPES.latestPosts, { latest_posts: posts.map((post) => postValues(forum, post, viewer)) });
}

/** GET /private-posts.json (not in the document): the /posts.json post shape under the root `private_posts`. */
export function privatePostsJson(forum: Forum, posts: ForumPost[], viewer: string) {
  return { private_posts: latestPostsJson(forum, posts, viewer).latest_posts };
}

/**
 * `raw` in a topic's posts, for a request with `include_raw` (TopicsController passes it to the post stream's
 * PostSerializer as add_raw); the document's shapes leave it out, so it is added after filling them.
 */
function withRaw(answer: Record<string, unknown>, forum: Forum): Record<string, unknown> {
  for (const post of (answer.post_stream as { posts: Array<Record<string, unknown>> }).posts) post.raw = forum.posts.get(post.id as number)!.raw;
  return answer;
}

export function topicJson(forum: Forum, topic: ForumTopic, viewer: string, includeRaw = false) {
  return includeRaw ? withRaw(topicAnswer(forum, topic, viewer), forum) : topicAnswer(forum, topic, viewer);
}

function topicAnswer(forum: Forum, topic: ForumTopic, viewer: string) {
  const posts = topic.postIds.map((id) => forum.posts.get(id)!);
  const last = posts.at(-1)!;
  const creator = forum.user(posts[0]!.username);
  const lastPoster = forum.user(last.username);
  return fill(SHAPES.topic, {
    post_stream: { posts: posts.slice(0, CHUNK_SIZE).map((post) => postValues(forum, post, viewer)), stream: topic.postIds },
    id: topic.id,
    title: topic.title,
    fancy_title: topic.title,
    posts_count: posts.length,
    created_at: topic.createdAt,
    last_posted_at: last.createdAt,
    visible: true,
    closed: topic.closed,
    // Tags are { id, name, slug } objects on current servers.
    tags: topic.tags.map((name) => ({ id: forum.tagId(name), name, slug: name })),
    archetype: topic.archetype,
    slug: topic.slug,
    category_id: topic.categoryId,
    user_id: creator.id,
    highest_post_number: posts.length,
    chunk_size: CHUNK_SIZE,
    participant_count: new Set(posts.map((post) => post.username)).size,
    details: {
      created_by: { id: creator.id, username: creator.username, name: creator.name, avatar_template: '' },
      last_poster: { id: lastPoster.id, username: lastPoster.username, name: lastPoster.name, avatar_template: '' },
      allowed_users: topic.allowed.map((name) => ({ id: forum.user(name).id, username: forum.user(name).username, name: forum.user(name).name, avatar_template: '' })),
    },
  });
}

export function topicPostsJson(forum: Forum, topic: ForumTopic, posts: ForumPost[], viewer: string, includeRaw = false) {
  const answer = fill(SHAPES.topicPosts, { post_stream: { posts: posts.map((post) => postValues(forum, post, viewer)) }, id: topic.id });
  return includeRaw ? withRaw(answer, forum) : answer;
}

export function privateMessagesJson(forum: Forum, topics: ForumTopic[], viewer: string) {
  const users = new Map<string, Record<string, unknown>>();
  const list = topics.map((topic) => {
    const posts = topic.postIds.map((id) => forum.posts.get(id)!);
    for (const post of posts) {
      const user = forum.user(post.username);
      users.set(user.username, { id: user.id, username: user.username, name: user.name, avatar_template: '' });
    }
    return {
      id: topic.id,
      title: topic.title,
      fancy_title: topic.title,
      slug: topic.slug,
      posts_count: posts.length,
      reply_count: posts.length - 1,
      highest_post_number: posts.length,
      created_at: topic.createdAt,
      last_posted_at: posts.at(-1)!.createdAt,
      bumped: true,
      bumped_at: topic.bumpedAt,
      archetype: topic.archetype,
      visible: true,
      closed: topic.closed,
      last_poster_username: posts.at(-1)!.username,
    };
  });
  return fill(SHAPES.privateMessages, { users: [...users.values()], topic_list: { per_page: 30, topics: list } });
}

/** Notification.types the emulator raises: mentioned 1, replied 2, quoted 3, private_message 6, group_mentioned 15. */
export function notificationsJson(forum: Forum, viewer: string) {
  const user = forum.user(viewer);
  const name = viewer.toLowerCase();
  const mentions = (raw: string, who: string) => new RegExp(`(^|[^\\w@])@${who}(?![\\w-])`, 'i').test(raw);
  const notes = [];
  for (const post of [...forum.posts.values()].sort((a, b) => b.id - a.id)) {
    const topic = forum.topics.get(post.topicId)!;
    if (post.username.toLowerCase() === name || post.postType !== 1 || !forum.canSee(viewer, topic)) continue;
    const parent = post.replyToPostNumber === null ? undefined : topic.postIds.map((id) => forum.posts.get(id)!).find((candidate) => candidate.postNumber === post.replyToPostNumber);
    const type = topic.archetype === 'private_message' ? 6
      : parent?.username.toLowerCase() === name ? 2
      : mentions(post.raw, name) ? 1
      : post.raw.toLowerCase().includes(`[quote="${name}`) ? 3
      : [...forum.groups.entries()].some(([group, members]) => members.has(name) && mentions(post.raw, group)) ? 15
      : undefined;
    if (type === undefined) continue;
    notes.push({ id: post.id, user_id: user.id, notification_type: type, read: false, created_at: post.createdAt, post_number: post.postNumber, topic_id: topic.id, slug: topic.slug, data: { username: post.username } });
    if (notes.length === 60) break;
  }
  return fill(SHAPES.notifications, { notifications: notes, total_rows_notifications: notes.length, seen_notification_id: 0 });
}

/** GET /latest.json: the public topics, most recently active first. */
export function latestTopicsJson(forum: Forum, topics: ForumTopic[]) {
  const list = topics.map((topic) => {
    const posts = topic.postIds.map((id) => forum.posts.get(id)!);
    return { id: topic.id, title: topic.title, fancy_title: topic.title, slug: topic.slug, posts_count: posts.length, reply_count: posts.length - 1, highest_post_number: posts.length, created_at: topic.createdAt, last_posted_at: posts.at(-1)!.createdAt, bumped: true, bumped_at: topic.bumpedAt, archetype: topic.archetype, visible: true, closed: topic.closed, category_id: topic.categoryId, last_poster_username: posts.at(-1)!.username };
  });
  return fill(SHAPES.latestTopics, { topic_list: { per_page: 30, topics: list } });
}
