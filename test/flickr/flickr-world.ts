/**
 * The conformance world of Flickr: the FlickrEmulator behind msw handlers at Flickr's services origin,
 * every call signed and checked. A customer's comments go on one photo of the account (the photo they
 * ask about). Writes are answers (addComment); Flickr publishes no write pace, so no write limit is set.
 */
import { setupServer } from 'msw/node';
import { flickr } from 'everywhere/flickr';
import { FlickrEmulator, flickrHandlers, type FlickrEmulatorOptions } from 'everywhere/testing';
import type { ConformanceTarget, ConformanceWorld } from '../conformance/world.js';

export const SERVICES = 'https://api.flickr.com/services';
export const CUSTOMER = '20000002@N02';

export async function flickrWorld(options: FlickrEmulatorOptions = {}): Promise<ConformanceWorld & { emulator: FlickrEmulator; photoId: string }> {
  const emulator = new FlickrEmulator(options);
  emulator.person(CUSTOMER, 'sam_pics', 'Sam Customer');
  const photoId = emulator.photo('Our new store front');
  const server = setupServer(...flickrHandlers(emulator, SERVICES));
  server.listen({ onUnhandledRequest: 'error' });
  return {
    emulator,
    photoId,
    create: (options = {}) =>
      flickr({
        userId: emulator.userId,
        oauth1: { ...emulator.keys, ...(options.badCredentials ? { token: '72157700000000009-revoked00000000' } : {}) },
        ...(options.id ? { id: options.id } : {}),
        ...(options.store ? { store: options.store } : {}),
        ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
        ...(options.retry ? { retry: options.retry } : {}),
        ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
      }),
    // Flickr has no threads: an answer is another comment on the same photo.
    inbound: async ({ text }) => emulator.comment({ by: CUSTOMER, photoId, text }),
    // The account's comments stored: Flickr refuses with HTTP 200 too, so a refused addComment is told by what it left.
    writes: () => [...emulator.photos.values()].flatMap((photo) => photo.comments).filter((comment) => comment.author === emulator.userId).length,
    reads: () => emulator.requests.filter((request) => request.method === 'GET').length,
    recipient: CUSTOMER,
    secret: emulator.keys.tokenSecret,
    failNextWriteAmbiguously: () => emulator.fail({ match: { method: 'POST' }, status: 200, afterApply: true, body: { stat: 'fail', code: 106, message: 'Write operation failed' } }),
    failNextReadMalformed: () => emulator.fail({ match: { method: 'GET' }, status: 200, body: { photos: { page: 1, pages: 1, photo: [{ id: 7 }] }, stat: 'ok' } }),
    close: async () => server.close(),
  };
}

export const flickrTarget: ConformanceTarget = {
  name: 'flickr',
  capabilities: { post: false, direct: false, webhooks: false },
  historySources: 2, // the photo list, then the comments of the photo
  promises: { reviews: false, writeLimits: false, malformedReads: true },
  setup: () => flickrWorld(),
};
