/**
 * recover() after an interrupted send, loaded with its first use (few sends are interrupted): a chunk of
 * its own in a browser bundle.
 */
import type { Draft, Message } from '../core/channel.js';
import type { DiscourseApi } from './discourse-api.js';
import type { DiscourseLengths } from './discourse-lengths.js';
import { newPostFor } from './discourse-new-post.js';

export async function recoverSent(api: DiscourseApi, draft: Draft, to: Message | undefined, lengths: Partial<DiscourseLengths>, category: number | undefined): Promise<Message | undefined> {
  // Within Discourse's memo of the first create: the same create again answers the post that landed (or posts it now).
  const planned = newPostFor(draft, to, lengths, category);
  if (await api.memo.repeatable(planned.body)) return api.createPost(planned.body, planned.context, true);
  return findSent(api, draft, to);
}

/**
 * After an interrupted send: the channel's own post with the same text, if it landed. Every read carries
 * `raw` (what was sent, Markdown included), compared with its whitespace folded. Public posts are looked
 * for among the latest posts; answers in their topic; a new private message among the first posts of the
 * account's most recently active conversations (where a message just sent stands).
 */
async function findSent(api: DiscourseApi, draft: Draft, to: Message | undefined): Promise<Message | undefined> {
  const wanted = flat(draft.text);
  const same = (message: Message) => message.author.isSelf && flat(message.text) === wanted;
  if (to && to.kind !== 'direct') {
    const latest = (await api.latest(undefined)).find((message) => message.threadId === to.threadId && same(message));
    if (latest) return { ...latest, parentId: to.id }; // the reply answered `to` (reply_to_post_number)
  }
  if (to) return (await api.topicPosts(to.threadId)).reverse().find(same);
  if (draft.to === undefined) return (await api.latest(undefined)).find(same);
  for (const topic of (await api.privateTopics()).slice(0, RECENT_CONVERSATIONS)) {
    const [first] = await api.topicPosts(String(topic.id));
    if (first && same(first)) return first;
  }
  return undefined;
}

// How many of the latest private conversations recover() opens: a message sent a moment ago is among the first.
const RECENT_CONVERSATIONS = 5;

const flat = (text: string) => text.trim().replace(/\s+/g, ' ');
