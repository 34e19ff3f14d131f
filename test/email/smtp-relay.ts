/**
 * An in-process SMTP server (smtp-server from npm) on 127.0.0.1 that delivers each accepted mail
 * into the recipient's Dovecot INBOX by IMAP APPEND, so what a channel sends can be read back.
 * Faults follow RFC 5321 replies: a 4yz or 5yz to the message, or the connection dropped after DATA.
 */
import type { Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** What a relay may add to the plain set-up: STARTTLS with a certificate, and XOAUTH2 logins. */
export interface SmtpRelayOptions {
  /** Offer STARTTLS with this key and certificate (without it STARTTLS is not offered at all). */
  tls?: { key: string; cert: string };
  /** Accept AUTH XOAUTH2: the user an access token stands for, undefined when it is not valid. */
  userOfToken?: (accessToken: string) => string | undefined;
}

/** One login as the relay saw it. */
export interface SmtpLogin {
  method: string;
  user: string | undefined;
  accessToken: string | undefined;
  /** Whether the session was under TLS (STARTTLS done) when the login came. */
  secure: boolean;
}

/** A fault for the next mail: dropped after DATA, or a reply to its DATA (or, `at: 'mail'`, to its MAIL FROM). */
export type SmtpFault = { kind: 'drop-after-data' } | { kind: 'reply'; code: number; message: string; at?: 'mail' | 'data' };

export class SmtpRelay {
  /** Mails accepted (and delivered), a dropped-after-DATA one included. */
  writes = 0;
  /** TCP connections clients opened. */
  connections = 0;
  /** Messages received after DATA, accepted or not. */
  dataCommands = 0;
  port = 0;
  /** Every AUTH the relay answered, accepted or not. */
  readonly logins: SmtpLogin[] = [];
  readonly #faults: SmtpFault[] = [];
  readonly #sockets = new Set<Socket>();
  #limit: { limit: number; windowMs: number; start: number; count: number } | undefined;
  readonly #server: SMTPServer;

  constructor(
    private readonly users: Map<string, string>,
    private readonly deliver: (recipients: string[], raw: Buffer, sender: string | undefined) => Promise<void>,
    options: SmtpRelayOptions = {},
  ) {
    const userOfToken = options.userOfToken;
    this.#server = new SMTPServer({
      logger: false,
      ...(options.tls ? { key: options.tls.key, cert: options.tls.cert, allowInsecureAuth: false } : { disabledCommands: ['STARTTLS'], allowInsecureAuth: true }),
      authMethods: userOfToken ? ['PLAIN', 'LOGIN', 'XOAUTH2'] : ['PLAIN', 'LOGIN'],
      authOptional: true,
      onAuth: (auth, session, callback) => {
        this.logins.push({ method: auth.method, user: auth.username, accessToken: auth.accessToken, secure: session.secure });
        if (auth.method === 'XOAUTH2') {
          const user = auth.accessToken ? userOfToken?.(auth.accessToken) : undefined;
          if (user && user === auth.username) return callback(null, { user });
          // RFC 7628 §3.2.2: a refused token is answered with a JSON status, the client ends the exchange.
          return callback(null, { data: { status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' } });
        }
        if (auth.username && this.users.get(auth.username) === auth.password) return callback(null, { user: auth.username });
        callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
      },
      onMailFrom: (_address, _session, callback) => {
        const fault = this.#faults[0];
        if (fault?.kind === 'reply' && fault.at === 'mail') {
          this.#faults.shift();
          return callback(Object.assign(new Error(fault.message), { responseCode: fault.code }));
        }
        const limit = this.#limit;
        if (limit) {
          const now = Date.now();
          if (now - limit.start >= limit.windowMs) Object.assign(limit, { start: now, count: 0 });
          // RFC 3463 4.7.0 + a rate-limit text, as Gmail's 421 4.7.28 / Outlook's 452 4.5.3 do.
          if (limit.count >= limit.limit) return callback(Object.assign(new Error('4.7.0 Rate limit exceeded, try again later'), { responseCode: 451 }));
          limit.count += 1; // a transaction started counts, as with providers that limit per MAIL FROM
        }
        callback();
      },
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const sender = _session.envelope.mailFrom ? _session.envelope.mailFrom.address : undefined;
          void this.#accept(Buffer.concat(chunks), _session.envelope.rcptTo.map((entry) => entry.address), sender, callback);
        });
      },
    });
    this.#server.server.on('connection', (socket: Socket) => {
      this.connections += 1;
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.server.address() as { port: number }).port;
  }

  /** Client connections open now. */
  get openConnections(): number {
    return this.#sockets.size;
  }

  failNext(fault: SmtpFault): void {
    this.#faults.push(fault);
  }

  limitWrites(limit: number, windowMs: number): void {
    this.#limit = { limit, windowMs, start: Date.now(), count: 0 };
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #accept(raw: Buffer, recipients: string[], sender: string | undefined, callback: (error?: Error | null) => void): Promise<void> {
    this.dataCommands += 1;
    const fault = this.#faults.shift();
    if (fault?.kind === 'reply') return callback(Object.assign(new Error(fault.message), { responseCode: fault.code }));
    try {
      await this.deliver(recipients, raw, sender);
    } catch (error) {
      return callback(Object.assign(new Error(`4.3.0 delivery failed: ${(error as Error).message}`), { responseCode: 451 }));
    }
    this.writes += 1;
    if (fault?.kind === 'drop-after-data') {
      for (const socket of this.#sockets) socket.destroy(); // applied, then the answer is lost
      return;
    }
    callback();
  }
}
