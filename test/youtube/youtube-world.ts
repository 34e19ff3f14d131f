/**
 * The conformance world of YouTube: the YouTubeEmulator behind msw handlers at Google's API origin,
 * answering in the shapes of the discovery document (youtube-facts.ts). A customer's message is a
 * comment on a video of the channel; an answer to one is a reply in its thread. The project's daily
 * quota is raised (as Google grants on request) so listen() may poll every 50 ms within its share.
 */
import { youtube } from 'everywhere/youtube';
import { YouTubeEmulator, youtubeHandlers, type YouTubeEmulatorOptions } from 'everywhere/testing';
import type { ConformanceTarget, ConformanceWorld } from '../conformance/world.js';
import { googleTokenWorld } from '../support/google-token-world.js';

export const API = 'https://www.googleapis.com';
export const TOKEN = 'ya29.youtube-test-token-5e2b7c';
export const CHANNEL_ID = 'UCtestChannel00000000001';
export const VIDEO = 'dQw4w9WgXcQ';
export const RAISED_QUOTA = 1_000_000_000;

export async function youtubeWorld(options: YouTubeEmulatorOptions = {}): Promise<ConformanceWorld & { emulator: YouTubeEmulator }> {
  const emulator = new YouTubeEmulator({ channelId: CHANNEL_ID, accessToken: TOKEN, dailyQuota: RAISED_QUOTA, ...options });
  emulator.video(VIDEO, 'How to set up your router');
  const google = googleTokenWorld(youtubeHandlers(emulator, API), TOKEN);
  return {
    emulator,
    create: (options = {}) => youtube({ channelId: CHANNEL_ID, dailyQuota: RAISED_QUOTA, ...google.channelOptions(options) }),
    // Every message is a public comment (YouTube has no private ones); an answer is a reply in the thread.
    async inbound({ text, inReplyTo }) {
      if (inReplyTo) return emulator.reply({ parentId: inReplyTo.split('.')[0]!, text }).id;
      return emulator.comment({ videoId: VIDEO, text }).id;
    },
    writes: () => emulator.requests.filter((request) => request.method === 'POST' && request.path.startsWith('/youtube/') && request.status !== 403).length,
    reads: () => emulator.requests.filter((request) => request.method === 'GET').length,
    recipient: 'UCcustomer0000000000000A',
    secret: TOKEN,
    failNextWriteAmbiguously: () => emulator.fail({ match: { method: 'POST', path: '/youtube/v3/comments' }, status: 503, afterApply: true, body: { error: { code: 503, message: 'The service is currently unavailable.', errors: [{ message: 'The service is currently unavailable.', domain: 'global', reason: 'backendError' }] } } }),
    failNextReadMalformed: () => emulator.fail({ match: { method: 'GET', path: '/youtube/v3/commentThreads' }, status: 200, body: { items: [{ id: 7 }] } }),
    close: google.close,
  };
}

export const youtubeTarget: ConformanceTarget = {
  name: 'youtube',
  capabilities: { post: false, direct: false, webhooks: false },
  promises: { reviews: false, writeLimits: false, malformedReads: true },
  // No maxTextLength: the suite checks it with send(), which YouTube has not; youtube-drafts.test.ts checks it with reply().
  setup: () => youtubeWorld(),
};
