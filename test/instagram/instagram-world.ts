/**
 * The conformance world for Instagram: an InstagramEmulator reached through a fetch that hands each
 * request to it (no sockets), a post of the account customers comment on, and one customer with an IGSID.
 */
import type { Channel } from '../../src/index.js';
import { instagram, type InstagramOptions } from '../../src/instagram/index.js';
import { DROP_CONNECTION } from '../../src/testing/emulator.js';
import { InstagramEmulator } from '../../src/testing/instagram/index.js';
import type { ConformanceTarget, ConformanceWorld, WorldChannelOptions } from '../conformance/world.js';

export const BASE = 'https://graph.facebook.com';
export const CUSTOMER = { id: '6100000000000001', username: 'dana.customer' };

/** A fetch that answers from the emulator, as the real Graph would over the network. */
export function emulatorFetch(emulator: InstagramEmulator, base = BASE): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await emulator.handle(request, base);
    if (response.headers.has(DROP_CONNECTION)) throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    return response;
  };
}

export function createInstagram(emulator: InstagramEmulator, options: Partial<InstagramOptions> = {}): Channel {
  return instagram({
    pageId: emulator.pageId,
    instagramAccountId: emulator.instagramAccountId,
    pageAccessToken: emulator.pageAccessToken,
    appSecret: emulator.appSecret,
    verifyToken: 'verify-me',
    fetch: emulatorFetch(emulator),
    retry: { retries: 2 },
    ...options,
  });
}

export async function instagramWorld(): Promise<ConformanceWorld & { emulator: InstagramEmulator; mediaId: string }> {
  const emulator = new InstagramEmulator();
  const mediaId = emulator.media({ caption: 'Our spring collection is here: ask us anything below.', at: new Date(Date.now() - 60 * 60 * 1000) });
  // The customer wrote an hour ago: the 24-hour window for Direct messages to them is open.
  emulator.directMessage({ from: CUSTOMER.id, username: CUSTOMER.username, text: 'Hello, I have a question', at: new Date(Date.now() - 60 * 60 * 1000) });
  return {
    emulator,
    mediaId,
    recipient: CUSTOMER.id,
    secret: emulator.pageAccessToken,
    create(options: WorldChannelOptions = {}) {
      const { badCredentials, ...common } = options;
      return createInstagram(emulator, { ...common, ...(badCredentials ? { pageAccessToken: 'EAAB-refused-token' } : {}) });
    },
    async inbound({ text, direct, inReplyTo }) {
      if (direct) return emulator.directMessage({ from: CUSTOMER.id, username: CUSTOMER.username, text });
      return emulator.comment({ from: CUSTOMER.id, username: CUSTOMER.username, text, on: inReplyTo ?? mediaId });
    },
    writes: () => emulator.created,
    reads: () => emulator.requests.filter((request) => request.method === 'GET').length,
    failNextWriteAmbiguously() {
      // An HTTP 500 answered after the write was applied: Graph's unknown error (code 1), not a "try again" one.
      emulator.fail({ match: { method: 'POST' }, status: 500, afterApply: true, body: { error: { message: 'An unknown error has occurred.', type: 'OAuthException', code: 1, fbtrace_id: 'AEmuAmbiguous' } } });
    },
    failNextReadMalformed() {
      emulator.fail({ match: { method: 'GET' }, status: 200, body: { data: 'not a list', paging: 7 } });
    },
    limitWrites(limit, windowMs) {
      emulator.limiter.reset();
      emulator.setLimit('instagram', { limit, windowMs });
      emulator.setLimit('messenger', { limit, windowMs });
    },
    limitReads(limit, windowMs) {
      emulator.limiter.reset();
      emulator.setLimit('instagram', { limit, windowMs });
      emulator.setLimit('messenger', { limit, windowMs });
    },
    async close() {},
  };
}

export const instagramTarget: ConformanceTarget = {
  name: 'instagram',
  setup: instagramWorld,
  capabilities: { post: false, direct: true, webhooks: true },
  // Comments (media with comments nested), mentions (/tags) and Direct (conversations with messages nested).
  historySources: 3,
  // send() is a Direct message: 1000 bytes (one byte per 'a').
  maxTextLength: 1000,
  promises: { reviews: false, writeLimits: true, malformedReads: true },
};
