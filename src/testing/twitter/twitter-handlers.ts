/** msw handlers serving a TwitterEmulator at X's API host, for tests that intercept fetch with msw. */
import type { HttpHandler } from 'msw';
import { handlersFor } from '../msw-handlers.js';
import type { TwitterEmulator } from './twitter-emulator.js';

/** `setupServer(...twitterHandlers(emulator))`; `base` is where the client under test sends requests. */
export function twitterHandlers(emulator: TwitterEmulator, base = 'https://api.x.com'): HttpHandler[] {
  return handlersFor(emulator, base);
}
