/** The emulated forum's users, topics and posts. */

export interface ForumUser {
  id: number;
  username: string;
  name: string;
  /** 0 new … 4 leader; staff may do everything. */
  trustLevel: number;
  staff: boolean;
}

export interface ForumTopic {
  id: number;
  title: string;
  slug: string;
  categoryId: number;
  archetype: 'regular' | 'private_message';
  /** Who may read a private message. */
  allowed: string[];
  /** Groups whose members may read it (a message to @support lands in the group's inbox). */
  allowedGroups: string[];
  postIds: number[];
  createdAt: string;
  bumpedAt: string;
  /** A closed topic takes no more replies (but from staff). */
  closed: boolean;
  tags: string[];
}

export interface ForumPost {
  id: number;
  topicId: number;
  postNumber: number;
  username: string;
  raw: string;
  createdAt: string;
  replyToPostNumber: number | null;
  /** Post.types: 1 regular, 2 moderator action, 3 small action ("closed the topic"), 4 whisper. */
  postType: number;
}

export class Forum {
  readonly users = new Map<string, ForumUser>();
  readonly topics = new Map<number, ForumTopic>();
  readonly posts = new Map<number, ForumPost>();
  /** Categories where only staff may open topics (the others may read and reply). */
  readonly restrictedCategories = new Set<number>();
  /** min_trust_to_send_messages (personal_message_enabled_groups trust_level_1 today). */
  minTrustToSendMessages = 1;
  /** The length settings, Discourse's defaults (config/site_settings.yml) unless a test changes them. */
  readonly settings = {
    min_post_length: 20,
    min_first_post_length: 20,
    min_personal_message_post_length: 10,
    min_topic_title_length: 15,
    max_topic_title_length: 255,
    min_personal_message_title_length: 2,
    max_post_length: 32_000,
    max_consecutive_replies: 3,
    /** Posts of users below this trust level wait for a moderator (0: none do). */
    approve_unless_trust_level: 0,
  };
  readonly pending: Array<{ id: number; username: string; raw: string }> = [];
  #nextUser = 1;
  #nextTopic = 1;
  #nextPost = 1;
  #lastTime = 0;

