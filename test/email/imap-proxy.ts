/**
 * A TCP relay in front of Dovecot that counts the connections a channel opens and the read commands
 * it sends (FETCH and SEARCH, RFC 3501 §6.4), so tests can check laziness, "nothing before
 * validation" and "nothing after close()" on the real protocol; and tells when a client starts IDLE
 * (RFC 2177): from then on, new mail is pushed.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

const READ_COMMAND = /^\S+ (?:UID )?(?:FETCH|SEARCH)\b/i;
const IDLE_COMMAND = /^\S+ IDLE$/i;

export class ImapProxy {
  reads = 0;
  connections = 0;
  port = 0;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #idleWaiters: Array<() => void> = [];

  constructor(private readonly upstreamPort: () => number) {
    this.#server = createServer((client) => this.#relay(client));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as { port: number }).port;
  }

  /** Resolves at the next IDLE a client starts. */
  nextIdle(): Promise<void> {
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Cut every open connection (as a server crash would). */
  dropAll(): void {
    for (const socket of this.#sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #relay(client: Socket): void {
    this.connections += 1;
    const upstream = connect(this.upstreamPort(), '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.#sockets.add(socket);
      socket.on('close', () => {
        this.#sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
      socket.on('error', () => undefined);
    }
    let pending = '';
    client.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      const lines = pending.split('\r\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (READ_COMMAND.test(line)) this.reads += 1;
        if (IDLE_COMMAND.test(line)) this.#idleWaiters.splice(0).forEach((wake) => wake());
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
  }
}
