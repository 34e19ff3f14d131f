/**
 * The conformance world of WordPress: the WordpressEmulator (true to the REST comments controller of
 * WordPress/wordpress-develop) behind msw handlers at the site's address. Customers comment as
 * visitors on one post; the channel's user is an Editor, as a site's support account would be.
 */
import { setupServer } from 'msw/node';
import { wordpress } from 'everywhere/wordpress';
import { WordpressEmulator, wordpressHandlers, type WordpressEmulatorOptions } from 'everywhere/testing';
import type { ConformanceTarget, ConformanceWorld } from '../conformance/world.js';

export const SITE = 'https://blog.example.com';
export const PASSWORD = 'Wq7e Rt9y Ui3o Pa5s Df2g Hj8k';
const CUSTOMER = 'A Customer';

export async function wordpressWorld(options: WordpressEmulatorOptions = {}): Promise<ConformanceWorld & { emulator: WordpressEmulator; postId: number }> {
  const emulator = new WordpressEmulator({ applicationPassword: PASSWORD, ...options });
  const post = emulator.post({ title: "Our new laptop: what's inside" });
  const server = setupServer(...wordpressHandlers(emulator, SITE));
  server.listen({ onUnhandledRequest: 'error' });
  return {
    emulator,
    postId: post.id,
    create: (channelOptions = {}) =>
      wordpress({
        baseUrl: SITE,
        username: emulator.bot.login,
        applicationPassword: channelOptions.badCredentials ? 'aaaa bbbb cccc dddd eeee ffff' : PASSWORD,
        ...(channelOptions.id ? { id: channelOptions.id } : {}),
        ...(channelOptions.store ? { store: channelOptions.store } : {}),
        ...(channelOptions.rateLimit ? { rateLimit: channelOptions.rateLimit } : {}),
        ...(channelOptions.retry ? { retry: channelOptions.retry } : {}),
        ...(channelOptions.pollIntervalMs ? { pollIntervalMs: channelOptions.pollIntervalMs } : {}),
      }),
    async inbound({ text, inReplyTo }) {
      return String(emulator.comment({ post: post.id, content: text, by: CUSTOMER, ...(inReplyTo ? { parent: Number(inReplyTo) } : {}) }).id);
    },
    writes: () => emulator.requests.filter((request) => request.method === 'POST').length,
    reads: () => emulator.requests.filter((request) => request.method === 'GET').length,
    recipient: CUSTOMER,
    secret: PASSWORD,
    failNextWriteAmbiguously: () => emulator.fail({ match: { method: 'POST' }, status: 502, afterApply: true, body: '<html>502 Bad Gateway</html>' }),
    failNextReadMalformed: () => emulator.fail({ match: { method: 'GET', path: '/wp-json/wp/v2/comments' }, status: 200, body: [{ id: 'seven' }] }),
    close: async () => server.close(),
  };
}

export const wordpressTarget: ConformanceTarget = {
  name: 'wordpress',
  // Comments answer posts: no post of its own, no private messages.
  capabilities: { post: false, direct: false, webhooks: false },
  promises: { reviews: false, writeLimits: false, malformedReads: true },
  setup: () => wordpressWorld(),
};
