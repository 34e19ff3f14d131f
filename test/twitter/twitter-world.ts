/**
 * The conformance world of X: the TwitterEmulator behind msw handlers at https://api.x.com, as the
 * X API v2 documents its endpoints (xdevplatform/xdk latest-openapi.json). Read limits are raised as
 * on a higher access tier, so listen() can poll every 50 ms; the write limits stay X's own.
 */
import { setupServer } from 'msw/node';
import { TwitterEmulator, TWITTER_BUCKETS, twitterHandlers } from 'everywhere/testing';
import { twitter } from 'everywhere/twitter';
import type { ConformanceTarget, ConformanceWorld } from '../conformance/world.js';

export const TOKEN = 'x-test-token-7f3a9c2e5b';
const GENEROUS = { limit: 100_000, windowMs: 15 * 60 * 1000 };

export async function twitterWorld(): Promise<ConformanceWorld & { emulator: TwitterEmulator }> {
  const emulator = new TwitterEmulator({
    accessToken: TOKEN,
    limits: {
      [TWITTER_BUCKETS.mentions]: GENEROUS,
      [TWITTER_BUCKETS.dmEvents]: GENEROUS,
      [TWITTER_BUCKETS.conversationEvents]: GENEROUS,
      [TWITTER_BUCKETS.search]: GENEROUS,
      [TWITTER_BUCKETS.lookup]: GENEROUS,
      [TWITTER_BUCKETS.userTweets]: GENEROUS,
      [TWITTER_BUCKETS.createDm]: { limit: 1000, windowMs: 15 * 60 * 1000 },
    },
  });
  const customer = emulator.addUser({ username: 'customer', name: 'A Customer' });
  const server = setupServer(...twitterHandlers(emulator));
  server.listen({ onUnhandledRequest: 'error' });
  const writes = () => emulator.count('POST', '/2/tweets') + emulator.count('POST', '/2/dm_conversations/');
  return {
    emulator,
    create: (options = {}) =>
      twitter({
        accessToken: options.badCredentials ? 'a-refused-token' : TOKEN,
        userId: emulator.self.id,
        ...(options.id ? { id: options.id } : {}),
        ...(options.store ? { store: options.store } : {}),
        ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
        ...(options.retry ? { retry: options.retry } : {}),
        ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
      }),
    inbound: async ({ text, direct, inReplyTo }) =>
      direct ? emulator.directMessage({ from: 'customer', text }).id : emulator.mention({ from: 'customer', text, ...(inReplyTo ? { inReplyTo } : {}) }).id,
    writes,
    reads: () => emulator.requests.filter((request) => request.method === 'GET').length,
    recipient: customer.id,
    secret: TOKEN,
    failNextWriteAmbiguously: () =>
      emulator.fail({ match: { method: 'POST' }, status: 503, afterApply: true, body: { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status: 503 } }),
    failNextReadMalformed: () => emulator.fail({ match: { method: 'GET' }, status: 200, body: { data: [{ id: 1, text: null }], meta: { result_count: 1 } } }),
    limitWrites: (limit, windowMs) => {
      emulator.setLimit(TWITTER_BUCKETS.createTweet, { limit, windowMs });
      emulator.setLimit(TWITTER_BUCKETS.createDm, { limit, windowMs });
    },
    limitReads: (limit, windowMs) => emulator.setLimit(TWITTER_BUCKETS.mentions, { limit, windowMs }),
    close: async () => server.close(),
  };
}

export const twitterTarget: ConformanceTarget = {
  name: 'twitter',
  capabilities: { post: true, direct: true, webhooks: false },
  historySources: 2, // mentions and DMs, merged
  maxTextLength: 280,
  setup: twitterWorld,
};
