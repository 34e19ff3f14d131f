/** X posts and DM events (API v2 objects) into Messages. */
import type { Attachment, Author, Message } from '../core/channel.js';
// X sends post text as plain text with &, < and > escaped (https://docs.x.com/x-api/fundamentals/data-dictionary):
// decoded in one pass, and nothing that looks like a tag is touched ("a <b> c" is what the person wrote).
import { decodeBasicEntities } from '../core/html-entities.js';
import type { DmEvent, Includes, Media, Tweet, User } from './twitter-schemas.js';

export interface NormalizeContext {
  channel: string;
  selfId: string;
}

/** Users and media of one answer, by id, for lookups while normalizing its items. */
export class IncludesIndex {
  readonly users = new Map<string, User>();
  readonly media = new Map<string, Media>();

  constructor(includes: Includes) {
    for (const user of includes?.users ?? []) this.users.set(user.id, user);
    for (const media of includes?.media ?? []) this.media.set(media.media_key, media);
  }
}

export function normalizeTweet(tweet: Tweet, index: IncludesIndex, context: NormalizeContext): Message {
  const references = tweet.referenced_tweets ?? tweet.referenced_posts ?? [];
  const parentId = references.find((reference) => reference.type === 'replied_to')?.id;
  const author = toAuthor(tweet.author_id ?? '', index, context);
  const message: Message = {
    id: tweet.id,
    channel: context.channel,
    platform: 'twitter',
    kind: parentId ? 'reply' : 'post',
    threadId: tweet.conversation_id ?? tweet.id,
    author,
    text: decodeBasicEntities(visibleText(tweet)),
    attachments: toAttachments(tweet.attachments?.media_keys, index),
    createdAt: tweet.created_at ? new Date(tweet.created_at) : snowflakeDate(tweet.id),
    url: `https://x.com/${author.handle ?? 'i/web'}/status/${tweet.id}`,
    raw: tweet,
  };
  if (parentId) message.parentId = parentId;
  return message;
}

/**
 * What the author wrote, as X shows it: a long post's whole text (note_tweet), without the
 * @handles X put in front of a reply (display_text_range: [start, end) in code points; `raw` keeps them).
 */
function visibleText(tweet: Tweet): string {
  const note = (tweet.note_tweet ?? tweet.note_post)?.text;
  const range = tweet.display_text_range;
  if (!range || range.length !== 2) return note ?? tweet.text;
  const characters = [...tweet.text];
  if (note === undefined) return characters.slice(range[0], range[1]).join('');
  // A long post's range ends within its first 280: the note goes on to its end, past the same @handles.
  const prefix = characters.slice(0, range[0]).join('');
  return note.startsWith(prefix) ? note.slice(prefix.length) : note;
}

const LEADING_MENTION = /^@(\w{1,15})\s+/;

/**
 * A reply just created, as reads show it: X answers the create with the @handles it put in front
 * (the parent's author's and those the parent's own prefix named), which reads leave out.
 */
export function withoutReplyHandles(text: string, parent: Message): string {
  const raw = parent.raw as Partial<Tweet> | undefined;
  const hidden = [...(raw?.text ?? '')].slice(0, raw?.display_text_range?.[0] ?? 0).join('');
  const handles = new Set([parent.author.handle ?? '', ...[...hidden.matchAll(/@(\w{1,15})/g)].map((match) => match[1]!)].map((handle) => handle.toLowerCase()));
  let rest = text;
  for (let match = LEADING_MENTION.exec(rest); match && handles.has(match[1]!.toLowerCase()); match = LEADING_MENTION.exec(rest)) rest = rest.slice(match[0].length);
  return rest;
}

export function normalizeDmEvent(event: DmEvent, index: IncludesIndex, context: NormalizeContext): Message {
  const conversation = event.dm_conversation_id ?? '';
  return {
    id: event.id,
    channel: context.channel,
    platform: 'twitter',
    kind: 'direct',
    threadId: conversation,
    author: toAuthor(event.sender_id ?? '', index, context),
    text: decodeBasicEntities(event.text ?? ''),
    attachments: toAttachments(event.attachments?.media_keys, index),
    createdAt: event.created_at ? new Date(event.created_at) : snowflakeDate(event.id),
    url: `https://x.com/messages/${conversation}`,
    raw: event,
  };
}

function toAuthor(id: string, index: IncludesIndex, context: NormalizeContext): Author {
  const user = index.users.get(id);
  const author: Author = { id, isSelf: id === context.selfId };
  if (user?.username) author.handle = user.username;
  if (user?.name) author.name = user.name;
  if (user?.profile_image_url) author.avatarUrl = user.profile_image_url;
  return author;
}

const MEDIA_KINDS: Record<string, Attachment['kind']> = { photo: 'image', video: 'video', animated_gif: 'video' };

function toAttachments(keys: readonly string[] | null | undefined, index: IncludesIndex): Attachment[] {
  if (!keys?.length) return [];
  return keys.map((key) => {
    const media = index.media.get(key);
    const attachment: Attachment = { kind: MEDIA_KINDS[media?.type ?? ''] ?? 'file' };
    const url = media?.url ?? media?.preview_image_url;
    if (url) attachment.url = url;
    return attachment;
  });
}

// An X id is a snowflake: its top bits are milliseconds since 2010-11-04T01:42:54.657Z.
const TWITTER_EPOCH = 1288834974657n;

export function snowflakeDate(id: string): Date {
  try {
    return new Date(Number((BigInt(id) >> 22n) + TWITTER_EPOCH));
  } catch {
    return new Date(0);
  }
}
