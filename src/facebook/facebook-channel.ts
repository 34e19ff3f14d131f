/**
 * The Facebook channel: Page posts, comments and Messenger through the Graph API, on the core's
 * HTTP and listen engines.
 */
import type { Channel, Draft } from '../core/channel.js';
import { defineChannel, type ChannelImplementation } from '../core/define-channel.js';
import { InvalidDraftError } from '../core/errors.js';
import { FacebookApi } from './facebook-api.js';
import { commentsSource, mentionsSource, messengerSource } from './facebook-listen.js';
import { normalizeFacebookOptions, type FacebookOptions } from './facebook-options.js';
import { describeGraphError } from '../meta/meta-errors.js';
import { graphPlatformHttp } from '../meta/meta-http.js';
import { messagingQuotaWindows } from '../meta/meta-messaging-pace.js';
import { lazyWebhook } from '../meta/meta-lazy-webhook.js';
import { lazyMessages } from '../meta/meta-lazy-messages.js';

// https://developers.facebook.com/docs/messenger-platform/reference/send-api/: `message.text` "has a 2000 character limit".
export const MAX_MESSENGER_LENGTH = 2000;
// Facebook's limit for a Page post's text: 63,206 characters (Meta Business Help Center, "character limits").
export const MAX_POST_LENGTH = 63_206;
// Comments take up to 8,000 characters (Meta Business Help Center, "character limits").
export const MAX_COMMENT_LENGTH = 8000;
// https://developers.facebook.com/docs/messenger-platform/reference/attachment-upload-api/: files up to 25 MB.
const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

export function facebook(options: FacebookOptions): Channel {
  const settings = normalizeFacebookOptions(options);
  return defineChannel(
    { id: `facebook:${settings.pageId}`, platform: 'facebook', options: settings, defaultPollIntervalMs: settings.pollIntervalMs },
    ({ context, createHttpClient, push }) => {
      const http = createHttpClient(
        graphPlatformHttp(
          settings,
          context,
          messagingQuotaWindows(context, () => settings.messengerPeople ?? api.recentPeople),
          describeGraphError,
        ),
      );
      const api = new FacebookApi(http, context, settings.pageId);
      const webhooks = settings.appSecret !== undefined && settings.verifyToken !== undefined;

      const implementation: ChannelImplementation = {
        capabilities: { post: true, reply: true, direct: true, html: false, attachments: true, maxTextLength: MAX_POST_LENGTH, webhooks, realtime: webhooks },
        validateDraft(draft, to) {
          const invalid = (message: string) => new InvalidDraftError(message, context.errorOptions());
          const direct = draft.to !== undefined || to?.kind === 'direct';
          const comment = to !== undefined && !direct;
          const attachments = draft.attachments ?? [];
          if (!direct && attachments.some((attachment) => !('url' in attachment))) {
            throw invalid('Facebook posts and comments take attachments by URL (`{ url }`); uploaded data goes to Messenger only');
          }
          const tooBig = attachments.find((attachment) => !('url' in attachment) && attachment.data.byteLength > MAX_UPLOAD_BYTES);
          if (tooBig && !('url' in tooBig)) throw invalid(`${tooBig.name} is ${tooBig.data.byteLength} bytes; Messenger takes files up to 25 MB`);
          if (draft.private) {
            // https://developers.facebook.com/docs/messenger-platform/discovery/private-replies: one text message to the
            // person who wrote a comment on the Page, within 7 days.
            if (to?.kind !== 'comment' || draft.to !== undefined) throw invalid('a private reply answers a comment: reply(comment, { text, private: true })');
            if (attachments.length > 0) throw invalid('a private reply is one text message: send attachments once the person answers');
          }
          if (direct || draft.private) {
            // The Send API takes text or one attachment per message: the text goes first, each attachment after it.
            const length = [...draft.text].length;
            if (length > MAX_MESSENGER_LENGTH) throw invalid(`the text is ${length} characters; a Messenger message takes ${MAX_MESSENGER_LENGTH}`);
            return;
          }
          if (attachments.length > 1) {
            // https://developers.facebook.com/docs/graph-api/reference/object/comments/#publish: one `attachment_url` per comment;
            // a post takes one `link`.
            throw invalid(`a Facebook ${comment ? 'comment' : 'post'} takes one attachment, not ${attachments.length}`);
          }
          const max = direct ? MAX_MESSENGER_LENGTH : comment ? MAX_COMMENT_LENGTH : MAX_POST_LENGTH;
          const length = [...draft.text].length;
          if (length > max) throw invalid(`the text is ${length} characters; a Facebook ${direct ? 'Messenger message' : comment ? 'comment' : 'post'} takes ${max}`);
        },
        async send(draft) {
          if (draft.to !== undefined) return api.sendMessenger({ id: draft.to }, draft.text, { attachments: draft.attachments ?? [], humanAgent: settings.humanAgent });
          const url = urlOf(draft);
          if (!url) return api.createPost(draft.text, undefined);
          // An image by URL is a photo on the Page, not a link share (the file types load with the first post that has a URL).
          const { isImageUrl } = await import('../meta/meta-attachments.js');
          return isImageUrl(url) ? api.createPhoto(draft.text, url) : api.createPost(draft.text, url);
        },
        reply(to, draft) {
          if (to.kind === 'direct') return api.sendMessenger({ id: to.threadId }, draft.text, { attachments: draft.attachments ?? [], humanAgent: settings.humanAgent });
          if (draft.private) return api.sendMessenger({ comment_id: to.id }, draft.text);
          return api.createComment(to.id, to.threadId, draft.text, urlOf(draft));
        },
        // History, threads and the lookup after an interrupted send are loaded when first used.
        messages: ({ signal }) => lazyMessages(async () => (await import('./facebook-messages.js')).history(api, signal)),
        thread: (of, { signal }) => lazyMessages(async () => (await import('./facebook-messages.js')).threadOf(api, of, signal)),
        sources: [commentsSource(api), mentionsSource(api), messengerSource(api)],
        recover: async (draft, to) => (await import('./facebook-find-sent.js')).findSent(api, draft, to),
      };
      if (webhooks) {
        const webhookOptions = { appSecret: settings.appSecret!, verifyToken: settings.verifyToken!, normalize: api.normalize, push };
        implementation.webhook = lazyWebhook(async () => (await import('./facebook-webhook.js')).createFacebookWebhook(webhookOptions));
      }
      return implementation;
    },
  );
}

function urlOf(draft: Draft): string | undefined {
  const attachment = draft.attachments?.[0];
  return attachment && 'url' in attachment ? attachment.url : undefined;
}
