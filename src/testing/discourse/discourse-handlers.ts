/** msw handlers routing every request under `base` (the forum's origin) to a DiscourseEmulator. */
import type { HttpHandler } from 'msw';
import { handlersFor } from '../msw-handlers.js';
import type { DiscourseEmulator } from './discourse-emulator.js';

export function discourseHandlers(emulator: DiscourseEmulator, base = 'https://forum.example.com'): HttpHandler[] {
  return handlersFor(emulator, base);
}
