/**
 * A local HTTP server (127.0.0.1 only) that mounts emulators at path prefixes, so a channel in
 * another process, or a demo, talks to them over real sockets.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DROP_CONNECTION, type Emulator } from './emulator.js';

export interface EmulatorServer {
  /** e.g. "http://127.0.0.1:53111" */
  url: string;
  /** The base URL of the emulator mounted at `mount`, e.g. `${url}/twitter`. */
  baseUrl(mount: string): string;
  close(): Promise<void>;
}

/**
 * Emulators sharing one mount (Facebook and Instagram on graph.facebook.com): the first that claims
 * the request answers it, else the last.
 */
async function pick(emulators: Emulator[], request: Request, base: string): Promise<Emulator> {
  for (const emulator of emulators.slice(0, -1)) {
    const claims = (emulator as Emulator & { claims?(request: Request, base: string): Promise<boolean> }).claims;
    if (claims && (await claims.call(emulator, request, base))) return emulator;
  }
  return emulators.at(-1)!;
}

export async function serveEmulators(mounts: Record<string, Emulator | Emulator[]>, port = 0): Promise<EmulatorServer> {
  const server = createServer((incoming, outgoing) => {
    void answer(incoming, outgoing);
  });
  let url = '';
  async function answer(incoming: IncomingMessage, outgoing: ServerResponse) {
    try {
      const requestUrl = new URL(incoming.url ?? '/', url);
      const mount = requestUrl.pathname.split('/')[1] ?? '';
      const mounted = mounts[mount];
      if (!mounted || (Array.isArray(mounted) && mounted.length === 0)) {
        outgoing.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `nothing mounted at /${mount}` }));
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of incoming) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (Array.isArray(value)) value.forEach((item) => headers.append(name, item));
        else if (value !== undefined) headers.set(name, value);
      }
      const method = incoming.method ?? 'GET';
      const request = new Request(requestUrl, {
        method,
        headers,
        ...(method === 'GET' || method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
      });
      const emulator = Array.isArray(mounted) ? await pick(mounted, request, `${url}/${mount}`) : mounted;
      const response = await emulator.handle(request, `${url}/${mount}`);
      if (response.headers.has(DROP_CONNECTION)) {
        incoming.socket.destroy();
        return;
      }
      const body = Buffer.from(await response.arrayBuffer());
      const outHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => (outHeaders[name] = value));
      outgoing.writeHead(response.status, outHeaders).end(body);
    } catch (error) {
      outgoing.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
    }
  }
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    baseUrl: (mount) => `${url}/${mount}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
