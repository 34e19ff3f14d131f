/** The Discourse channel: topics, replies and private messages on a forum, on the core's engines. */
import type { Channel, Draft, Message } from '../core/channel.js';
import { defineChannel } from '../core/define-channel.js';
import { resolveSecret } from '../core/options.js';
import { DiscourseApi } from './discourse-api.js';
import { checkDiscourseDraft } from './discourse-drafts.js';
import { newPostFor } from './discourse-new-post.js';
import { DEFAULT_LENGTHS, ForumLengths } from './discourse-lengths.js';
import { describeDiscourseError } from './discourse-errors.js';
import { latestPostsSource, mentionsSource, privateMessagesSource } from './discourse-listen.js';
import { TopicFacts } from './discourse-topics.js';
import { normalizeDiscourseOptions, type DiscourseOptions } from './discourse-options.js';

export function discourse(options: DiscourseOptions): Channel {
  const settings = normalizeDiscourseOptions(options);
  const host = new URL(settings.baseUrl).host;
  return defineChannel({ id: `discourse:${host}:${settings.apiUsername}`, platform: 'discourse', options: settings }, ({ context, createHttpClient, push }) => {
    context.addSecret(settings.webhookSecret);
    const authorize = async () => {
      const key = await resolveSecret(settings.apiKey);
      context.addSecret(key);
      return { headers: { 'api-key': key, 'api-username': settings.apiUsername } };
    };
    const http = createHttpClient({
      baseUrl: settings.baseUrl,
      authorize,
      // After a refused key the key function is called again once: a rotated key is picked up.
      reauthorize: authorize,
      // Discourse sends no limit headers on success: a 429's Retry-After and wait_seconds spend the bucket of its limiter.
      readRateLimits: () => [],
      describeError: (response) => describeDiscourseError(response, (bucket) => context.bucketName(bucket)),
    });
    const api = new DiscourseApi(http, settings, context);
    const facts = new TopicFacts(api);
    const webhookSecret = settings.webhookSecret;
    const view = { categories: settings.categories, tags: settings.tags };
    const lengths = new ForumLengths(settings.lengths, () => api.siteSettings());
    // Checked again once the forum's lengths are known: before the first create, they may not be.
    const checked = async (draft: Draft, to: Message | undefined) => {
      const known = await lengths.resolve();
      checkDiscourseDraft(draft, to, context, known);
      return known;
    };

    return {
      capabilities: { post: true, reply: true, direct: true, html: true, attachments: false, maxTextLength: settings.lengths.maxPostLength ?? DEFAULT_LENGTHS.maxPostLength, webhooks: settings.webhookSecret !== undefined, realtime: settings.webhookSecret !== undefined },
      // Before any request: the maximums default to Discourse's, the minimums (which forums lower) wait for the site.
      validateDraft: (draft, to) => checkDiscourseDraft(draft, to, context, { maxPostLength: DEFAULT_LENGTHS.maxPostLength, maxTopicTitleLength: DEFAULT_LENGTHS.maxTopicTitleLength, ...lengths.known() }),
      async send(draft) {
        const planned = newPostFor(draft, undefined, await checked(draft, undefined), settings.category);
        return api.createPost(planned.body, planned.context);
      },
      async reply(to, draft) {
        const planned = newPostFor(draft, to, await checked(draft, to), settings.category);
        return api.createPost(planned.body, planned.context);
      },
      // History, webhooks and recovery are loaded with their first use (a dynamic import()): few bots use them.
      messages: ({ signal }) => loaded(async () => (await import('./discourse-history.js')).history(api, signal)),
      thread: (of, { signal }) => loaded(async () => (await import('./discourse-history.js')).threadOf(api, typeof of === 'string' ? of : of.threadId, signal)),
      sources: [settings.only === 'mentions' ? mentionsSource(api, view, facts) : latestPostsSource(api, view, facts), privateMessagesSource(api, facts)],
      ...(webhookSecret ? { webhook: async (request: Request) => (await import('./discourse-webhook.js')).createDiscourseWebhook(webhookSecret, api, push, { view, facts, only: settings.only })(request) } : {}),
      recover: async (draft, to) => (await import('./discourse-find-sent.js')).recoverSent(api, draft, to, await lengths.resolve(), settings.category),
    };
  });
}

/** The messages of an iterable that is loaded first. */
async function* loaded(load: () => Promise<AsyncIterable<Message>>): AsyncGenerator<Message> {
  yield* await load();
}
