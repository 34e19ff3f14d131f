/**
 * IMAP IDLE (RFC 2177, https://www.rfc-editor.org/rfc/rfc2177): a second connection keeps the
 * mailbox selected and idles (imapflow issues IDLE after `autoIdleDelay`, or NOOP polls when the
 * server lacks IDLE); each EXISTS answer pushes the new mail into listen() at once. When the
 * connection drops (or the server closes it cleanly) it reconnects with backoff and pushes what arrived meanwhile. The poll source
 * sees the same mail, so the engine delivers each message once whichever comes first.
 */
import type { ImapFlow } from 'imapflow';
import type { ChannelContext } from '../core/context.js';
import { AuthError, NetworkError } from '../core/errors.js';
import type { PushedItem } from '../core/listen/push-queue.js';
import { backoffDelay, retry } from '../core/retry.js';
import { sleep } from '../core/sleep.js';
import { toError } from '../core/to-error.js';
import { ImapConnection } from './email-imap.js';
import type { ServerLogin } from './email-login.js';
import { INBOX_SOURCE, type InboxSource } from './email-listen.js';
import type { NormalizedEmailOptions } from './email-options.js';

// imapflow waits 15 s of quiet before it starts IDLE; new mail would show up that late.
const AUTO_IDLE_DELAY_MS = 100;
// Backoff between reconnections while the server cannot be reached.
const BACKOFF = { firstDelayMs: 250, maxDelayMs: 30_000 };
// A connection that stayed up this long ended normally: the next close starts the backoff afresh.
const STABLE_MS = 60_000;

export class InboxWatcher {
  #running: Promise<void> | undefined;
  /** Settles once the first connection of this run has selected the mailbox, or failed. */
  #ready: Promise<void> = Promise.resolve();
  #validity: string | undefined;
  #lastUid = 0;
  #checks: Promise<void> = Promise.resolve();

  constructor(
    private readonly settings: NormalizedEmailOptions,
    private readonly context: ChannelContext,
    private readonly source: InboxSource,
    private readonly push: (item: PushedItem) => void,
    private readonly login: ServerLogin,
  ) {}

  /**
   * Watch while `signal` has not aborted (a second start while running is a no-op). Resolves once the
   * mailbox is selected (or the first connection failed): a poll that searches after that leaves no gap,
   * since mail after the selection comes by EXISTS, while mail before it is in the poll's search.
   */
  start(signal: AbortSignal): Promise<void> {
    if (!this.#running && !signal.aborted) {
      let ready = () => {};
      this.#ready = new Promise((resolve) => (ready = resolve));
      this.#running = this.#run(signal, ready).finally(() => {
        this.#running = undefined;
        ready();
      });
    }
    return this.#ready;
  }

  async #run(signal: AbortSignal, ready: () => void): Promise<void> {
    const connection = new ImapConnection(this.settings, this.context, this.login, {
      autoIdleDelay: AUTO_IDLE_DELAY_MS,
      retries: 0,
      onClient: (client) => client.on('exists', (event: { path: string }) => event.path === this.settings.mailbox && this.#check(client)),
    });
    const closeOnAbort = () => void connection.close();
    signal.addEventListener('abort', closeOnAbort, { once: true });
    let drops = 0; // closes in a row, each after a short-lived connection
    try {
      while (!signal.aborted) {
        // Connect, with backoff while it fails; the count starts afresh after each success.
        const client = await retry(() => this.#watch(connection, signal), {
          retries: Infinity,
          ...BACKOFF,
          signal,
          shouldRetry: ({ error }) => !(error instanceof AuthError), // a refused login surfaces through the poll source
          onFailedAttempt: ({ error }) => {
            ready(); // the poll does not wait while this connection retries
            this.context.emit('error', toError(error));
          },
        }).catch(() => undefined);
        ready();
        if (!client) return;
        const connectedAt = Date.now();
        await closed(client, signal);
        if (signal.aborted) return;
        // A server that closes the connection cleanly (a restart, a BYE at its session limit, a proxy's idle timeout)
        // is not called again at once: backoff, so a server that drops every session is not hammered.
        drops = Date.now() - connectedAt >= STABLE_MS ? 1 : drops + 1;
        this.context.emit('retry', new NetworkError('the IDLE connection was closed by the server', this.context.errorOptions()), drops);
        await sleep(backoffDelay(drops, BACKOFF), signal).catch(() => undefined);
      }
    } finally {
      signal.removeEventListener('abort', closeOnAbort);
      await connection.close();
    }
  }

  /** Connect and select the mailbox; push what arrived while the connection was down. */
  async #watch(connection: ImapConnection, signal: AbortSignal): Promise<ImapFlow> {
    const client = await connection.client(signal);
    const box = await client.mailboxOpen(this.settings.mailbox);
    const validity = String(box.uidValidity);
    if (validity !== this.#validity) {
      // First connection, or the mailbox was renumbered: the poll source resynchronises, IDLE starts afresh.
      this.#validity = validity;
      this.#lastUid = box.uidNext - 1;
    } else {
      this.#check(client); // back after a drop: push what arrived meanwhile
    }
    return client;
  }

  /** Push the mail after the last UID seen; checks run one at a time. */
  #check(client: ImapFlow): void {
    this.#checks = this.#checks.then(async () => {
      const validity = this.#validity;
      if (!client.usable || validity === undefined) return;
      try {
        const uids = ((await client.search({ uid: `${this.#lastUid + 1}:*` }, { uid: true })) || []).filter((uid) => uid > this.#lastUid);
        // The search found every UID after the last one seen: each mail follows the found UID before it (or that
        // last one), nothing between, so handled in order it moves the poll source's cursor.
        const found = [...uids].sort((a, b) => a - b);
        for (const item of await this.source.items(client, validity, found)) {
          const uid = Number(item.position.slice(item.position.lastIndexOf(':') + 1));
          const after = found.filter((earlier) => earlier < uid).at(-1) ?? this.#lastUid;
          this.push({ ...item, source: INBOX_SOURCE, after: `${validity}:${after}` });
        }
        if (uids.length > 0) this.#lastUid = Math.max(...uids);
      } catch (error) {
        this.context.emit('error', toError(error)); // the poll source catches up
      }
    });
  }
}

function closed(client: ImapFlow, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (!client.usable || signal.aborted) return resolve();
    const done = () => {
      client.off('close', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    client.on('close', done);
    signal.addEventListener('abort', done, { once: true });
  });
}
