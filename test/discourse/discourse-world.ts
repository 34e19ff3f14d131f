/**
 * The conformance world of Discourse: the DiscourseEmulator behind msw handlers at the forum's origin,
 * answering in the shapes of Discourse's OpenAPI document (discourse/discourse_api_docs openapi.json).
 * The per-key limit is raised as for a self-hosted forum, so listen() can poll every 50 ms.
 */
import { setupServer } from 'msw/node';
import { discourse } from 'everywhere/discourse';
import { DiscourseEmulator, discourseHandlers, type DiscourseEmulatorOptions } from 'everywhere/testing';
import type { ConformanceTarget, ConformanceWorld } from '../conformance/world.js';

export const FORUM = 'https://forum.example.com';
export const API_KEY = 'discourse-test-key-4c1f0a9d';
const CUSTOMER = 'customer';

export async function discourseWorld(options: DiscourseEmulatorOptions = {}): Promise<ConformanceWorld & { emulator: DiscourseEmulator }> {
  const emulator = new DiscourseEmulator({ apiKey: API_KEY, limits: { api: { limit: 100_000, windowMs: 60_000 } }, ...options });
  emulator.forum.user(CUSTOMER, 'A Customer');
  const server = setupServer(...discourseHandlers(emulator, FORUM));
  server.listen({ onUnhandledRequest: 'error' });
  const topicOf = (postId: string) => emulator.forum.posts.get(Number(postId))!;
  return {
    emulator,
    create: (options = {}) =>
      discourse({
        baseUrl: FORUM,
        apiKey: options.badCredentials ? 'a-revoked-key' : API_KEY,
        apiUsername: emulator.botUsername,
        ...(options.id ? { id: options.id } : {}),
        ...(options.store ? { store: options.store } : {}),
        ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
        ...(options.retry ? { retry: options.retry } : {}),
        ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
      }),
    async inbound({ text, direct, inReplyTo }) {
      const raw = text.length >= 20 ? text : `${text} (a customer writes)`;
      if (inReplyTo) {
        const parent = topicOf(inReplyTo);
        return String(emulator.reply({ by: CUSTOMER, topicId: parent.topicId, raw, replyToPostNumber: parent.postNumber }).id);
      }
      if (direct) return String(emulator.privateMessage({ by: CUSTOMER, title: `A private question: ${text.slice(0, 40)}`, raw }).id);
      return String(emulator.topic({ by: CUSTOMER, title: `A customer asks: ${text.slice(0, 60)}`, raw }).id);
    },
    // 429s create nothing; every other POST /posts.json may have.
    writes: () => emulator.requests.filter((request) => request.method === 'POST' && request.status !== 429).length,
    reads: () => emulator.requests.filter((request) => request.method === 'GET').length,
    recipient: CUSTOMER,
    secret: API_KEY,
    failNextWriteAmbiguously: () => emulator.fail({ match: { method: 'POST' }, status: 502, afterApply: true, body: '<html>502 Bad Gateway</html>' }),
    failNextReadMalformed: () => emulator.fail({ match: { method: 'GET', path: '/posts.json' }, status: 200, body: { latest_posts: [{ id: 'seven' }] } }),
    limitWrites: (limit, windowMs) => emulator.setLimit('POST /posts.json', { limit, windowMs }),
    limitReads: (limit, windowMs) => emulator.setLimit('GET /posts.json', { limit, windowMs }),
    close: async () => server.close(),
  };
}

export const discourseTarget: ConformanceTarget = {
  name: 'discourse',
  capabilities: { post: true, direct: true, webhooks: false },
  historySources: 2, // public posts and private messages, merged
  maxTextLength: 32_000,
  promises: { reviews: false, writeLimits: true, malformedReads: true },
  setup: () => discourseWorld(),
};
