/** The Discourse channel: topics, replies and private messages on a forum, on the core's engines. */
import type { Channel, Draft, Message } from '../core/channel.js';
import { defineChannel } from '../core/define-channel.js';
import { mergeNewestFirst, paged } from '../core/history.js';
import { resolveSecret } from '../core/options.js';
import { DiscourseApi } from './discourse-api.js';
import { privatePostsNewestFirst } from './discourse-history.js';
import { checkDiscourseDraft } from './discourse-drafts.js';
import { newPostFor } from './discourse-new-post.js';
import { DEFAULT_LENGTHS, ForumLengths } from './discourse-lengths.js';
import { describeDiscourseError } from './discourse-errors.js';
import { latestPostsSource, mentionsSource, privateMessagesSource } from './discourse-listen.js';
import { TopicFacts } from './discourse-topics.js';
import { normalizeDiscourseOptions, type DiscourseOptions } from './discourse-options.js';
import { createDiscourseWebhook } from './discourse-webhook.js';

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
      messages: ({ signal }) => {
        const latest = paged<number>((before) => api.latestPage(before, signal));
        return mergeNewestFirst(latest, privatePostsNewestFirst(api, signal));
      },
      thread: (of, { signal }) => threadOf(api, typeof of === 'string' ? of : of.threadId, signal),
      sources: [settings.only === 'mentions' ? mentionsSource(api, view, facts) : latestPostsSource(api, view, facts), privateMessagesSource(api, facts)],
      ...(settings.webhookSecret ? { webhook: createDiscourseWebhook(settings.webhookSecret, api, push, { view, facts, only: settings.only }) } : {}),
      async recover(draft, to) {
        // Within Discourse's memo of the first create: the same create again answers the post that landed (or posts it now).
        const planned = newPostFor(draft, to, await lengths.resolve(), settings.category);
        if (await api.memo.repeatable(planned.body)) return api.createPost(planned.body, planned.context, true);
        return findSent(api, draft, to);
      },
    };
  });
}

async function* threadOf(api: DiscourseApi, topicId: string, signal: AbortSignal | undefined): AsyncGenerator<Message> {
  yield* await api.topicPosts(topicId, signal);
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
