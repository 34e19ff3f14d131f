/**
 * What the conformance worlds of Google's APIs share (YouTube Data API, Business Profile): the emulator's
 * msw handlers listening at the API's origin, and channels that carry a Google access token
 * (https://developers.google.com/identity/protocols/oauth2): the world's, or for `badCredentials` a
 * revoked one, with the options the suite passes on.
 */
import type { HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import type { WorldChannelOptions } from '../conformance/world.js';

/** A token the emulators refuse: what a channel gets for `badCredentials`. */
const REVOKED_TOKEN = 'ya29.a-revoked-token';

export function googleTokenWorld(handlers: HttpHandler[], token: string) {
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  return {
    /** The adapter's options from the suite's: the access token, and the suite's own options where given. */
    channelOptions: (options: WorldChannelOptions) => ({
      accessToken: options.badCredentials ? REVOKED_TOKEN : token,
      ...(options.id ? { id: options.id } : {}),
      ...(options.store ? { store: options.store } : {}),
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
    }),
    close: async () => server.close(),
  };
}
