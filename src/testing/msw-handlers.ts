/** msw handlers that route every request under `base` to an emulator, for tests that use msw. */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { DROP_CONNECTION, type Emulator } from './emulator.js';

export function handlersFor(emulator: Emulator, base: string): HttpHandler[] {
  const prefix = base.replace(/\/$/, '');
  return [
    http.all(`${prefix}/*`, async ({ request }) => {
      const response = await emulator.handle(request, prefix);
      if (response.headers.has(DROP_CONNECTION)) return HttpResponse.error();
      return response;
    }),
  ];
}
