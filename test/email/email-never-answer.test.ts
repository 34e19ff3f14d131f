/**
 * What must never be answered (RFC 3834 §2) is never delivered by listen(), on a real Dovecot: null
 * Return-Path, multipart/report bounces, MAILER-DAEMON and postmaster senders, list mail, and
 * X-Auto-Response-Suppress. A bounce of a mail the channel sent (the real shapes of RFC 3464, Gmail,
 * Postfix and Exchange Online in test/fixtures/email) is an 'error' event naming the recipient and the status.
 */
import { describe, expect, it } from 'vitest';
import { PlatformError, type Message } from '../../src/index.js';
import { simpleParser } from 'mailparser';
import { findInHistory, grownBy, nothingMoreBy } from '../conformance/helpers.js';
import { emailFixture, headerSection } from './email-fixtures.js';
import { emailTestScope } from './email-test-scope.js';
import { composeCustomerMail } from './email-world.js';
import { requireDovecot } from './requires-dovecot.js';

if (requireDovecot()) {
  const { servers, controllers, botChannel } = emailTestScope();

  function listen(channel: Awaited<ReturnType<typeof botChannel>>['channel']) {
    const controller = new AbortController();
    controllers.push(controller);
    return channel.listen({ since: new Date(Date.now() - 5000), signal: controller.signal })[Symbol.asyncIterator]();
  }

  describe('email: what must not be answered', () => {
    it('never delivers a null Return-Path, a multipart/report, MAILER-DAEMON or postmaster, list mail or X-Auto-Response-Suppress', async () => {
      const { bot, customer, channel } = await botChannel({ pollIntervalMs: 100 });
      const iterator = listen(channel);
      const pending = iterator.next();
      const automatic: { from?: string; headers?: Record<string, string> }[] = [
        { headers: { 'Return-Path': '<>' } },
        { from: `MAILER-DAEMON@${customer.address.split('@')[1]}` },
        { from: 'Mail Delivery System <postmaster@example.net>' },
        { headers: { 'List-Id': 'Support talk <support.lists.example.net>' } },
        { headers: { 'List-Unsubscribe': '<mailto:leave@lists.example.net>' } },
        { headers: { 'X-Auto-Response-Suppress': 'All' } },
      ];
      for (const { from, headers } of automatic) {
        await servers.appendTo(bot.user, (await composeCustomerMail({ from: from ?? customer.address, to: bot.address, text: 'do not answer me', ...(headers ? { headers } : {}) })).raw);
      }
      // A bounce of someone else's mail (not the channel's): skipped too, and not reported.
      const errors: Error[] = [];
      channel.on('error', (error) => errors.push(error));
      const foreign = (await composeCustomerMail({ from: customer.address, to: 'someone@example.net', text: 'hi', subject: 'Not the bot' })).raw;
      await servers.appendTo(bot.user, emailFixture('outlook-recipient-not-found.eml', { SENDER: customer.address, RECIPIENT: 'someone@example.net', ORIGINAL_ID: 'x@example.test', SUBJECT: 'Not the bot', ORIGINAL_HEADERS: headerSection(foreign) }));
      await servers.appendTo(bot.user, (await composeCustomerMail({ from: customer.address, to: bot.address, text: 'a real question' })).raw);
      expect(((await pending).value as Message).text.trim()).toBe('a real question');
      expect(await nothingMoreBy(iterator, grownBy(() => servers.proxy.reads, 4), 20_000)).toBeUndefined();
      expect(errors.filter((error) => error instanceof PlatformError && error.platformSubcode === 'BOUNCED')).toEqual([]);
    });

    it('reports a bounce of its own mail as an error event with the recipient and the DSN status, and never delivers it', async () => {
      const { bot, customer, channel } = await botChannel({ pollIntervalMs: 100 });
      const errors: Error[] = [];
      channel.on('error', (error) => errors.push(error));
      const sent = await channel.send({ to: customer.address, subject: 'Your ticket', text: 'We fixed it.' });
      const original = await sourceOf(customer.user, sent.id);
      const iterator = listen(channel);
      const pending = iterator.next();
      const bounces = [
        ['rfc3464-timeout.eml', 'gone@example.org', '4.0.0'],
        ['gmail-user-unknown.eml', 'nobody@gmail.example', '5.1.1'],
        ['postfix-user-unknown.eml', 'left@example.org', '5.1.1'],
        ['outlook-recipient-not-found.eml', 'moved@contoso.example', '5.1.10'],
      ] as const;
      for (const [fixture, recipient] of bounces) {
        const values = { SENDER: bot.address, RECIPIENT: recipient, ORIGINAL: original.toString(), ORIGINAL_HEADERS: headerSection(original), ORIGINAL_ID: sent.id, SUBJECT: 'Your ticket' };
        await servers.appendTo(bot.user, emailFixture(fixture, values));
      }
      await servers.appendTo(bot.user, (await composeCustomerMail({ from: customer.address, to: bot.address, text: 'a real question' })).raw);
      expect(((await pending).value as Message).text.trim()).toBe('a real question');
      expect(await nothingMoreBy(iterator, grownBy(() => servers.proxy.reads, 4), 20_000)).toBeUndefined();
      const reported = errors.filter((error): error is PlatformError => error instanceof PlatformError && error.platformSubcode === 'BOUNCED');
      // IDLE and the poll may read them in either order: each once, whichever came first.
      expect(reported.map((error) => [error.details?.recipient, error.platformCode]).sort()).toEqual(bounces.map(([, recipient, status]) => [recipient, status]).sort());
      for (const error of reported) {
        expect(error.details?.messageId).toBe(sent.id);
        expect(error.message).toContain(error.details!.recipient as string);
      }
      expect(reported.find((error) => error.details?.recipient === 'nobody@gmail.example')!.platformMessage).toContain('550-5.1.1 The email account that you tried to reach does not exist');
    }, 30_000);
  });

  describe('email: what it sends is marked', () => {
    it('marks every answer Auto-Submitted: auto-replied (RFC 3834 §5) and adds the headers of the headers option', async () => {
      const { bot, customer, channel } = await botChannel({ email: { headers: { 'X-Ticket-System': 'acme', 'Reply-To': 'help@example.test' } } });
      const { id, raw } = await composeCustomerMail({ from: customer.address, to: bot.address, text: 'Where is my order?' });
      await servers.appendTo(bot.user, raw);
      const inbound = await findInHistory(channel, id);
      const answer = await channel.reply(inbound, { text: 'On its way.' });
      const sent = await channel.send({ to: customer.address, subject: 'News', text: 'We moved.' });
      const answerMail = await simpleParser(await sourceOf(customer.user, answer.id));
      expect(answerMail.headers.get('auto-submitted')).toBe('auto-replied');
      expect(answerMail.headers.get('x-ticket-system')).toBe('acme');
      expect(answerMail.replyTo?.value[0]?.address).toBe('help@example.test');
      const sentMail = await simpleParser(await sourceOf(customer.user, sent.id));
      expect(sentMail.headers.get('x-ticket-system')).toBe('acme');
      expect(sentMail.headers.has('auto-submitted')).toBe(false); // a mail of its own is not an answer
    });
  });

  async function sourceOf(user: string, messageId: string): Promise<Buffer> {
    const client = await servers.imapAs(user);
    try {
      await client.mailboxOpen('INBOX');
      for await (const item of client.fetch('1:*', { source: true, envelope: true })) if (item.envelope?.messageId === `<${messageId}>` && item.source) return item.source;
      throw new Error(`no mail <${messageId}> in ${user}'s INBOX`);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }
}
