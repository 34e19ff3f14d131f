/**
 * The conformance world for email: one real Dovecot per test file (fresh users per world, so every
 * test starts with empty mailboxes), an IMAP proxy counting reads, and an in-process SMTP server
 * delivering into Dovecot by APPEND. A customer's mail is APPENDed to the bot's INBOX as delivered.
 */
import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { email, type EmailOptions } from '../../src/email/index.js';
import type { Channel } from '../../src/index.js';
import type { ConformanceTarget, ConformanceWorld, InboundInput, WorldChannelOptions } from '../conformance/world.js';
import { Dovecot } from './dovecot.js';
import { GmailThreads } from './gmail-extensions.js';
import { ImapProxy } from './imap-proxy.js';
import { SmtpRelay } from './smtp-relay.js';

export const DOMAIN = 'example.test';
export const GMAIL_ALL = '[Gmail]/All Mail';
export const GMAIL_SENT = '[Gmail]/Sent Mail';

/** The servers of one test file: start once, `dispose()` in afterAll. */
export class EmailServers {
  readonly dovecot: Dovecot;
  readonly proxy: ImapProxy;
  /** In a Gmail world (`gmail: true`): Gmail's IMAP extensions on the proxy, and its mailboxes. */
  readonly gmail: boolean;
  readonly passwords = new Map<string, string>();
  readonly relay = new SmtpRelay(this.passwords, (recipients, raw, sender) => this.deliver(recipients, raw, sender));
  /**
   * Where the SMTP server files a copy of what a user of ours sends, as Gmail does ("[Gmail]/Sent Mail");
   * undefined: it files nothing, as most servers (the client APPENDs its own copy).
   */
  filesSentMailIn: string | undefined;
  #started: Promise<void> | undefined;
  readonly #used = new Map<string, number>();

  // Dovecot notices a changed passwd-file by its mtime, in whole seconds: every user is written before it starts.
  /**
   * `gmail: true` makes it a Gmail world: the proxy answers Gmail's IMAP extensions (gmail-extensions.ts),
   * Dovecot has `[Gmail]/All Mail` and `[Gmail]/Sent Mail`, every delivered mail is also in All Mail, and
   * the SMTP server files what a user sends in Sent Mail and All Mail, as Gmail does.
   */
  constructor(
    private readonly poolSize = 40,
    options: { gmail?: boolean } = {},
  ) {
    this.gmail = options.gmail ?? false;
    this.dovecot = new Dovecot(undefined, this.gmail ? { gmailMailboxes: true } : {});
    this.proxy = new ImapProxy(() => this.dovecot.port, this.gmail ? new GmailThreads() : undefined);
    if (this.gmail) this.filesSentMailIn = GMAIL_SENT;
    for (const prefix of ['bot', 'customer']) {
      for (let index = 1; index <= poolSize; index++) {
        const pass = `pw-${randomUUID()}`;
        this.passwords.set(`${prefix}${index}`, pass);
        this.dovecot.addUser(`${prefix}${index}`, pass);
      }
    }
  }

