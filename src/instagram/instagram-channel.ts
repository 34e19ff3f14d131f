/**
 * The Instagram channel: comments on the account's media and replies, mentions, and Instagram Direct,
 * through the Graph API with the Page token of the Page the account is linked to (Facebook Login).
 * The Graph parts shared with Facebook (auth, errors, usage headers, paging, Send API, webhook
 * handshake and signature) live in src/meta.
 */
import type { Channel, Draft, Message } from '../core/channel.js';
import { defineChannel, type ChannelImplementation } from '../core/define-channel.js';
import { InvalidDraftError, PermissionError } from '../core/errors.js';
import { graphPlatformHttp } from '../meta/meta-http.js';
import { InstagramApi } from './instagram-api.js';
import { describeInstagramError, isOutsideWindow } from './instagram-errors.js';
import { commentsSource, directSource, mentionsSource } from './instagram-listen.js';
import { normalizeInstagramOptions, type InstagramOptions } from './instagram-options.js';
import { instagramQuotaWindows } from './instagram-rate-limits.js';
import type { InstagramWebhook } from './instagram-webhook.js';
import { lazyWebhook } from '../meta/meta-lazy-webhook.js';
import { lazyMessages } from '../meta/meta-lazy-messages.js';
import { isMentionedComment, type NormalizeContext } from './normalize-instagram.js';

// https://developers.facebook.com/docs/messenger-platform/instagram/features/send-message: text "must be UTF-8 and less than 1000 bytes".
export const MAX_DIRECT_BYTES = 1000;
// An Instagram comment takes up to 2,200 characters (Instagram Help Center, the caption and comment limit).
export const MAX_COMMENT_LENGTH = 2200;
// https://developers.facebook.com/docs/messenger-platform/instagram/features/private-replies: "within 7 days of when the comment was created".
const PRIVATE_REPLY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
const IGSID = /^\d+$/;

export function instagram(options: InstagramOptions): Channel {
  const settings = normalizeInstagramOptions(options);
  return defineChannel(
    { id: `instagram:${settings.instagramAccountId}`, platform: 'instagram', options: settings, defaultPollIntervalMs: settings.pollIntervalMs },
    ({ context, createHttpClient, push }) => {
      const http = createHttpClient(graphPlatformHttp(settings, context, instagramQuotaWindows(context), describeInstagramError));
      const api = new InstagramApi(http, context, settings.pageId, settings.instagramAccountId);
      const webhooks = settings.appSecret !== undefined && settings.verifyToken !== undefined;
      // Loaded by the first delivery (src/meta/meta-lazy-webhook.ts); close() waits for the reads it started.
      let webhook: InstagramWebhook | undefined;
      const loadWebhook = async () => {
        webhook = (await import('./instagram-webhook.js')).createInstagramWebhook({ appSecret: settings.appSecret!, verifyToken: settings.verifyToken!, api, context, push });
        return webhook.handle;
      };
      const refuse = (message: string) => new PermissionError(message, context.errorOptions());
      const invalid = (message: string) => new InvalidDraftError(message, context.errorOptions());

      async function sendDirect(igsid: string, text: string): Promise<Message> {
        try {
          return await api.sendDirect(igsid, text, false);
        } catch (error) {
          // Refused as outside the 24-hour window: nothing was sent, so the tagged message is not a second copy.
          if (settings.humanAgent && isOutsideWindow(error)) return api.sendDirect(igsid, text, true);
          throw error;
        }
      }

      const implementation: ChannelImplementation = {
        capabilities: { post: false, reply: true, direct: true, html: false, attachments: false, maxTextLength: MAX_COMMENT_LENGTH, webhooks, realtime: webhooks },
        validateDraft(draft, to) {
          const direct = draft.to !== undefined || to?.kind === 'direct' || draft.private === true;
          if (draft.to !== undefined && !IGSID.test(draft.to)) throw invalid(`'to' is an Instagram-scoped user id (IGSID, digits), not '${draft.to}'`);
          if (direct) {
            const bytes = new TextEncoder().encode(draft.text).length;
            if (bytes > MAX_DIRECT_BYTES) throw invalid(`the text is ${bytes} bytes; an Instagram Direct message takes ${MAX_DIRECT_BYTES}`);
          } else if ([...draft.text].length > MAX_COMMENT_LENGTH) {
            throw invalid(`the text is ${[...draft.text].length} characters; an Instagram comment takes ${MAX_COMMENT_LENGTH}`);
          }
          if (to) checkReply(to, draft, { refuse, invalid, normalize: api.normalize });
        },
        send: (draft) => sendDirect(draft.to!, draft.text),
        reply(to, draft) {
          if (to.kind === 'direct') return sendDirect(to.threadId, draft.text);
          if (draft.private) return api.privateReply(to.id, to.author.id, draft.text);
          if (to.kind === 'post') return api.replyToMention(to.id, undefined, draft.text, to.threadId);
          if (isMentionedComment(to)) return api.replyToMention(to.parentId!, to.id, draft.text, to.threadId);
          // Instagram threads one level deep: an answer to a reply goes under its top-level comment.
          return api.replyToComment(to.threadId, mediaOf(to), draft.text);
        },
        // History, threads and the lookup after an interrupted send are loaded when first used.
        messages: ({ signal }) => lazyMessages(async () => (await import('./instagram-messages.js')).history(api, signal)),
        thread: (of, { signal }) => lazyMessages(async () => (await import('./instagram-messages.js')).threadOf(api, of, signal)),
        sources: [commentsSource(api), mentionsSource(api), directSource(api)],
        recover: async (draft, to) => (await import('./instagram-recover.js')).findSent(api, draft, to),
        close: () => webhook?.settled() ?? Promise.resolve(),
      };
      if (webhooks) implementation.webhook = lazyWebhook(loadWebhook);
      return implementation;
    },
  );
}

/** Rules Instagram states for answers, checked before any request where the message says enough. */
function checkReply(to: Message, draft: Draft, tools: { refuse(message: string): Error; invalid(message: string): Error; normalize: NormalizeContext }): void {
  const raw = (to.raw ?? {}) as { hidden?: unknown; media?: { media_product_type?: unknown } | null };
  if (draft.private) {
    if (to.kind !== 'comment' || isMentionedComment(to)) throw tools.invalid('a private reply answers a comment on the account\'s own media');
    if (Date.now() - to.createdAt.getTime() > PRIVATE_REPLY_WINDOW_MS) throw tools.refuse('Instagram takes a private reply only within 7 days of the comment');
    return;
  }
  if (to.kind === 'direct' || to.kind === 'post' || isMentionedComment(to)) return;
  // https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment/replies: "You cannot reply to hidden comments".
  if (raw.hidden === true) throw tools.refuse('Instagram does not take replies to a hidden comment');
  // "You cannot reply to comments on a live video; use the Instagram Messaging API (a private reply)."
  if (raw.media?.media_product_type === 'LIVE') throw tools.refuse('Instagram does not take comments on a live video: answer with a private reply ({ private: true })');
}

function mediaOf(message: Message): string | undefined {
  const raw = message.raw as { media?: { id?: unknown } | null } | undefined;
  return typeof raw?.media?.id === 'string' ? raw.media.id : undefined;
}

