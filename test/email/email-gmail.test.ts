/**
 * Gmail, on a real Dovecot behind a proxy that answers Gmail's IMAP extensions as Google documents
 * them (https://developers.google.com/gmail/imap/imap-extensions: X-GM-EXT-1, X-GM-THRID, X-GM-MSGID;
 * test/email/gmail-extensions.ts), with Gmail's mailboxes: every mail in `[Gmail]/All Mail`, what the
 * SMTP server sent filed by the server in `[Gmail]/Sent Mail`. The channel files no second copy, its
 * threads are X-GM-THRID, and thread() finds a conversation in All Mail, archived mail included.
 */
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/index.js';
import { collect, findInHistory } from '../conformance/helpers.js';
import { emailTestScope } from './email-test-scope.js';
import { composeCustomerMail, GMAIL_ALL, GMAIL_SENT } from './email-world.js';
import { requireDovecot } from './requires-dovecot.js';

if (requireDovecot()) {
  const { servers, botChannel } = emailTestScope({ gmail: true });

  async function idsIn(user: string, mailbox: string): Promise<string[]> {
    const client = await servers.imapAs(user);
    try {
      const box = await client.mailboxOpen(mailbox);
      if (box.exists === 0) return [];
      const ids: string[] = [];
      for await (const item of client.fetch('1:*', { envelope: true })) ids.push((item.envelope?.messageId ?? '').replace(/^<|>$/g, ''));
      return ids;
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  describe('email on Gmail', () => {
    it('files no second copy in Sent: Gmail filed the one its SMTP server sent', async () => {
      const { bot, customer, channel } = await botChannel();
      const question = await composeCustomerMail({ from: customer.address, to: bot.address, text: 'Is it in stock?' });
      await servers.appendTo(bot.user, question.raw);
      const reply = await channel.reply(await findInHistory(channel, question.id), { text: 'Yes, two left.' });
      const sent = await channel.send({ to: customer.address, subject: 'Restocked', text: 'More arrived.' });
      expect((await idsIn(bot.user, GMAIL_SENT)).sort()).toEqual([reply.id, sent.id].sort());
    });

    it("threads by X-GM-THRID, and thread() finds the conversation in All Mail, archived mail included, each once", async () => {
      const { bot, customer, channel } = await botChannel();
      const question = await composeCustomerMail({ from: customer.address, to: bot.address, text: 'Where is order 9?' });
      await servers.appendTo(bot.user, question.raw);
      const inbound = await findInHistory(channel, question.id);
      expect(inbound.threadId).toMatch(/^\d+$/); // Gmail's thread id, a 64-bit number
      const reply = await channel.reply(inbound, { text: 'It ships tomorrow.' });
      // The customer's answer, archived at once: only in All Mail, in neither INBOX nor Sent.
      const archived = await composeCustomerMail({ from: customer.address, to: bot.address, subject: 'Re: A question', text: 'Thanks!', inReplyTo: reply.id, references: [question.id, reply.id] });
      await servers.appendTo(bot.user, archived.raw, GMAIL_ALL);
      const conversation: Message[] = await collect(channel.thread(inbound));
      expect(conversation.map((message) => message.id)).toEqual([question.id, reply.id, archived.id]);
      expect(new Set(conversation.map((message) => message.threadId))).toEqual(new Set([inbound.threadId]));
      expect(await collect(channel.thread(question.id))).toHaveLength(3);
    });
  });
}