  start(): Promise<void> {
    this.#started ??= (async () => {
      await this.dovecot.start();
      await this.proxy.start();
      await this.relay.start();
    })();
    return this.#started;
  }

  /** A new user with an empty Maildir; returns its name (the address's local part) and password. */
  user(prefix: 'bot' | 'customer'): { user: string; pass: string; address: string } {
    const index = (this.#used.get(prefix) ?? 0) + 1;
    if (index > this.poolSize) throw new Error(`more than ${this.poolSize} ${prefix} users in one file: raise the pool`);
    this.#used.set(prefix, index);
    const user = `${prefix}${index}`;
    return { user, pass: this.passwords.get(user)!, address: `${user}@${DOMAIN}` };
  }

  /** An IMAP client straight to Dovecot (not counted by the proxy), for the test's own reads and writes. */
  async imapAs(user: string): Promise<ImapFlow> {
    const client = new ImapFlow({ host: '127.0.0.1', port: this.dovecot.port, secure: false, auth: { user, pass: this.passwords.get(user)! }, logger: false });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  /** The mails in a user's INBOX, parsed by mailparser, oldest first (none when the user never received mail). */
  async inbox(user: string): Promise<ParsedMail[]> {
    const client = await this.imapAs(user);
    try {
      try {
        await client.mailboxOpen('INBOX');
      } catch {
        return [];
      }
      const sources: Buffer[] = [];
      for await (const item of client.fetch('1:*', { source: true })) if (item.source) sources.push(item.source);
      return await Promise.all(sources.map((source) => simpleParser(source)));
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  async appendTo(user: string, raw: Buffer | string, mailbox = 'INBOX'): Promise<void> {
    const client = await this.imapAs(user);
    try {
      await client.append(mailbox, raw);
      if (this.gmail && mailbox === 'INBOX') await client.append(GMAIL_ALL, raw); // Gmail: INBOX is a label on All Mail
    } catch (error) {
      const failure = error as { responseText?: string; message?: string };
      throw new Error(`APPEND to ${user}/${mailbox} failed: ${failure.responseText ?? failure.message}`, { cause: error });
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  async deliver(recipients: string[], raw: Buffer, sender?: string): Promise<void> {
    const [senderUser, senderDomain] = (sender ?? '').toLowerCase().split('@');
    if (this.filesSentMailIn && senderDomain === DOMAIN && this.passwords.has(senderUser!)) {
      await this.appendTo(senderUser!, raw, this.filesSentMailIn);
      if (this.gmail) await this.appendTo(senderUser!, raw, GMAIL_ALL);
    }
    for (const recipient of recipients) {
      const [user, domain] = recipient.toLowerCase().split('@');
      if (domain !== DOMAIN || !this.passwords.has(user!)) throw new Error(`no mailbox for ${recipient}`);
      await this.appendTo(user!, raw);
    }
  }

  async dispose(): Promise<void> {
    await this.relay.close().catch(() => undefined);
    await this.proxy.close().catch(() => undefined);
    await this.dovecot.dispose();
  }
}

export interface EmailAccount {
  user: string;
  pass: string;
  address: string;
}

export function createEmailChannel(servers: EmailServers, bot: EmailAccount, options: WorldChannelOptions & { sentMailbox?: string; email?: Partial<EmailOptions> } = {}): Channel {
  const pass = options.badCredentials ? `${bot.pass}x` : bot.pass; // contains the real one: a leak of either shows
  return email({
    address: bot.address,
    name: 'Support bot',
    // The test servers offer no TLS: insecure lets the login go in clear, on 127.0.0.1 only.
    imap: { host: '127.0.0.1', port: servers.proxy.port, secure: false, insecure: true, auth: { user: bot.user, pass } },
    smtp: { host: '127.0.0.1', port: servers.relay.port, secure: false, insecure: true, auth: { user: bot.user, pass } },
    ...(options.store ? { store: options.store } : {}),
    ...(options.id ? { id: options.id } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
    ...(options.sentMailbox ? { sentMailbox: options.sentMailbox } : {}),
    ...options.email,
  });
}

/** A customer's mail to the bot, with threading headers when it answers an earlier one. */
export interface CustomerMail {
  from: string;
  to: string;
  text: string;
  subject?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export async function composeCustomerMail(mail: CustomerMail): Promise<{ id: string; raw: Buffer }> {
  const id = mail.messageId ?? `${randomUUID()}@${DOMAIN}`;
  const raw = await new MailComposer({
    from: mail.from,
    to: mail.to,
    subject: mail.subject ?? 'A question',
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    messageId: `<${id}>`,
    ...(mail.inReplyTo ? { inReplyTo: `<${mail.inReplyTo}>` } : {}),
    ...(mail.references?.length ? { references: mail.references.map((ref) => `<${ref}>`).join(' ') } : {}),
    ...(mail.headers ? { headers: mail.headers } : {}),
    ...(mail.attachments ? { attachments: mail.attachments } : {}),
  })
    .compile()
    .build();
  return { id, raw };
}

export function emailTarget(servers: EmailServers): ConformanceTarget {
  return {
    name: 'email',
    capabilities: { post: false, direct: true, webhooks: false },
    // A real Dovecot cannot be made to answer a malformed read.
    promises: { reviews: false, writeLimits: true, malformedReads: false },
    async setup(): Promise<ConformanceWorld> {
      await servers.start();
      const bot = servers.user('bot');
      const customer = servers.user('customer');
      const references = new Map<string, string[]>(); // what each inbound mail carried, to chain the next
      const readsAtStart = servers.proxy.reads;
      const writesAtStart = servers.relay.writes;
      return {
        recipient: customer.address,
        secret: bot.pass,
        create: (options) => createEmailChannel(servers, bot, options),
        async inbound(input: InboundInput): Promise<string> {
          const parentRefs = input.inReplyTo ? (references.get(input.inReplyTo) ?? []) : [];
          const chain = input.inReplyTo ? [...parentRefs, input.inReplyTo] : [];
          const { id, raw } = await composeCustomerMail({
            from: `Customer <${customer.address}>`,
            to: bot.address,
            text: input.text,
            subject: input.inReplyTo ? 'Re: A question' : 'A question',
            ...(input.inReplyTo ? { inReplyTo: input.inReplyTo, references: chain } : {}),
          });
          references.set(id, chain);
          await servers.appendTo(bot.user, raw);
          return id;
        },
        writes: () => servers.relay.writes - writesAtStart,
        reads: () => servers.proxy.reads - readsAtStart,
        failNextWriteAmbiguously: () => servers.relay.failNext({ kind: 'drop-after-data' }),
        limitWrites: (limit, windowMs) => servers.relay.limitWrites(limit, windowMs),
        async close() {
          servers.relay.limitWrites(Number.MAX_SAFE_INTEGER, 1);
        },
      };
    },
  };
}
