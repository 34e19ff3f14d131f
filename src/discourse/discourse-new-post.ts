/**
 * The POST /posts.json body of a send or a reply, and what the answer's post lacks of its topic. The
 * same draft always gives the same body: recovery repeats it byte for byte (discourse-memo.ts).
 */
import type { Draft, Message } from '../core/channel.js';
import type { NewPost } from './discourse-api.js';
import { privateMessageTitle } from './discourse-drafts.js';
import type { DiscourseLengths } from './discourse-lengths.js';
import type { Post } from './discourse-schemas.js';
import type { PostContext } from './normalize-post.js';

export interface PlannedPost {
  body: NewPost;
  context: Partial<PostContext>;
}

export function newPostFor(draft: Draft, to: Message | undefined, lengths: Partial<DiscourseLengths>, category: number | undefined): PlannedPost {
  if (to) {
    const number = (to.raw as Partial<Post> | undefined)?.post_number;
    return {
      body: { raw: draft.text, topic_id: Number(to.threadId), ...(typeof number === 'number' ? { reply_to_post_number: number } : {}) },
      context: { topic: { ...(to.subject ? { title: to.subject } : {}), archetype: to.kind === 'direct' ? 'private_message' : 'regular' }, parentId: to.id },
    };
  }
  if (draft.to !== undefined) {
    const title = privateMessageTitle(draft, lengths.minPersonalMessageTitleLength);
    return { body: { raw: draft.text, title, archetype: 'private_message', target_recipients: draft.to }, context: { topic: { title, archetype: 'private_message' } } };
  }
  const title = draft.subject!.trim();
  return { body: { raw: draft.text, title, ...(category ? { category } : {}) }, context: { topic: { title, archetype: 'regular' } } };
}
