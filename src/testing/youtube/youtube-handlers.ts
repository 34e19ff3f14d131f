/** msw handlers routing every request under `base` (Google's API origin) to a YouTubeEmulator. */
import type { HttpHandler } from 'msw';
import { handlersFor } from '../msw-handlers.js';
import type { YouTubeEmulator } from './youtube-emulator.js';

export function youtubeHandlers(emulator: YouTubeEmulator, base = 'https://www.googleapis.com'): HttpHandler[] {
  return handlersFor(emulator, base);
}
