/**
 * One IMAP connection, opened lazily with imapflow and opened again when it drops. Connecting is
 * retried with backoff for a server that is restarting; a refused login is an AuthError at once.
 * Commands that need a mailbox run under imapflow's mailbox lock, one selection at a time.
 */
import { ImapFlow, type ImapFlowOptions, type MailboxObject } from 'imapflow';
import type { ChannelContext } from '../core/context.js';
import { AuthError, NetworkError } from '../core/errors.js';
import { retry } from '../core/retry.js';
import { sleep } from '../core/sleep.js';
import { imapError } from './email-errors.js';
import type { Login, ServerLogin } from './email-login.js';
import type { NormalizedEmailOptions } from './email-options.js';

// Backoff between connection attempts, for a server that is restarting.
const BACKOFF = { firstDelayMs: 250, maxDelayMs: 30_000 };

export interface ImapConnectionOptions {
  /** Start IDLE this soon after the last command (imapflow waits 15 s by default, so new mail would show late). */
  autoIdleDelay?: number;
  /** Called with every connected client, to attach event listeners. */
  onClient?: (client: ImapFlow) => void;
  /** Connection attempts before giving up; default: the channel's `retry.retries`. */
  retries?: number;
}

export class ImapConnection {
  #client: ImapFlow | undefined;
  #connecting: Promise<ImapFlow> | undefined;
  #closed = false;
  /** Commands running now, and whether to log out once the last of them is done (`release`). */
  #running = 0;
  #releaseWhenDone = false;

  constructor(
    private readonly settings: NormalizedEmailOptions,
    private readonly context: ChannelContext,
    /** The login, resolved again for every new connection (a token may have changed). */
    private readonly login: ServerLogin,
    private readonly options: ImapConnectionOptions = {},
  ) {}

  /** A connected client (connecting, with backoff, when needed). */
  async client(signal?: AbortSignal): Promise<ImapFlow> {
    if (this.#closed) throw this.context.closedError(); // the core's 'closed' error, as every channel gives after close()
    if (this.#client?.usable) return this.#client;
    this.#connecting ??= this.#connect(signal).finally(() => (this.#connecting = undefined));
    return this.#connecting;
  }

  /**
   * Whether the server is Gmail's: it announces X-GM-EXT-1 (https://developers.google.com/gmail/imap/imap-extensions).
   * Gmail files sent mail itself, threads by X-GM-THRID and keeps every mail in `[Gmail]/All Mail`.
   */
  async isGmail(signal?: AbortSignal): Promise<boolean> {
    return this.run('connecting', async (client) => isGmailClient(client), signal);
  }

  /** Run `operation` with `path` selected. Connection failures become NetworkError, the rest PlatformError. */
  async withMailbox<T>(path: string, doing: string, operation: (client: ImapFlow, mailbox: MailboxObject) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.run(
      doing,
      async (client) => {
        const lock = await client.getMailboxLock(path);
        try {
          return await operation(client, client.mailbox as MailboxObject);
        } finally {
          lock.release();
        }
      },
      signal,
    );
  }

  /** Run `operation` on the connection without selecting a mailbox. */
  async run<T>(doing: string, operation: (client: ImapFlow) => Promise<T>, signal?: AbortSignal): Promise<T> {
    this.#running++;
    try {
      const client = await this.client(signal);
      try {
        return await operation(client);
      } catch (error) {
        throw imapError(error, this.context, doing);
      }
    } finally {
      if (--this.#running === 0 && this.#releaseWhenDone) void this.release();
    }
  }

  /**
   * Log out once no command is running, and connect again on the next one: when listen() ends, its
   * socket (and imapflow's timers) must not keep the process alive.
   */
  async release(): Promise<void> {
    this.#releaseWhenDone = this.#running > 0;
    if (this.#releaseWhenDone) return;
    await this.#logout();
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#logout();
  }

  async #logout(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    if (!client) return;
    await Promise.race([client.logout().catch(() => undefined), sleep(1000)]);
    client.close();
  }

  async #connect(signal?: AbortSignal): Promise<ImapFlow> {
    return retry(
      async () => {
        let login = await this.login.resolve();
        for (;;) {
          try {
            return await this.#open(login);
          } catch (error) {
            // A managed token the server refused is refreshed once, then the login is tried again.
            const again = error instanceof AuthError && login ? await this.login.afterRefusal(login) : undefined;
            if (!again) throw error;
            login = again;
          }
        }
      },
      {
        retries: this.options.retries ?? this.context.options.retry.retries,
        ...BACKOFF,
        ...(signal ? { signal } : {}),
        shouldRetry: ({ error }) => error instanceof NetworkError && !(error instanceof AuthError) && !this.#closed,
        onFailedAttempt: ({ error, attempt }) => this.context.emit('retry', error as NetworkError, attempt),
      },
    );
  }

  async #open(login: Login | undefined): Promise<ImapFlow> {
    const client = new ImapFlow(this.#flowOptions(login));
    client.on('error', () => undefined); // reported through the failing command; an unhandled 'error' would crash the process
    try {
      await client.connect();
      if (this.#closed) throw this.context.closedError(); // closed while connecting
      client.on('close', () => {
        if (this.#client === client) this.#client = undefined;
      });
      this.options.onClient?.(client);
      this.#client = client;
      return client;
    } catch (error) {
      client.close();
      throw imapError(error, this.context, 'connecting');
    }
  }

  #flowOptions(login: Login | undefined): ImapFlowOptions {
    const { host, port, secure, insecure, tls } = this.settings.imap;
    return {
      host,
      port,
      secure,
      // secure: false must upgrade before the login goes out; insecure lets a local test server skip it.
      ...(secure || insecure ? {} : { doSTARTTLS: true }),
      tls,
      ...(login ? { auth: 'pass' in login ? { user: login.user, pass: login.pass } : { user: login.user, accessToken: login.accessToken } } : {}),
      logger: false,
      connectionTimeout: this.context.options.timeoutMs,
      greetingTimeout: this.context.options.timeoutMs,
      ...(this.options.autoIdleDelay !== undefined ? { autoIdleDelay: this.options.autoIdleDelay } : { disableAutoIdle: true }),
    };
  }
}

export function isGmailClient(client: ImapFlow): boolean {
  return client.capabilities.has('X-GM-EXT-1');
}
