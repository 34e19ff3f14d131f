/**
 * Sending over SMTP with nodemailer. Transient replies (4yz, RFC 5321 §4.2.1) are retried with
 * backoff; a rate-limit reply also marks the channel's `smtp` bucket spent, so concurrent and later
 * sends wait for it (or throw with `onLimit: 'throw'`). Permanent replies (5yz) are never retried.
 * A connection lost once the whole message was handed over may have delivered it: `maybeDelivered`.
 */
import nodemailer from 'nodemailer';
import type { ChannelContext } from '../core/context.js';
import { ChannelError, RateLimitError } from '../core/errors.js';
import { Quota } from '../core/http/quota.js';
import { backoffDelay, retry } from '../core/retry.js';
import { isRateLimitReply, isTransientReply, smtpError } from './email-errors.js';
import type { Login, ServerLogin } from './email-login.js';
import type { NormalizedEmailOptions } from './email-options.js';

type Transport = ReturnType<typeof nodemailer.createTransport>;

// Backoff between attempts after a transient reply; SMTP sends no Retry-After, so double from 1 s.
const BACKOFF = { firstDelayMs: 1000, maxDelayMs: 60_000 };
// The pooled connection is closed after this long without a mail.
const POOL_IDLE_MS = 5_000;

export interface Envelope {
  from: string;
  to: string[];
}

export class SmtpSender {
  readonly #quota: Quota;
  readonly #bucket: string;
  #pool: Transport | undefined;
  #poolKey: string | undefined;
  /** The attempt now on the connection: its logger line marks it handed over. */
  #phase: { handedOver: boolean } | undefined;
  #turn: Promise<unknown> = Promise.resolve();
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly settings: NormalizedEmailOptions,
    private readonly context: ChannelContext,
    /** The login, resolved again for every connection (a token may have changed). */
    private readonly login: ServerLogin,
  ) {
    this.#quota = new Quota(context);
    this.#bucket = context.bucketName('smtp');
  }

  async send(envelope: Envelope, raw: Buffer): Promise<void> {
    // How each failed attempt ended: whether it may be retried, and whether the server said "slow down".
    const verdicts = new WeakMap<object, { retry: boolean; rateLimited: boolean }>();
    await retry(
      async () => {
        const release = await this.#quota.reserve([this.#bucket]);
        // Set once the whole message (through the final ".") went to the server: a failure after that is ambiguous.
        const phase = { handedOver: false };
        try {
          await this.#sendWithLogin(envelope, raw, phase);
        } catch (error) {
          const handedOver = phase.handedOver;
          const failure = error as { responseCode?: number; response?: string; code?: string };
          const code = failure.responseCode;
          const lostAfterData = code === undefined && handedOver;
          const typed = smtpError(error, this.context, lostAfterData);
          // A refused login, a refused STARTTLS or a failed TLS handshake comes back the same when tried again.
          const proven = isTransientReply(code) || (code === undefined && !handedOver && !ChannelError.isInstance(error) && failure.code !== 'EAUTH' && typed.code === 'network');
          verdicts.set(typed, { retry: proven && !lostAfterData, rateLimited: isRateLimitReply(code, failure.response) });
          // A daily quota (Gmail 550 5.4.5): later sends wait for its reset, or throw without connecting.
          if (typed instanceof RateLimitError && typed.quota && typed.resetAt) await this.#quota.exhaust(this.#bucket, typed.resetAt);
          throw typed;
        } finally {
          release();
        }
      },
      {
        retries: this.context.options.retry.retries,
        ...BACKOFF,
        shouldRetry: ({ error }) => verdicts.get(error as object)?.retry === true,
        // A rate-limit reply waits through the quota instead: the next reserve waits (or throws).
        waitMs: ({ error }) => (verdicts.get(error as object)?.rateLimited ? 0 : undefined),
        onFailedAttempt: async ({ error, attempt }) => {
          if (verdicts.get(error as object)?.rateLimited) {
            await this.#quota.exhaust(this.#bucket, new Date(Date.now() + backoffDelay(attempt, BACKOFF)));
          } else {
            this.context.emit('retry', error as ChannelError, attempt);
          }
        },
      },
    );
  }

  /** One attempt on the pooled connection; a managed token the server refused is refreshed once and tried again. */
  async #sendWithLogin(envelope: Envelope, raw: Buffer, phase: { handedOver: boolean }): Promise<void> {
    // One mail at a time on the one connection, so the logger's "message handed over" line is this mail's.
    const turn = this.#turn.then(async () => {
      clearTimeout(this.#idleTimer); // in use again: not closed under this mail
      let login = await this.login.resolve();
      for (;;) {
        const transport = this.#pooled(login);
        this.#phase = phase;
        try {
          await transport.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw });
          return;
        } catch (error) {
          const refused = (error as { code?: string }).code === 'EAUTH' && !phase.handedOver;
          this.#dropPool(); // a refused login or a broken connection: the next attempt connects afresh
          const again = refused && login ? await this.login.afterRefusal(login) : undefined;
          if (!again) throw error;
          login = again;
        } finally {
          this.#phase = undefined;
        }
      }
    });
    this.#turn = turn.catch(() => undefined);
    // An idle connection is closed after a while: a burst of mails shares it, and a script that sent its mail
    // and forgot close() is not kept alive by an open socket until the server times it out.
    void turn.finally(() => this.#closeWhenIdle()).catch(() => undefined);
    return turn;
  }

  /** Close the pooled connection (close() of the channel). */
  close(): void {
    this.#dropPool();
  }

  /**
   * The one pooled connection (nodemailer's pool, maxConnections 1) for this login: mails go out one
   * after the other on it, instead of a new connection, greeting, STARTTLS and AUTH for each. A login
   * that changed (a new token) gets a new pool. Its logger only watches for the line nodemailer writes
   * once a message is on the wire; nothing is logged.
   */
  #pooled(login: Login | undefined): Transport {
    const key = login ? ('pass' in login ? `pass:${login.user}:${login.pass}` : `token:${login.user}:${login.accessToken}`) : 'none';
    if (this.#pool && this.#poolKey === key) return this.#pool;
    this.#dropPool();
    const smtp = this.settings.smtp;
    const watch = (meta: { tnx?: string; outByteCount?: number } | undefined) => {
      if (meta?.tnx === 'message' && meta.outByteCount !== undefined && this.#phase) this.#phase.handedOver = true;
    };
    const logger = { level: () => undefined, trace: () => undefined, debug: () => undefined, info: watch, warn: () => undefined, error: () => undefined, fatal: () => undefined };
    this.#pool = nodemailer.createTransport({
      pool: true,
      maxConnections: 1,
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      // secure: false must upgrade with STARTTLS before AUTH; insecure lets a local test server skip it.
      ...(smtp.secure || smtp.insecure ? {} : { requireTLS: true }),
      tls: smtp.tls,
      ...(login ? { auth: 'pass' in login ? { user: login.user, pass: login.pass } : { type: 'OAuth2' as const, user: login.user, accessToken: login.accessToken } } : {}),
      connectionTimeout: this.context.options.timeoutMs,
      greetingTimeout: this.context.options.timeoutMs,
      socketTimeout: this.context.options.timeoutMs,
      logger,
      debug: true, // the byte-count line is logged only with debug on
    });
    this.#poolKey = key;
    return this.#pool;
  }

  #closeWhenIdle(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => this.#dropPool(), POOL_IDLE_MS);
    this.#idleTimer.unref?.();
  }

  #dropPool(): void {
    clearTimeout(this.#idleTimer);
    this.#pool?.close();
    this.#pool = undefined;
    this.#poolKey = undefined;
  }
}
