/** msw handlers routing every request under `base` (the site's address) to a WordpressEmulator. */
import type { HttpHandler } from 'msw';
import { handlersFor } from '../msw-handlers.js';
import type { WordpressEmulator } from './wordpress-emulator.js';

export function wordpressHandlers(emulator: WordpressEmulator, base = 'https://blog.example.com'): HttpHandler[] {
  return handlersFor(emulator, base);
}
