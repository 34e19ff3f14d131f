/**
 * An HTTP proxy on 127.0.0.1 in front of `php -S`: its address is the test site's, so it sees every
 * request a channel makes. It counts REST reads (GET) and writes (POST) under /wp-json/, and, when
 * armed, lets the next write through to WordPress, waits for WordPress's answer (the comment exists),
 * then answers 502 instead, as a gateway that lost the upstream answer would: an ambiguous failure.
 */
import { request as httpRequest, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export class WordpressProxy {
  port = 0;
  reads = 0;
  writes = 0;
  #failNextWrite = false;
  readonly #server: Server;

  constructor(private readonly upstreamPort: () => number) {
    this.#server = createServer((incoming, outgoing) => this.#forward(incoming, outgoing));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as { port: number }).port;
  }

  /** The next POST reaches WordPress, and its client gets a 502 once WordPress has answered. */
  failNextWriteAmbiguously(): void {
    this.#failNextWrite = true;
  }

  /** Counts to zero, nothing armed: for a fresh world. */
  reset(): void {
    this.reads = 0;
    this.writes = 0;
    this.#failNextWrite = false;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #forward(incoming: IncomingMessage, outgoing: ServerResponse): void {
    const rest = (incoming.url ?? '').startsWith('/wp-json/');
    const write = rest && incoming.method === 'POST';
    if (rest && incoming.method === 'GET') this.reads += 1;
    if (write) this.writes += 1;
    const ambiguous = write && this.#failNextWrite;
    if (ambiguous) this.#failNextWrite = false;
    const upstream = httpRequest(
      { host: '127.0.0.1', port: this.upstreamPort(), method: incoming.method, path: incoming.url, headers: { ...incoming.headers, connection: 'close' } },
      (answer) => {
        if (ambiguous) {
          answer.resume(); // WordPress's answer is read to its end, then lost
          answer.on('end', () => {
            outgoing.writeHead(502, { 'content-type': 'text/html' });
            outgoing.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
          });
          return;
        }
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/html' });
      outgoing.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    });
    incoming.pipe(upstream);
  }
}
