/**
 * The conformance world for Facebook: a FacebookEmulator reached through a fetch that hands each
 * request to it (no sockets), a Page post customers comment on, and one customer with a PSID.
 */
import type { Channel } from '../../src/index.js';
import { facebook, type FacebookOptions } from '../../src/facebook/index.js';
import { DROP_CONNECTION } from '../../src/testing/emulator.js';
import { FacebookEmulator } from '../../src/testing/facebook/index.js';
import type { ConformanceTarget, ConformanceWorld, WorldChannelOptions } from '../conformance/world.js';

export const BASE = 'https://graph.facebook.com';
export const CUSTOMER = { id: '7000000001', name: 'Dana Customer' };

/** A fetch that answers from the emulator, as the real Graph would over the network. */
export function emulatorFetch(emulator: FacebookEmulator, base = BASE): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await emulator.handle(request, base);
    if (response.headers.has(DROP_CONNECTION)) throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    return response;
  };
}

export function createFacebook(emulator: FacebookEmulator, options: Partial<FacebookOptions> = {}): Channel {
  return facebook({
    pageId: emulator.pageId,
    pageAccessToken: emulator.pageAccessToken,
    appSecret: emulator.appSecret,
    verifyToken: 'verify-me',
    fetch: emulatorFetch(emulator),
    retry: { retries: 2 },
    // A Page 1,000 people write to: Messenger's allowance then lets conversations be polled every few seconds
    // (the pacing of a small Page is tested in facebook-pacing.test.ts).
    messengerPeople: 1000,
    ...options,
  });
}

export async function facebookWorld(): Promise<ConformanceWorld & { emulator: FacebookEmulator; postId: string }> {
  const emulator = new FacebookEmulator();
  const postId = emulator.post({ message: 'Welcome to Acme Support: ask us anything here.', at: new Date(Date.now() - 60 * 60 * 1000) });
  return {
    emulator,
    postId,
    recipient: CUSTOMER.id,
    secret: emulator.pageAccessToken,
    create(options: WorldChannelOptions = {}) {
      const { badCredentials, ...common } = options;
      return createFacebook(emulator, { ...common, ...(badCredentials ? { pageAccessToken: 'EAAB-refused-token' } : {}) });
    },
    async inbound({ text, direct, inReplyTo }) {
      if (direct) return emulator.messengerMessage({ from: CUSTOMER.id, name: CUSTOMER.name, text });
      return emulator.comment({ from: CUSTOMER, message: text, on: inReplyTo ?? postId });
    },
    writes: () => emulator.created,
    reads: () => emulator.requests.filter((request) => request.method === 'GET').length,
    failNextWriteAmbiguously() {
      // Graph's code 1 "An unknown error occurred" (HTTP 500, not transient), answered after the write was applied.
      // (Code 2 / is_transient says nothing was done: that one is retried.)
      emulator.fail({ match: { method: 'POST' }, status: 500, afterApply: true, body: { error: { message: 'An unknown error occurred', type: 'OAuthException', code: 1, is_transient: false, fbtrace_id: 'AEmuAmbiguous' } } });
    },
    failNextReadMalformed() {
      emulator.fail({ match: { method: 'GET' }, status: 200, body: { data: 'not a list', paging: 7 } });
    },
    limitWrites(limit, windowMs) {
      emulator.limiter.reset();
      emulator.setLimit('pages', { limit, windowMs });
      emulator.setLimit('messenger', { limit, windowMs });
    },
    limitReads(limit, windowMs) {
      emulator.limiter.reset();
      emulator.setLimit('pages', { limit, windowMs });
      emulator.setLimit('messenger', { limit, windowMs });
    },
    async close() {},
  };
}

export const facebookTarget: ConformanceTarget = {
  name: 'facebook',
  setup: facebookWorld,
  capabilities: { post: true, direct: true, webhooks: true },
  // The feed (with each post's comments nested) and the Messenger conversations (messages nested).
  historySources: 2,
  maxTextLength: 63_206,
  promises: { reviews: false, writeLimits: true, malformedReads: true },
};
