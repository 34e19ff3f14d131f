/** The Discourse forum as its members see it: topics with their posts, and private messages. */
import type { Sandbox } from '../../testing/sandbox.js';
import type { SandboxRow } from '../row.js';
import { handleOf, parseTime, type PlatformFace } from './platform-face.js';

// Discourse's defaults: a title of at least 15 characters, a first post of at least 20 (min_topic_title_length, min_first_post_length).
const padded = (text: string, min: number) => (text.length >= min ? text : `${text} ${'.'.repeat(min - text.length - 1)}`.slice(0, Math.max(min, text.length)));

export const discourseFace: PlatformFace = {
  platform: 'discourse',
  label: 'Discourse',
  kinds: ['post', 'reply', 'dm'],
  emulator: (sandbox) => sandbox.discourse.emulator,
  view(sandbox: Sandbox): SandboxRow[] {
    const emulator = sandbox.discourse.emulator;
    const forum = emulator.forum;
    const rows: SandboxRow[] = [];
    for (const post of forum.posts.values()) {
      const topic = forum.topics.get(post.topicId);
      if (!topic) continue;
      rows.push({
        id: `discourse:${post.id}`,
        platform: 'discourse',
        place: topic.archetype === 'private_message' ? 'dm' : 'topic',
        threadId: String(topic.id),
        threadTitle: topic.title,
        author: `@${post.username}`,
        isBot: post.username === emulator.botUsername,
        text: post.raw,
        at: parseTime(post.createdAt),
        nativeId: String(post.id),
      });
    }
    return rows;
  },
  act(sandbox, action) {
    const emulator = sandbox.discourse.emulator;
    const by = handleOf(action.customer, 20);
    const raw = padded(action.text, 20);
    if (action.kind === 'reply') {
      const parent = emulator.forum.posts.get(Number(action.inReplyTo));
      if (!parent) throw new TypeError(`no forum post ${action.inReplyTo} to reply to`);
      const post = emulator.reply({ by, topicId: parent.topicId, raw, replyToPostNumber: parent.postNumber });
      return { nativeId: String(post.id), threadId: String(post.topicId) };
    }
    const title = padded(action.text.split('\n')[0]!.slice(0, 80), 15);
    const post = action.kind === 'dm' ? emulator.privateMessage({ by, title, raw }) : emulator.topic({ by, title, raw });
    return { nativeId: String(post.id), threadId: String(post.topicId) };
  },
  writeFailure: { match: { method: 'POST' }, status: 502, body: '<html>502 Bad Gateway</html>' },
  rateLimited: (resetAt) => {
    const seconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
    return {
      status: 429,
      body: { errors: [`You’ve performed this action too many times. Please wait ${seconds} seconds before trying again.`], error_type: 'rate_limit', extras: { wait_seconds: seconds, time_left: `${seconds} seconds` } },
      headers: { 'retry-after': String(seconds), 'discourse-rate-limit-error-code': 'admin_api_key_rate_limit' },
    };
  },
  expireToken: () => 'Discourse API keys do not expire; revoking one is a change of apiKey on the emulator (a key rotation), not an expiry',
};
