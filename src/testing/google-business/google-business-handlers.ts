/** msw handlers routing every request under `base` (the Business Profile API origin) to a GoogleBusinessEmulator. */
import type { HttpHandler } from 'msw';
import { handlersFor } from '../msw-handlers.js';
import type { GoogleBusinessEmulator } from './google-business-emulator.js';

export function googleBusinessHandlers(emulator: GoogleBusinessEmulator, base = 'https://mybusiness.googleapis.com'): HttpHandler[] {
  return handlersFor(emulator, base);
}
