/** The Instagram emulator and its msw handlers. */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { DROP_CONNECTION } from '../emulator.js';
import type { InstagramEmulator } from './instagram-emulator.js';

export { InstagramEmulator, type InstagramEmulatorOptions } from './instagram-emulator.js';
export type { WebhookTarget as InstagramWebhookTarget } from './instagram-webhooks.js';

/**
 * msw handlers routing requests under `base` (Graph's origin by default) to the emulator. With
 * `shared: true` only the requests the emulator `claims()` are answered and the rest fall through to
 * the next handler, so it serves graph.facebook.com beside the Facebook emulator:
 * `setupServer(...instagramHandlers(instagram, undefined, { shared: true }), ...facebookHandlers(facebook))`.
 */
export function instagramHandlers(emulator: InstagramEmulator, base = 'https://graph.facebook.com', options: { shared?: boolean } = {}): HttpHandler[] {
  const prefix = base.replace(/\/$/, '');
  return [
    http.all(`${prefix}/*`, async ({ request }) => {
      if (options.shared && !(await emulator.claims(request, prefix))) return undefined;
      const response = await emulator.handle(request, prefix);
      if (response.headers.has(DROP_CONNECTION)) return HttpResponse.error();
      return response;
    }),
  ];
}
