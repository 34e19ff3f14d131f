/** The conformance world of the fake platform: the tests' one channel double, with or without a defect. */
import { fakeChannel, type FakeDefect } from '../../support/fake-channel.js';
import { FAKE_TOKEN, FakePlatform } from '../../support/fake-platform.js';
import type { ConformanceTarget, ConformanceWorld } from '../world.js';

export function fakeTarget(defect?: FakeDefect): ConformanceTarget {
  return {
    name: 'fake',
    capabilities: { post: true, direct: true, webhooks: false },
    maxTextLength: 500,
    promises: { reviews: false, writeLimits: true, malformedReads: true },
    async setup(): Promise<ConformanceWorld> {
      const platform = new FakePlatform();
      return {
        create: (options = {}) =>
          fakeChannel({
            platform,
            token: options.badCredentials ? 'wrong-token' : FAKE_TOKEN,
            ...(options.id ? { id: options.id } : {}),
            ...(options.store ? { store: options.store } : {}),
            ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
            ...(options.retry ? { retry: options.retry } : {}),
            ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
            ...(defect ? { defect } : {}),
          }),
        inbound: async ({ text, direct, inReplyTo }) => platform.inbound(text, { ...(direct ? { direct } : {}), ...(inReplyTo ? { replyTo: inReplyTo } : {}) }).id,
        writes: () => platform.count('POST', '/messages'),
        reads: () => platform.requests.filter((request) => request.method === 'GET').length,
        recipient: 'customer',
        secret: FAKE_TOKEN,
        failNextWriteAmbiguously: () => platform.fail({ match: { method: 'POST' }, status: 503, afterApply: true }),
        failNextReadMalformed: () => platform.fail({ match: { method: 'GET' }, status: 200, body: { data: [{ id: 7 }] } }),
        limitWrites: (limit, windowMs) => platform.setLimit('POST /messages', { limit, windowMs }),
        limitReads: (limit, windowMs) => platform.setLimit('GET /messages', { limit, windowMs }),
        close: async () => {},
      };
    },
  };
}
