/**
 * The conformance world of Google Business Profile: the GoogleBusinessEmulator behind msw handlers at
 * the API's origin, answering in the v4 shapes (google-business-facts.ts). A customer's message is a
 * review of the location (three stars and the text); the customer may edit it; an answer is the owner's
 * one reply. Customers cannot answer in a review's thread, so `inbound` refuses `inReplyTo`.
 */
import { googleBusiness } from 'everywhere/google-business';
import { GoogleBusinessEmulator, googleBusinessHandlers, type GoogleBusinessEmulatorOptions } from 'everywhere/testing';
import type { ConformanceTarget, ConformanceWorld } from '../conformance/world.js';
import { googleTokenWorld } from '../support/google-token-world.js';

export const API = 'https://mybusiness.googleapis.com';
export const TOKEN = 'ya29.google-business-test-token-8c1f';
export const ACCOUNT_ID = '1122334455667788990';
export const LOCATION_ID = '9988776655443322110';
const REPLY_PATH = /^\/v4\/accounts\/[^/]+\/locations\/[^/]+\/reviews\/[^/]+\/reply$/;

export async function googleBusinessWorld(options: GoogleBusinessEmulatorOptions = {}): Promise<ConformanceWorld & { emulator: GoogleBusinessEmulator }> {
  const emulator = new GoogleBusinessEmulator({ accountId: ACCOUNT_ID, locationIds: [LOCATION_ID], accessToken: TOKEN, ...options });
  const google = googleTokenWorld(googleBusinessHandlers(emulator, API), TOKEN);
  return {
    emulator,
    create: (options = {}) => googleBusiness({ accountId: ACCOUNT_ID, locationId: LOCATION_ID, ...google.channelOptions(options) }),
    async inbound({ text, inReplyTo }) {
      if (inReplyTo) throw new Error('a customer cannot answer in a review thread: only the owner replies');
      return emulator.review({ stars: 3, comment: text }).reviewId;
    },
    async editReview(id, text) {
      emulator.edit(id, { comment: text });
    },
    writes: () => emulator.requests.filter((request) => request.method === 'PUT' && REPLY_PATH.test(request.path) && request.status !== 429).length,
    reads: () => emulator.requests.filter((request) => request.method === 'GET').length,
    recipient: 'A Customer',
    secret: TOKEN,
    failNextWriteAmbiguously: () => emulator.fail({ match: { method: 'PUT', path: REPLY_PATH }, status: 503, afterApply: true, body: { error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } } }),
    failNextReadMalformed: () => emulator.fail({ match: { method: 'GET', path: `/v4/accounts/${ACCOUNT_ID}/locations/${LOCATION_ID}/reviews` }, status: 200, body: { reviews: [{ reviewId: 7 }] } }),
    close: google.close,
  };
}

export const googleBusinessTarget: ConformanceTarget = {
  name: 'google-business',
  capabilities: { post: false, direct: false, webhooks: false },
  promises: { reviews: true, writeLimits: false, malformedReads: true },
  // No maxTextLength: the suite checks it with send(), which a review site has not; google-business-reply.test.ts checks the 4,096 bytes with reply().
  setup: () => googleBusinessWorld(),
};
