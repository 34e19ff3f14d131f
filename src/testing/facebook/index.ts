/** The Facebook emulator and its msw handlers. */
import type { HttpHandler } from 'msw';
import { handlersFor } from '../msw-handlers.js';
import type { FacebookEmulator } from './facebook-emulator.js';

export { FacebookEmulator, type FacebookEmulatorOptions } from './facebook-emulator.js';
export type { WebhookTarget } from '../meta/meta-webhook-delivery.js';

/** msw handlers routing every request under `base` (Graph's origin by default) to the emulator. */
export function facebookHandlers(emulator: FacebookEmulator, base = 'https://graph.facebook.com'): HttpHandler[] {
  return handlersFor(emulator, base);
}
