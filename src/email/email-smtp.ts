/**
 * Sending over SMTP with nodemailer. Transient replies (4yz, RFC 5321 §4.2.1) are retried with
 * backoff; a rate-limit reply also marks the channel's `smtp` bucket spent, so concurrent and later
 * sends wait for it (or throw with `onLimit: 'throw'`). Permanent replies (5yz) are never retried.
 * A connection lost once the whole message was handed over may have delivered it: `maybeDelivered`.
 */
import nodemailer from 'nodemailer';
import type { ChannelContext } from '../core/context.js';
import { Quota } from '../core/http/quota.js';
import { sleep } from '../core/sleep.js';
import { isRateLimitReply, isTransientReply, smtpError } from './email-errors.js';
import type { NormalizedEmailOptions } from './email-options.js';

type Transport = ReturnType<typeof nodemailer.createTransport>;

// Backoff between attempts after a transient reply; SMTP sends no Retry-After, so double from 1 s.
const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 60_000;

export interface Envelope {
  from: string;
  to: string[];
}

export class SmtpSender {
  readonly #quota: Quota;
  readonly #bucket: string;

  constructor(
    private readonly settings: NormalizedEmailOptions,
    private readonly context: ChannelContext,
  ) {
    this.#quota = new Quota(context);
    this.#bucket = context.bucketName('smtp');
  }

  async send(envelope: Envelope, raw: Buffer): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const release = await this.#quota.reserve([this.#bucket]);
      // Set once the whole message (through the final ".") went to the server: a failure after that is ambiguous.
      const phase = { handedOver: false };
      const transport = this.#transport(phase);
      try {
        await transport.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw });
        return;
      } catch (error) {
        const handedOver = phase.handedOver;
        const failure = error as { responseCode?: number; response?: string; code?: string };
        const code = failure.responseCode;
        const lostAfterData = code === undefined && handedOver;
        const proven = isTransientReply(code) || (code === undefined && !handedOver && failure.code !== 'EAUTH');
        if (lostAfterData || !proven || attempt > this.context.options.retry.retries) throw smtpError(error, this.context, lostAfterData);
        const waitMs = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (attempt - 1));
        if (isRateLimitReply(code, failure.response)) {
          await this.#quota.exhaust(this.#bucket, new Date(Date.now() + waitMs)); // the next reserve waits (or throws)
        } else {
          this.context.emit('retry', smtpError(error, this.context, false), attempt);
          await sleep(waitMs);
        }
      } finally {
        transport.close();
        release();
      }
    }
  }

  /**
   * One transport (one connection, nodemailer opens one per mail anyway) per attempt, whose logger
   * only watches for the line nodemailer writes once the message is on the wire; nothing is logged.
   */
  #transport(phase: { handedOver: boolean }): Transport {
    const smtp = this.settings.smtp;
    if (smtp.auth) {
      this.context.addSecret(smtp.auth.pass);
      // AUTH PLAIN sends base64("\0user\0pass") (RFC 4616 §2), AUTH LOGIN base64(pass): an echo of either is a leak too.
      this.context.addSecret(Buffer.from(`\0${smtp.auth.user}\0${smtp.auth.pass}`).toString('base64'));
      this.context.addSecret(Buffer.from(smtp.auth.pass).toString('base64'));
    }
    const watch = (meta: { tnx?: string; outByteCount?: number } | undefined) => {
      if (meta?.tnx === 'message' && meta.outByteCount !== undefined) phase.handedOver = true;
    };
    const logger = { level: () => undefined, trace: () => undefined, debug: () => undefined, info: watch, warn: () => undefined, error: () => undefined, fatal: () => undefined };
    return nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      ...(smtp.auth ? { auth: { user: smtp.auth.user, pass: smtp.auth.pass } } : {}),
      connectionTimeout: this.context.options.timeoutMs,
      greetingTimeout: this.context.options.timeoutMs,
      socketTimeout: this.context.options.timeoutMs,
      logger,
      debug: true, // the byte-count line is logged only with debug on
    });
  }
}
