/**
 * Mount a channel's `webhook(request)` on a node:http server. Frameworks that speak fetch's
 * Request/Response (Hono, Next.js route handlers, Bun.serve, Deno.serve) need none of this.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** node:http → fetch Request (the raw body stays untouched: the signature is over its bytes). */
async function toRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
  }
  const method = incoming.method ?? 'GET';
  return new Request(new URL(incoming.url ?? '/', origin), { method, headers, ...(method === 'GET' || method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }) });
}

/** fetch Response → node:http. */
async function send(response: Response, outgoing: ServerResponse): Promise<void> {
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
}

/** Serves `handler` at `path` on 127.0.0.1 (`port` 0: a free one); resolves to its URL and a close function. */
export async function serveWebhook(path: string, handler: (request: Request) => Promise<Response>, port = 0) {
  const server = createServer((incoming, outgoing) => {
    void (async () => {
      if (!(incoming.url ?? '').startsWith(path)) return outgoing.writeHead(404).end();
      await send(await handler(await toRequest(incoming, `http://${incoming.headers.host}`)), outgoing);
    })().catch(() => outgoing.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
