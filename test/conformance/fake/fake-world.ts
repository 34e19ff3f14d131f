/** The conformance world of the fake platform. */
import type { ConformanceTarget, ConformanceWorld } from '../world.js';
import { fakeChannel, type FakeDefect } from './fake-channel.js';
import { FakeEmulator, FAKE_TOKEN } from './fake-emulator.js';

export function fakeTarget(broken?: FakeDefect): ConformanceTarget {
  return {
    name: 'fake',
    capabilities: { post: true, direct: true, webhooks: false },
    maxTextLength: 500,
    async setup(): Promise<ConformanceWorld> {
      const emulator = new FakeEmulator();
      return {
        create: (options = {}) =>
          fakeChannel({
            emulator,
            token: options.badCredentials ? 'wrong-token' : FAKE_TOKEN,
            ...(options.id ? { id: options.id } : {}),
            ...(options.store ? { store: options.store } : {}),
            ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
            ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
            ...(broken ? { broken } : {}),
          }),
        inbound: async ({ text, direct, inReplyTo }) => emulator.add('customer', text, { ...(direct ? { direct } : {}), ...(inReplyTo ? { replyTo: inReplyTo } : {}) }).id,
        writes: () => emulator.count('POST', '/messages'),
        reads: () => emulator.requests.filter((request) => request.method === 'GET').length,
        recipient: 'customer',
        secret: FAKE_TOKEN,
        failNextWriteAmbiguously: () => emulator.fail({ match: { method: 'POST' }, status: 503, afterApply: true }),
        failNextReadMalformed: () => emulator.fail({ match: { method: 'GET' }, status: 200, body: { data: [{ id: 7 }] } }),
        limitWrites: (limit, windowMs) => emulator.setLimit('POST /messages', { limit, windowMs }),
        limitReads: (limit, windowMs) => emulator.setLimit('GET /messages', { limit, windowMs }),
        close: async () => {},
      };
    },
  };
}
