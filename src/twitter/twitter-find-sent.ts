/**
 * Finding the channel's own post or DM by what X stored (loaded only after an interrupted or failed send): a
 * reply's @handles in front are left out of Message.text already, t.co links are put back as the
 * addresses entities.urls gives, &, <, > are decoded in Message.text; URL schemes and final slashes
 * are not compared (X expands a bare domain with http://).
 */
import type { Draft, Message } from '../core/channel.js';
import type { AdapterContext } from '../core/adapter-context.js';
import { DeliveryUnknownError, type ChannelError } from '../core/errors.js';
import type { TwitterApi } from './twitter-api.js';
import { directConversationId } from './twitter-direct-send.js';
import type { Tweet } from './twitter-schemas.js';

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

// How long a lost create is remembered: X's duplicate window is not documented; a day covers it.
const AMBIGUOUS_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * A post's create failed: remember it (a day) when it may have landed. X refuses a post identical to a
 * recent one (403 "duplicate content"): after a remembered create, that refusal is proof the first one
 * landed, so the send is answered with that post, never posted twice. Otherwise the failure stands.
 */
export async function afterFailedPost(
  api: TwitterApi,
  context: AdapterContext,
  failed: { draft: Draft; to: Message | undefined; marker: string; error: ChannelError },
): Promise<Message> {
  const { draft, to, marker, error } = failed;
  if (error.maybeDelivered) await context.store.set(marker, '1', { ttlMs: AMBIGUOUS_TTL_MS });
  const duplicate = error.status === 403 && /duplicate content/i.test((error as { platformMessage?: string }).platformMessage ?? '');
  if (!duplicate || (await context.store.get(marker)) === undefined) throw error;
  const landed = await findSent(api, draft, to, 100);
  if (landed) return landed;
  throw new DeliveryUnknownError('X refused this post as a duplicate of an interrupted one: it landed, but is not among the last 100 posts', context.errorOptions());
}
