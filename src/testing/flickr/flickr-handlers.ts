/** msw handlers routing every request under `base` (Flickr's services origin) to a FlickrEmulator. */
import type { HttpHandler } from 'msw';
import { handlersFor } from '../msw-handlers.js';
import type { FlickrEmulator } from './flickr-emulator.js';

export function flickrHandlers(emulator: FlickrEmulator, base = 'https://api.flickr.com/services'): HttpHandler[] {
  return handlersFor(emulator, base);
}
