/** The WordPress channel: comments on a site's posts, answered in their thread, on the core's engines. */
import type { Channel, Draft, Message } from '../core/channel.js';
import { defineChannel } from '../core/define-channel.js';
import { ChannelError, UnsupportedError } from '../core/errors.js';
import { paged } from '../core/history.js';
import { heldMessages, type HeldMessages } from '../core/listen/held-messages.js';
import { resolveSecret } from '../core/options.js';
import { WordpressApi } from './wordpress-api.js';
import { checkWordpressDraft, MAX_COMMENT_BYTES } from './wordpress-drafts.js';
import { describeWordpressError } from './wordpress-errors.js';
import { commentSource, SOURCES } from './wordpress-listen.js';
import { normalizeWordpressOptions, type WordpressOptions } from './wordpress-options.js';
import type { WordpressComment } from './wordpress-schemas.js';

// messages() pages: small enough that `limit: 5` costs one read.
const HISTORY_PAGE = 20;

export function wordpress(options: WordpressOptions): Channel {
  const settings = normalizeWordpressOptions(options);
  const host = new URL(settings.baseUrl).host;
  return defineChannel({ id: `wordpress:${host}:${settings.username}`, platform: 'wordpress', options: settings }, ({ context, createHttpClient, isHandled }) => {
    // HTTP Basic with the Application Password (https://make.wordpress.org/core/2020/11/05/application-passwords-integration-guide/).
    const authorize = async () => {
      const password = await resolveSecret(settings.applicationPassword);
      const credentials = base64(`${settings.username}:${password}`);
      context.addSecret(password);
      context.addSecret(credentials);
      return { headers: { authorization: `Basic ${credentials}` } };
    };
    const http = createHttpClient({
      baseUrl: settings.baseUrl,
      authorize,
      // After a refused password the function is called again once: a rotated password is picked up.
      reauthorize: authorize,
      readRateLimits: () => [], // WordPress sends no limit headers
      describeError: describeWordpressError,
    });
    const api = new WordpressApi(http, context);

    const reply = async (to: Message, draft: Draft): Promise<Message> => {
      const { post, parent } = target(to);
      try {
        return await api.create({ post, parent, content: draft.text }, { title: to.subject, rootId: Number(to.threadId) });
      } catch (error) {
        // comment_duplicate: the same user already left this text under this parent, so an earlier,
        // interrupted attempt landed. That comment is the answer.
        if (ChannelError.isInstance(error) && (error as { platformCode?: unknown }).platformCode === 'comment_duplicate') {
          const found = await api.findOwn(post, parent, draft.text);
          if (found) return found;
        }
        throw error;
      }
    };

    return {
      capabilities: { post: false, reply: true, direct: false, html: true, attachments: false, maxTextLength: MAX_COMMENT_BYTES, webhooks: false, realtime: false },
      validateDraft: (draft) => checkWordpressDraft(draft, context),
      send: () => Promise.reject(new UnsupportedError('wordpress: a comment answers a post; use reply() on a comment (new posts are not written by this channel)', context.errorOptions())),
      reply,
      messages: ({ signal }) =>
        paged<number>(async (page = 1) => {
          const comments = await api.list({ orderby: 'date_gmt', order: 'desc', per_page: HISTORY_PAGE, page }, signal);
          return { messages: await api.messages(comments, signal), next: comments.length < HISTORY_PAGE ? undefined : page + 1 };
        }),
      thread: (of, { signal }) => threadOf(api, typeof of === 'string' ? of : of.threadId, signal),
      sources: settings.moderation ? moderatedSources(api, heldMessages(context, isHandled, SOURCES.held)) : [commentSource(api, 'approve')],
      recover: (draft, to) => (to ? api.findOwn(target(to).post, target(to).parent, draft.text) : Promise.resolve(undefined)),
    };
  });
}

/** Where an answer to `to` goes: its post, under it. */
function target(to: Message): { post: number; parent: number } {
  const post = (to.raw as Partial<WordpressComment> | undefined)?.post;
  if (typeof post !== 'number') throw new TypeError('reply(): the message has no WordPress post id in raw.post; reply to a message this channel delivered');
  return { post, parent: Number(to.id) };
}

async function* threadOf(api: WordpressApi, rootId: string, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  yield* await api.thread(Number(rootId), signal);
}

/** Base64 of a UTF-8 string (btoa takes Latin-1 only): runs in browsers, workers and Node alike. */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Approved comments, and those held for moderation: a comment handled while held is not delivered again once approved. */
function moderatedSources(api: WordpressApi, held: HeldMessages) {
  return [commentSource(api, 'approve', held), commentSource(api, 'hold', held)];
}
