/**
 * An interrupted send found again by what X stores, not by what was sent (PLATFORMS.md, "What the real
 * platforms do"): a reply comes back with the conversation's @handles in front, every URL as a t.co
 * link, and &, <, > escaped (twitter-find-sent.ts, loaded only when a send was interrupted). And X
 * refuses a post identical to a recent one (403 "duplicate content"): after a create whose answer was
 * lost, that refusal is proof the first one landed, so the send is answered with that post, never
 * posted twice.
 */
import type { Draft, Message } from '../core/channel.js';
import type { AdapterContext } from '../core/adapter-context.js';
import { ChannelError } from '../core/errors.js';
import { sha256Hex } from '../core/hex.js';
import type { TwitterApi } from './twitter-api.js';
import { withoutReplyHandles } from './normalize-tweet.js';

/** After an interrupted send: the channel's own recent post (or DM) with the same text, if it landed. */
export async function findSent(api: TwitterApi, draft: Draft, to: Message | undefined, depth?: number): Promise<Message | undefined> {
  return (await import('./twitter-find-sent.js')).findSent(api, draft, to, depth);
}

/**
 * Wraps a post's send: a create that may have landed is remembered (in the store, a day); a later
 * create of the same post refused as duplicate content then answers with the post that landed
 * (twitter-find-sent.ts, loaded on a failed create). A reply's text is given as reads give it, without
 * the @handles X put in front.
 */
export function duplicateIsProof(api: TwitterApi, context: AdapterContext) {
  return async (draft: Draft, to: Message | undefined, send: () => Promise<Message>): Promise<Message> => {
    if (draft.to !== undefined || to?.kind === 'direct') return send(); // X refuses duplicates of posts, not of DMs
    const marker = `${context.id}:ambiguous-post:${await sha256Hex(`${to?.id ?? ''}\n${draft.text}`)}`;
    try {
      const sent = await send();
      return to ? { ...sent, text: withoutReplyHandles(sent.text, to) } : sent;
    } catch (error) {
      if (!ChannelError.isInstance(error)) throw error;
      const recovery = await import('./twitter-find-sent.js').catch(() => undefined);
      if (!recovery) throw error; // the chunk did not load: the send's own failure stands
      return recovery.afterFailedPost(api, context, { draft, to, marker, error });
    }
  };
}
