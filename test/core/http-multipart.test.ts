/** HttpRequest.multipart: a multipart/form-data body of text fields and files (an upload), sent as the server reads it. */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { ChannelContext } from '../../src/core/context.js';
import { HttpClient } from '../../src/core/http/http-client.js';
import { normalizeCommonOptions } from '../../src/core/options.js';

const BASE = 'https://api.example.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

it('sends text fields and a file with its name and type', async () => {
  let received: { type: string | null; text: string; file: { name: string; type: string; bytes: number[] } } | undefined;
  server.use(
    http.post(`${BASE}/upload`, async ({ request }) => {
      const type = request.headers.get('content-type');
      const form = await request.formData();
      const file = form.get('filedata') as File;
      received = { type, text: String(form.get('message')), file: { name: file.name, type: file.type, bytes: [...new Uint8Array(await file.arrayBuffer())] } };
      return HttpResponse.json({ ok: true });
    }),
  );
  const context = new ChannelContext('test:acme', 'test', normalizeCommonOptions({}, { pollIntervalMs: 1000 }));
  const client = new HttpClient(context, { baseUrl: BASE, authorize: async () => ({}), readRateLimits: () => [], describeError: () => ({}) });
  await client.request({
    method: 'POST',
    path: '/upload',
    multipart: { message: '{"a":1}', filedata: { data: new Uint8Array([137, 80, 78, 71, 0, 255]), name: 'receipt.png', mimeType: 'image/png' } },
    bucket: 'upload',
    schema: z.object({ ok: z.literal(true) }),
  });
  expect(received?.type).toMatch(/^multipart\/form-data; boundary=/);
  expect(received?.text).toBe('{"a":1}');
  expect(received?.file).toEqual({ name: 'receipt.png', type: 'image/png', bytes: [137, 80, 78, 71, 0, 255] });
});