  user(username: string, name = username): ForumUser {
    let user = this.users.get(username.toLowerCase());
    if (!user) {
      user = { id: this.#nextUser++, username, name, trustLevel: 1, staff: false };
      this.users.set(username.toLowerCase(), user);
    }
    return user;
  }

  createTopic(input: { by: string; title: string; raw: string; categoryId?: number; privateTo?: string[]; privateToGroups?: string[]; tags?: string[] }): ForumPost {
    const at = this.#now();
    const topic: ForumTopic = {
      id: this.#nextTopic++,
      title: input.title,
      slug: slugify(input.title),
      categoryId: input.categoryId ?? 1,
      archetype: input.privateTo || input.privateToGroups ? 'private_message' : 'regular',
      allowed: input.privateTo || input.privateToGroups ? [input.by, ...(input.privateTo ?? [])].map((name) => name.toLowerCase()) : [],
      allowedGroups: (input.privateToGroups ?? []).map((name) => name.toLowerCase()),
      postIds: [],
      createdAt: at,
      bumpedAt: at,
      closed: false,
      tags: input.tags ?? [],
    };
    this.topics.set(topic.id, topic);
    return this.createPost({ by: input.by, topicId: topic.id, raw: input.raw });
  }

  createPost(input: { by: string; topicId: number; raw: string; replyToPostNumber?: number | undefined; postType?: number }): ForumPost {
    this.user(input.by);
    const topic = this.topics.get(input.topicId)!;
    const post: ForumPost = {
      id: this.#nextPost++,
      topicId: topic.id,
      postNumber: topic.postIds.length + 1,
      username: input.by,
      raw: input.raw,
      createdAt: this.#now(),
      replyToPostNumber: input.replyToPostNumber ?? null,
      postType: input.postType ?? 1,
    };
    this.posts.set(post.id, post);
    topic.postIds.push(post.id);
    topic.bumpedAt = post.createdAt;
    return post;
  }

  canSee(username: string, topic: ForumTopic): boolean {
    return topic.archetype === 'regular' || topic.allowed.includes(username.toLowerCase()) || topic.allowedGroups.some((group) => this.inGroup(username, group));
  }

  /** Group members by group name (lower case). */
  readonly groups = new Map<string, Set<string>>();

  readonly #tagIds = new Map<string, number>();

  tagId(name: string): number {
    if (!this.#tagIds.has(name)) this.#tagIds.set(name, this.#tagIds.size + 1);
    return this.#tagIds.get(name)!;
  }

  inGroup(username: string, group: string): boolean {
    return this.groups.get(group.toLowerCase())?.has(username.toLowerCase()) ?? false;
  }

  // Strictly increasing times, so order by time is order by id.
  #now(): string {
    this.#lastTime = Math.max(Date.now(), this.#lastTime + 1);
    return new Date(this.#lastTime).toISOString();
  }
}

export function slugify(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'topic';
}

/**
 * Discourse's cooked HTML (its markdown-it pipeline, PrettyText), simplified to what posts carry most:
 * paragraphs, line breaks, escaping, emphasis, links, images, @mentions of users and groups
 * (`<a class="mention">`), [quote] blocks (`<aside class="quote">` with the quoted name above a
 * blockquote), emoji (`<img class="emoji">` with the :shortcode: as alt) and a bare link on its own
 * line, the onebox before its preview is fetched (`<a class="onebox">`).
 */
export function cook(raw: string, forum?: Forum): string {
  if (raw.trim() === '') return ''; // a small action's post
  const blocks: string[] = [];
  const rest = raw.replace(/\[quote="([^",\]]+)(?:, post:(\d+), topic:(\d+))?"\]\n?([\s\S]*?)\n?\[\/quote\]/g, (_all, name: string, post?: string, topic?: string, body?: string) => {
    const where = post && topic ? ` data-post="${post}" data-topic="${topic}"` : '';
    blocks.push(
      `<aside class="quote no-group" data-username="${escape(name)}"${where}>\n<div class="title">\n<div class="quote-controls"></div>\n${escape(name)}:</div>\n<blockquote>\n${paragraphs(body ?? '', forum)}\n</blockquote>\n</aside>`,
    );
    return `\n\n\u0000${blocks.length - 1}\u0000\n\n`;
  });
  return rest
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => {
      const block = /^\u0000(\d+)\u0000$/.exec(paragraph);
      return block ? blocks[Number(block[1])]! : paragraphs(paragraph, forum);
    })
    .join('\n');
}

function paragraphs(text: string, forum: Forum | undefined): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => {
      if (/^https?:\/\/\S+$/.test(paragraph.trim())) {
        const url = escape(paragraph.trim());
        return `<p><a href="${url}" class="onebox" target="_blank" rel="noopener nofollow ugc">${url}</a></p>`;
      }
      return `<p>${inline(escape(paragraph), forum).replace(/\n/g, '<br>\n')}</p>`;
    })
    .join('\n');
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Markdown emphasis as Discourse cooks it (markdown-it): **strong**, *em* and _em_; images, links, mentions, emoji. */
function inline(text: string, forum: Forum | undefined): string {
  return text
    .replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, '<img src="$2" alt="$1">')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\*\*(\S(?:.*?\S)?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*(\S(?:.*?\S)?)\*(?!\w)/g, '$1<em>$2</em>')
    .replace(/(^|\W)_(\S(?:.*?\S)?)_(?!\w)/g, '$1<em>$2</em>')
    .replace(/(^|[^\w@/])@([\w.-]*\w)/g, (all, before: string, name: string) => {
      if (forum?.users.has(name.toLowerCase())) return `${before}<a class="mention" href="/u/${name.toLowerCase()}">@${name}</a>`;
      if (forum?.groups.has(name.toLowerCase())) return `${before}<a class="mention-group" href="/groups/${name.toLowerCase()}">@${name}</a>`;
      return all;
    })
    .replace(/(^|[\s>(]):([a-z0-9_+-]+):(?=$|[\s<.,!?)])/g, '$1<img src="/images/emoji/twitter/$2.png?v=12" title=":$2:" class="emoji" alt=":$2:" loading="lazy" width="20" height="20">');
}
