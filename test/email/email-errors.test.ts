/**
 * SMTP and IMAP refusals as providers word them, on smtp-server and a real Dovecot: Gmail's daily
 * sending limit (`550 5.4.5 Daily user sending limit exceeded`, https://support.google.com/a/answer/166852),
 * a refused login that keeps the server's explanation, and `530 5.7.0 Must issue a STARTTLS command
 * first` (Gmail's wording of RFC 3207 §4) that says so.
 */
import { describe, expect, it } from 'vitest';
import { email } from '../../src/email/index.js';
import { AuthError, PlatformError, RateLimitError } from '../../src/index.js';
import { collect, rejection } from '../conformance/helpers.js';
import { emailTestScope } from './email-test-scope.js';
import { requireDovecot } from './requires-dovecot.js';

if (requireDovecot()) {
  const { servers, channels, botChannel } = emailTestScope();

  describe('email errors as providers word them', () => {
    it("is a RateLimitError with quota: true for Gmail's 550 5.4.5 daily limit, and the next send waits for it without connecting", async () => {
      const { customer, channel } = await botChannel();
      servers.relay.failNext({ kind: 'reply', code: 550, message: '5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852 - gsmtp' });
      const dataBefore = servers.relay.dataCommands;
      const error = (await rejection(channel.send({ to: customer.address, subject: 'One more', text: 'Hello' }))) as RateLimitError;
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error.quota).toBe(true);
      expect(error.resetAt!.getTime()).toBeGreaterThan(Date.now() + 60 * 60 * 1000);
      expect(servers.relay.dataCommands - dataBefore).toBe(1); // never retried
      expect(await rejection(channel.send({ to: customer.address, subject: 'And another', text: 'Hello' }))).toBeInstanceOf(RateLimitError);
      expect(servers.relay.dataCommands - dataBefore).toBe(1);
    });

    it("keeps the server's explanation in an AuthError, SMTP and IMAP, and never the password", async () => {
      await servers.start();
      const bot = servers.user('bot');
      const wrong = `${bot.pass}-wrong`;
      const channel = email({
        address: bot.address,
        imap: { host: '127.0.0.1', port: servers.proxy.port, secure: false, insecure: true, auth: { user: bot.user, pass: wrong } },
        smtp: { host: '127.0.0.1', port: servers.relay.port, secure: false, insecure: true, auth: { user: bot.user, pass: wrong } },
        retry: { retries: 0 },
      });
      channels.push(channel);
      const smtp = (await rejection(channel.send({ to: 'someone@example.test', text: 'hi' }))) as AuthError;
      expect(smtp).toBeInstanceOf(AuthError);
      expect(smtp.message).toContain('5.7.8 Authentication credentials invalid');
      const imap = (await rejection(collect(channel.messages()))) as AuthError;
      expect(imap).toBeInstanceOf(AuthError);
      expect(imap.message).toMatch(/Authentication failed/i); // Dovecot's own words
      for (const error of [smtp, imap]) expect(`${error.message} ${JSON.stringify(error)} ${String(error.cause)}`).not.toContain(wrong);
    });

    it('says an SMTP 530 "Must issue a STARTTLS command first" is about STARTTLS, not the credentials', async () => {
      const { customer, channel } = await botChannel();
      servers.relay.failNext({ kind: 'reply', code: 530, message: '5.7.0 Must issue a STARTTLS command first. - gsmtp', at: 'mail' });
      const error = (await rejection(channel.send({ to: customer.address, subject: 'Hi', text: 'Hello' }))) as PlatformError;
      expect(error).toBeInstanceOf(PlatformError);
      expect(error).not.toBeInstanceOf(AuthError);
      expect(error.platformCode).toBe('STARTTLS_REQUIRED');
      expect(error.message).toContain('STARTTLS');
    });
  });
}
