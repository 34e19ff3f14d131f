/**
 * Mail servers as a provider runs them, for the STARTTLS and XOAUTH2 tests: a Dovecot that requires
 * STARTTLS (a certificate made at test start) and checks tokens with its oauth2 passdb against a
 * token server on 127.0.0.1, an smtp-server that offers STARTTLS and XOAUTH2 and delivers into
 * Dovecot, and the same two without TLS (a server that offers no STARTTLS). One set per test file.
 */
import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { email, type EmailOptions } from '../../src/email/index.js';
import type { Channel } from '../../src/index.js';
import { Dovecot } from './dovecot.js';
import { ImapProxy } from './imap-proxy.js';
import { SmtpRelay } from './smtp-relay.js';
import { makeTestCertificate, type TestCertificate } from './test-certificate.js';
import { TokenServer } from './token-server.js';

export const DOMAIN = 'example.test';
const USERS = ['bot', 'customer', 'plain'];

export class TlsMailServers {
  readonly tokens = new TokenServer();
  readonly passwords = new Map(USERS.map((user) => [user, `pw-${randomUUID()}`]));
  certificate!: TestCertificate;
  /** STARTTLS required, passwords and tokens. */
  dovecot!: Dovecot;
  /** A relay in front of `dovecot`, to cut connections. */
  proxy!: ImapProxy;
  /** STARTTLS and XOAUTH2. */
  relay!: SmtpRelay;
  /** No TLS at all (ssl = no), tokens checked all the same. */
  plainDovecot!: Dovecot;
  /** No STARTTLS offered, XOAUTH2 accepted. */
  plainRelay!: SmtpRelay;

  async start(): Promise<void> {
    this.certificate = makeTestCertificate();
    await this.tokens.start();
    const oauth2 = { introspectionUrl: `${this.tokens.url}/introspect` };
    const userOfToken = (token: string) => this.tokens.userOf(token);
    this.dovecot = new Dovecot(undefined, { tls: this.certificate, oauth2 });
    this.plainDovecot = new Dovecot(undefined, { oauth2 });
    for (const dovecot of [this.dovecot, this.plainDovecot]) for (const [user, pass] of this.passwords) dovecot.addUser(user, pass);
    this.proxy = new ImapProxy(() => this.dovecot.port);
    this.relay = new SmtpRelay(this.passwords, (recipients, raw) => this.deliver(recipients, raw), { tls: this.certificate, userOfToken });
    this.plainRelay = new SmtpRelay(this.passwords, () => Promise.reject(new Error('the plain relay delivers nothing')), { userOfToken });
    await Promise.all([this.dovecot.start(), this.plainDovecot.start(), this.proxy.start(), this.relay.start(), this.plainRelay.start()]);
  }

  /** Options of a channel for `user` on the TLS servers, with the given login and overrides. */
  options(user: string, auth: EmailOptions['imap']['auth'], overrides: Partial<EmailOptions> = {}): EmailOptions {
    const tls = { ca: this.certificate.cert };
    return {
      address: `${user}@${DOMAIN}`,
      imap: { host: '127.0.0.1', port: this.proxy.port, secure: false, tls, auth },
      smtp: { host: '127.0.0.1', port: this.relay.port, secure: false, tls, auth },
      retry: { retries: 0 },
      ...overrides,
    };
  }

  channel(user: string, auth: EmailOptions['imap']['auth'], overrides: Partial<EmailOptions> = {}): Channel {
    return email(this.options(user, auth, overrides));
  }

  /** Into each recipient's INBOX by APPEND, logged in with its password over STARTTLS. */
  async deliver(recipients: string[], raw: Buffer): Promise<void> {
    for (const recipient of recipients) {
      const [user, domain] = recipient.toLowerCase().split('@');
      if (domain !== DOMAIN || !this.passwords.has(user!)) throw new Error(`no mailbox for ${recipient}`);
      const client = new ImapFlow({
        host: '127.0.0.1',
        port: this.dovecot.port,
        secure: false,
        doSTARTTLS: true,
        tls: { ca: this.certificate.cert },
        auth: { user: user!, pass: this.passwords.get(user!)! },
        logger: false,
      });
      client.on('error', () => undefined);
      await client.connect();
      try {
        await client.append('INBOX', raw);
      } finally {
        await client.logout().catch(() => client.close());
      }
    }
  }

  async dispose(): Promise<void> {
    await Promise.all([this.relay?.close(), this.plainRelay?.close(), this.proxy?.close(), this.tokens.close()].map((closing) => closing?.catch(() => undefined)));
    await Promise.all([this.dovecot?.dispose(), this.plainDovecot?.dispose()]);
    this.certificate?.dispose();
  }
}
