/** msw handlers routing every request under `base` (Trustpilot's API origin) to a TrustpilotEmulator. */
import type { HttpHandler } from 'msw';
import { handlersFor } from '../msw-handlers.js';
import type { TrustpilotEmulator } from './trustpilot-emulator.js';

export function trustpilotHandlers(emulator: TrustpilotEmulator, base = 'https://api.trustpilot.com'): HttpHandler[] {
  return handlersFor(emulator, base);
}
