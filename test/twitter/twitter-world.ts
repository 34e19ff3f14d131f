/**
 * The conformance world of X: the TwitterEmulator behind msw handlers at https://api.x.com, as the
 * X API v2 documents its endpoints (xdevplatform/xdk latest-openapi.json). Read limits are raised as
 * on a higher access tier, so listen() can poll every 50 ms; the write limits stay X's own.
 * When X's OpenAPI document is beside the clone, every exchange is checked against it (x-openapi.ts)
 * and close() fails with what departs from it, so every test of this world checks the emulator and the
 * adapter's requests.
 */
import { setupServer } from 'msw/node';
import { TwitterEmulator, TWITTER_BUCKETS, twitterHandlers } from 'everywhere/testing';
import { twitter } from 'everywhere/twitter';
import type { ConformanceTarget, ConformanceWorld } from '../conformance/world.js';
import { officialDocument } from '../support/official-document.js';
import type { Schema } from '../support/json-schema.js';
import { checkedTwitterHandlers, XDocument } from './x-openapi.js';

export const TOKEN = 'x-test-token-7f3a9c2e5b';
const GENEROUS = { limit: 100_000, windowMs: 15 * 60 * 1000 };

export const X_DOCUMENT = officialDocument('x/openapi.json');
let parsed: XDocument | undefined;
/** X's OpenAPI document, read once per test file; undefined when it is not beside the clone (and CI is not set). */
export const xDocument = (): XDocument | undefined => (X_DOCUMENT.skip ? undefined : (parsed ??= new XDocument(X_DOCUMENT.json<Schema>())));

/**
 * msw handlers for an emulator that check every exchange against X's document when it is beside the clone
 * (for X tests that set up their own server); `assertDocumented()` throws with what departed from it.
 */
export function documentedTwitterHandlers(emulator: TwitterEmulator): { handlers: ReturnType<typeof twitterHandlers>; assertDocumented(): void } {
  const document = xDocument();
  if (!document) return { handlers: twitterHandlers(emulator), assertDocumented: () => undefined };
  const checked = checkedTwitterHandlers(emulator, document);
  return {
    handlers: checked.handlers,
    assertDocumented() {
      if (checked.problems.length) throw new Error(`exchanges that depart from X's OpenAPI document:\n${[...new Set(checked.problems)].join('\n')}`);
    },
  };
}

export async function twitterWorld(): Promise<ConformanceWorld & { emulator: TwitterEmulator; documentProblems: string[] }> {
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
  const document = xDocument();
  const checked = document ? checkedTwitterHandlers(emulator, document) : undefined;
  const server = setupServer(...(checked ? checked.handlers : twitterHandlers(emulator)));
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
    failNextReadMalformed: () => {
      checked?.exemptNext('GET'); // broken on purpose: not the emulator drifting
      emulator.fail({ match: { method: 'GET' }, status: 200, body: { data: [{ id: 1, text: null }], meta: { result_count: 1 } } });
    },
    limitWrites: (limit, windowMs) => {
      emulator.setLimit(TWITTER_BUCKETS.createTweet, { limit, windowMs });
      emulator.setLimit(TWITTER_BUCKETS.createDm, { limit, windowMs });
    },
    limitReads: (limit, windowMs) => emulator.setLimit(TWITTER_BUCKETS.mentions, { limit, windowMs }),
    documentProblems: checked?.problems ?? [],
    close: async () => {
      server.close();
      if (checked?.problems.length) throw new Error(`exchanges that depart from X's OpenAPI document:\n${[...new Set(checked.problems)].join('\n')}`);
    },
  };
}

export const twitterTarget: ConformanceTarget = {
  name: 'twitter',
  capabilities: { post: true, direct: true, webhooks: false },
  historySources: 2, // mentions and DMs, merged
  maxTextLength: 280,
  promises: { reviews: false, writeLimits: true, malformedReads: true },
  setup: twitterWorld,
};
