/**
 * `secure: false` means STARTTLS before any login: a server that does not offer it (Dovecot with
 * `ssl = no`, smtp-server without STARTTLS) is refused with a PlatformError `STARTTLS_UNAVAILABLE`
 * before the token or password goes out, unless `insecure: true`; a certificate the client does not
 * trust is a PlatformError `TLS_FAILED`, and `tls.ca` makes a private CA's certificate trusted.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { email } from '../../src/email/index.js';
import { PlatformError, type Channel, type Message } from '../../src/index.js';
import { rejection } from '../conformance/helpers.js';
import { requireDovecot } from './requires-dovecot.js';
import { requireOpenssl } from './test-certificate.js';
import { TlsMailServers } from './tls-world.js';

if (requireDovecot() && requireOpenssl()) {
  const servers = new TlsMailServers();
  const channels: Channel[] = [];
  beforeAll(() => servers.start(), 30_000);
  afterEach(async () => {
    await Promise.all(channels.splice(0).map((channel) => channel.close()));
  });
  afterAll(() => servers.dispose());

  async function history(channel: Channel): Promise<Message[]> {
    const messages: Message[] = [];
    for await (const message of channel.messages({ limit: 50 })) messages.push(message);
    return messages;
  }

  function plainChannel(accessToken: string, insecure: boolean): Channel {
    const channel = email({
      address: 'bot@example.test',
      imap: { host: '127.0.0.1', port: servers.plainDovecot.port, secure: false, ...(insecure ? { insecure } : {}), auth: { user: 'bot', accessToken } },
      smtp: { host: '127.0.0.1', port: servers.plainRelay.port, secure: false, ...(insecure ? { insecure } : {}), auth: { user: 'bot', accessToken } },
      retry: { retries: 0 },
    });
    channels.push(channel);
    return channel;
  }

  function expectTlsError(error: unknown, platformCode: string, secrets: string[]): void {
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).platformCode).toBe(platformCode);
    const shown = JSON.stringify(error) + String((error as Error).stack) + JSON.stringify((error as Error).cause ?? null);
    for (const secret of secrets) expect(shown).not.toContain(secret);
  }

  describe('STARTTLS required with secure: false', () => {
    it('refuses an IMAP and an SMTP server that offer no STARTTLS, before the token goes out', async () => {
      const token = servers.tokens.issue('bot');
      const channel = plainChannel(token, false);
      const introspectedBefore = servers.tokens.introspected.length;
      expectTlsError(await rejection(history(channel)), 'STARTTLS_UNAVAILABLE', [token]);
      expectTlsError(await rejection(channel.send({ to: 'customer@example.test', text: 'hello' })), 'STARTTLS_UNAVAILABLE', [token]);
      expect(servers.tokens.introspected.length).toBe(introspectedBefore); // Dovecot never saw the token
      expect(servers.plainRelay.logins).toEqual([]); // nor did the relay
      expect((await rejection(channel.send({ to: 'customer@example.test', text: 'hello' })) as Error).message).toMatch(/does not offer STARTTLS/);
    });

    it('logs in without TLS on those servers with insecure: true (local test servers)', async () => {
      const token = servers.tokens.issue('bot');
      const channel = plainChannel(token, true);
      await history(channel);
      expect(servers.tokens.introspected).toContain(token);
      // The plain relay refuses to deliver (4yz), so the send fails after the login, which is what is looked at here.
      await rejection(channel.send({ to: 'customer@example.test', text: 'hello' }));
      expect(servers.plainRelay.logins.at(-1)).toEqual({ method: 'XOAUTH2', user: 'bot', accessToken: token, secure: false });
    });

    it('refuses a certificate it does not trust (no tls.ca), before the token goes out', async () => {
      const token = servers.tokens.issue('bot');
      const options = servers.options('bot', { user: 'bot', accessToken: token });
      const channel = email({ ...options, imap: { ...options.imap, tls: {} }, smtp: { ...options.smtp, tls: {} } });
      channels.push(channel);
      const introspectedBefore = servers.tokens.introspected.length;
      const loginsBefore = servers.relay.logins.length;
      expectTlsError(await rejection(history(channel)), 'TLS_FAILED', [token]);
      expectTlsError(await rejection(channel.send({ to: 'customer@example.test', text: 'hello' })), 'TLS_FAILED', [token]);
      expect(servers.tokens.introspected.length).toBe(introspectedBefore);
      expect(servers.relay.logins.length).toBe(loginsBefore);
    });

    it('upgrades with STARTTLS and logs in with a password as well, trusting the private CA through tls.ca', async () => {
      const channel = servers.channel('bot', { user: 'bot', pass: servers.passwords.get('bot')! });
      channels.push(channel);
      const loginsBefore = servers.relay.logins.length;
      await history(channel);
      await channel.send({ to: 'customer@example.test', subject: 'Over TLS', text: 'sent with a password after STARTTLS' });
      expect(servers.relay.logins.slice(loginsBefore)).toEqual([{ method: 'PLAIN', user: 'bot', accessToken: undefined, secure: true }]);
    });
  });
}
