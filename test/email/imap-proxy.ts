/**
 * A TCP relay in front of Dovecot that counts the connections a channel opens and the read commands
 * it sends (FETCH and SEARCH, RFC 3501 §6.4), so tests can check laziness, "nothing before
 * validation" and "nothing after close()" on the real protocol; and tells when a client starts IDLE
 * (RFC 2177): from then on, new mail is pushed.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { GmailSession, ResponseSplitter, type GmailThreads } from './gmail-extensions.js';

const READ_COMMAND = /^\S+ (?:UID )?(?:FETCH|SEARCH)\b/i;
const IDLE_COMMAND = /^\S+ IDLE$/i;

export class ImapProxy {
  reads = 0;
  connections = 0;
  /** Bytes the server sent to clients (to check that what is not asked for is not fetched). */
  bytesFromServer = 0;
  port = 0;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #idleWaiters: Array<() => void> = [];

  /** With `gmail`, it also answers as Gmail's IMAP does (gmail-extensions.ts): X-GM-EXT-1, X-GM-THRID, X-GM-MSGID. */
  constructor(
    private readonly upstreamPort: () => number,
    private readonly gmail?: GmailThreads,
  ) {
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
    const gmail = this.gmail ? new GmailSession(this.gmail) : undefined;
    let pending = '';
    let literal = 0; // bytes of a client literal (an APPEND's message) still to pass through untouched
    let counted = '';
    client.on('data', (chunk: Buffer) => {
      if (!gmail) {
        // Bytes pass as they came (after STARTTLS they are TLS records); lines are only counted.
        counted += chunk.toString('latin1');
        const lines = counted.split('\r\n');
        counted = lines.pop() ?? '';
        for (const line of lines) {
          if (READ_COMMAND.test(line)) this.reads += 1;
          if (IDLE_COMMAND.test(line)) this.#idleWaiters.splice(0).forEach((wake) => wake());
        }
        return void upstream.write(chunk);
      }
      // Gmail's extensions: commands are rewritten line by line (the tests' Gmail world has no TLS).
      pending += chunk.toString('latin1');
      let out = '';
      for (;;) {
        if (literal > 0) {
          const taken = pending.slice(0, literal);
          out += taken;
          literal -= taken.length;
          pending = pending.slice(taken.length);
          if (literal > 0) break;
        }
        const end = pending.indexOf('\r\n');
        if (end < 0) break;
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        if (READ_COMMAND.test(line)) this.reads += 1;
        if (IDLE_COMMAND.test(line)) this.#idleWaiters.splice(0).forEach((wake) => wake());
        out += `${gmail.clientLine(line)}\r\n`;
        literal = Number(/\{(\d+)\+?\}$/.exec(line)?.[1] ?? 0);
      }
      if (out) upstream.write(Buffer.from(out, 'latin1'));
    });
    const splitter = new ResponseSplitter();
    upstream.on('data', (chunk: Buffer) => {
      this.bytesFromServer += chunk.length;
      if (!gmail) return void client.write(chunk);
      const units = splitter.push(chunk.toString('latin1')).map((unit) => gmail.serverUnit(unit));
      if (units.length > 0) client.write(Buffer.from(units.join(''), 'latin1'));
    });
  }
}
