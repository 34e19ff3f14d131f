/**
 * The conformance world on a real WordPress: one site per test file (wordpress-server.ts), reset
 * between worlds (every comment deleted, counts to zero). Customers comment as visitors on the one
 * post; the channel's user is an Editor with an Application Password, as a site's support account
 * would be. A real site cannot be made to answer a malformed body nor given write limits, so those
 * faults are absent (the suite says why it skips them); the ambiguous write is the proxy's 502 after
 * WordPress has created the comment.
 */
import { wordpress } from 'everywhere/wordpress';
import type { ConformanceTarget, ConformanceWorld } from '../conformance/world.js';
import type { RealWordpress } from './wordpress-server.js';

export const CUSTOMER = 'A Customer';

export async function realWordpressWorld(server: RealWordpress): Promise<ConformanceWorld> {
  await server.reset();
  const { proxy, site } = server;
  return {
    create: (channelOptions = {}) =>
      wordpress({
        baseUrl: server.baseUrl,
        username: site.username,
        applicationPassword: channelOptions.badCredentials ? 'aaaa bbbb cccc dddd eeee ffff' : site.applicationPassword,
        ...(channelOptions.id ? { id: channelOptions.id } : {}),
        ...(channelOptions.store ? { store: channelOptions.store } : {}),
        ...(channelOptions.rateLimit ? { rateLimit: channelOptions.rateLimit } : {}),
        ...(channelOptions.retry ? { retry: channelOptions.retry } : {}),
        ...(channelOptions.pollIntervalMs ? { pollIntervalMs: channelOptions.pollIntervalMs } : {}),
      }),
    inbound: async ({ text, inReplyTo }) => String(await server.comment({ content: text, author: CUSTOMER, ...(inReplyTo ? { parent: Number(inReplyTo) } : {}) })),
    writes: () => proxy.writes,
    reads: () => proxy.reads,
    recipient: CUSTOMER,
    secret: site.applicationPassword,
    failNextWriteAmbiguously: () => proxy.failNextWriteAmbiguously(),
    close: async () => undefined, // the site outlives the world: the test file stops it
  };
}

export function realWordpressTarget(server: RealWordpress): ConformanceTarget {
  return {
    name: 'wordpress',
    // Comments answer posts: no post of its own, no private messages.
    capabilities: { post: false, direct: false, webhooks: false },
    promises: { reviews: false, writeLimits: false, malformedReads: false }, // a real site: see the top of this file
    setup: () => realWordpressWorld(server),
  };
}
