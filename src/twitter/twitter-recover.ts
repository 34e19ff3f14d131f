/**
 * An interrupted send found again by what X stores, not by what was sent (PLATFORMS.md, "What the real
 * platforms do"): a reply comes back with the conversation's @handles in front (display_text_range,
 * left out of Message.text already), every URL as a t.co link (entities.urls expands it), and &, <, >
 * escaped (decoded in Message.text). And X refuses a post identical to a recent one (403 "duplicate
 * content"): after a create whose answer was lost, that refusal is proof the first one landed, so the
 * send is answered with that post, never posted twice.
 */
import type { Draft, Message } from '../core/channel.js';
import type { AdapterContext } from '../core/adapter-context.js';
import { ChannelError, DeliveryUnknownError } from '../core/errors.js';
import { sha256Hex } from '../core/hex.js';
import type { TwitterApi } from './twitter-api.js';
import { directConversationId } from './twitter-messages.js';
import type { Tweet } from './twitter-schemas.js';
import { withoutReplyHandles } from './normalize-tweet.js';

// How long a lost create is remembered: X's duplicate window is not documented; a day covers it.
const AMBIGUOUS_TTL_MS = 24 * 60 * 60 * 1000;

/** A text as comparable across what was written and what X stored: no leading @handles, no URL schemes or final slashes. */
function comparable(text: string): string {
  return text.normalize('NFC').trim().replace(/^(?:@\w{1,15}\s+)+/, '').replace(/https?:\/\//gi, '').replace(/\/(?=\s|$)/g, '').trim();
}

/** Message.text with each t.co link of the stored post put back as the address it stands for. */
function expanded(message: Message): string {
  const raw = message.raw as Partial<Tweet> | undefined;
  const links = [...(raw?.entities?.urls ?? []), ...((raw?.note_tweet ?? raw?.note_post)?.entities?.urls ?? [])];
  return links.reduce((text, link) => (link.url && link.expanded_url ? text.split(link.url).join(link.expanded_url) : text), message.text);
}

/** After an interrupted send: the channel's own recent post (or DM) with the same text, if it landed. */
export async function findSent(api: TwitterApi, draft: Draft, to: Message | undefined, depth = 20): Promise<Message | undefined> {
  const wanted = comparable(draft.text);
  const same = (message: Message) => message.author.isSelf && comparable(expanded(message)) === wanted;
  if (draft.to !== undefined || to?.kind === 'direct') {
    const conversationId = await directConversationId(api, draft.to, to);
    const page = await api.dmEvents(undefined, undefined, conversationId);
    return page.messages.find(same);
  }
  const page = await api.userTweets({ max_results: depth });
  return page.messages.find((message) => same(message) && (to ? message.parentId === to.id : true));
}

/**
 * Wraps a post's send: a create that may have landed is remembered (in the store, a day); a later
 * create of the same post refused as duplicate content then answers with the post that landed.
 * A reply's text is given as reads give it, without the @handles X put in front.
 */
export function duplicateIsProof(api: TwitterApi, context: AdapterContext) {
  return async (draft: Draft, to: Message | undefined, send: () => Promise<Message>): Promise<Message> => {
    if (draft.to !== undefined || to?.kind === 'direct') return send(); // X refuses duplicates of posts, not of DMs
    const shown = (message: Message) => (to ? { ...message, text: withoutReplyHandles(message.text, to) } : message);
    const marker = `${context.id}:ambiguous-post:${await sha256Hex(`${to?.id ?? ''}\n${draft.text}`)}`;
    try {
      return shown(await send());
    } catch (error) {
      if (!ChannelError.isInstance(error)) throw error;
      if (error.maybeDelivered) await context.store.set(marker, '1', { ttlMs: AMBIGUOUS_TTL_MS });
      const duplicate = error.status === 403 && /duplicate content/i.test((error as { platformMessage?: string }).platformMessage ?? '');
      if (!duplicate || (await context.store.get(marker)) === undefined) throw error;
      const landed = await findSent(api, draft, to, 100);
      if (landed) return landed;
      throw new DeliveryUnknownError('X refused this post as a duplicate of one whose create was interrupted: it landed, but it is not among the last 100 posts', context.errorOptions());
    }
  };
}
