/**
 * The conformance world of Trustpilot: the TrustpilotEmulator behind msw handlers at the API's origin. A
 * customer's message is a service review (three stars and the text); the customer may edit it (seen by
 * listen() through the webhook, as Trustpilot tells edits only that way: the world posts the
 * service-review-updated delivery to the channel that listens); an answer is the company's one reply.
 */
import { setupServer } from 'msw/node';
import type { Channel } from 'everywhere';
import { trustpilot, type TrustpilotOptions } from 'everywhere/trustpilot';
import { TrustpilotEmulator, trustpilotHandlers, type TrustpilotEmulatorOptions } from 'everywhere/testing';
import type { ConformanceTarget, ConformanceWorld } from '../conformance/world.js';

export const API = 'https://api.trustpilot.com';
export const TOKEN = 'trustpilot-test-access-token-4d2a';
export const BUSINESS_UNIT_ID = '46d6a890ffa235a75b00021d';
export const BUSINESS_USER_ID = '5e3de1b45fb06f0001790b50';
export const API_KEY = 'trustpilot-test-api-key';
export const API_SECRET = 'trustpilot-test-api-secret';
export const WEBHOOK_SECRET = 'hook-secret-0123456789abcdef';
const REPLY_PATH = /^\/v1\/private\/reviews\/[^/]+\/reply$/;

export const baseOptions = (): TrustpilotOptions => ({ businessUnitId: BUSINESS_UNIT_ID, businessUserId: BUSINESS_USER_ID, apiKey: API_KEY, apiSecret: API_SECRET, accessToken: TOKEN });

export async function trustpilotWorld(options: TrustpilotEmulatorOptions = {}): Promise<ConformanceWorld & { emulator: TrustpilotEmulator; channels: Channel[] }> {
  const emulator = new TrustpilotEmulator({ businessUnitId: BUSINESS_UNIT_ID, businessUserId: BUSINESS_USER_ID, apiKey: API_KEY, apiSecret: API_SECRET, accessToken: TOKEN, ...options });
  const server = setupServer(...trustpilotHandlers(emulator, API));
  server.listen({ onUnhandledRequest: 'error' });
  const channels: Channel[] = [];
  return {
    emulator,
    channels,
    create: (options = {}) => {
      const channel = trustpilot({
        ...baseOptions(),
        webhookSecret: WEBHOOK_SECRET,
        accessToken: options.badCredentials ? 'a-revoked-token' : TOKEN,
        ...(options.id ? { id: options.id } : {}),
        ...(options.store ? { store: options.store } : {}),
        ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
        ...(options.retry ? { retry: options.retry } : {}),
        ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
      });
      channels.push(channel);
      return channel;
    },
    async inbound({ text, inReplyTo }) {
      if (inReplyTo) throw new Error('a customer cannot answer in a review thread: only the company replies');
      return emulator.review({ stars: 3, text }).id;
    },
    // Trustpilot tells edits by webhook only: the delivery goes to every channel of the world, as to a subscription URL.
    async editReview(id, text) {
      const review = emulator.edit(id, { text });
      const body = JSON.stringify(emulator.webhookPayload('service-review-updated', review));
      for (const channel of channels) {
        const answer = await channel.webhook!(new Request(`https://bot.example/trustpilot/${WEBHOOK_SECRET}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
        if (answer.status !== 200) throw new Error(`the webhook answered ${answer.status}`);
      }
    },
    writes: () => emulator.requests.filter((request) => request.method === 'POST' && REPLY_PATH.test(request.path) && request.status !== 429).length,
    reads: () => emulator.requests.filter((request) => request.method === 'GET').length,
    recipient: 'A Customer',
    secret: TOKEN,
    failNextWriteAmbiguously: () => emulator.fail({ match: { method: 'POST', path: REPLY_PATH }, status: 503, afterApply: true, body: { message: 'Service unavailable' } }),
    failNextReadMalformed: () => emulator.fail({ match: { method: 'GET', path: `/v1/private/business-units/${BUSINESS_UNIT_ID}/reviews` }, status: 200, body: { reviews: [{ id: 7 }] } }),
    close: async () => server.close(),
  };
}

export const trustpilotTarget: ConformanceTarget = {
  name: 'trustpilot',
  // webhooks: the world's channels carry a webhookSecret.
  capabilities: { post: false, direct: false, webhooks: true },
  promises: { reviews: true, writeLimits: false, malformedReads: true },
  setup: () => trustpilotWorld(),
};
