/**
 * A mailbox is ordered by INTERNALDATE, when the server received each mail (RFC 3501 §2.3.3), not by
 * the sender's Date:, which is their clock or anything they wrote. Real Dovecot; APPEND sets the
 * INTERNALDATE of imported mail (RFC 3501 §6.3.11).
 */
import { describe, expect, it } from 'vitest';
import { collect } from '../conformance/helpers.js';
import { emailTestScope } from './email-test-scope.js';
import { composeCustomerMail } from './email-world.js';
import { requireDovecot } from './requires-dovecot.js';

if (requireDovecot()) {
  const { servers, botChannel } = emailTestScope();

  describe('email order', () => {
    it("orders messages() and thread() by INTERNALDATE, whatever the sender's Date: says", async () => {
      const { bot, customer, channel } = await botChannel();
      const question = await composeCustomerMail({ from: customer.address, to: bot.address, text: 'first, from a clock set to 2030', headers: { Date: 'Tue, 01 Jan 2030 10:00:00 +0000' } });
      const followUp = await composeCustomerMail({ from: customer.address, to: bot.address, text: 'second, from a clock set to 1999', inReplyTo: question.id, references: [question.id], headers: { Date: 'Fri, 01 Jan 1999 10:00:00 +0000' } });
      const client = await servers.imapAs(bot.user);
      try {
        await client.append('INBOX', question.raw, [], new Date(Date.now() - 60 * 60 * 1000));
        await client.append('INBOX', followUp.raw, [], new Date(Date.now() - 30 * 60 * 1000));
        // Imported last, but received (INTERNALDATE) before both.
        const imported = await composeCustomerMail({ from: customer.address, to: bot.address, text: 'an old mail, imported now' });
        await client.append('INBOX', imported.raw, [], new Date(Date.now() - 3 * 60 * 60 * 1000));
        const history = await collect(channel.messages());
        expect(history.map((message) => message.id)).toEqual([followUp.id, question.id, imported.id]);
        expect(history[0]!.createdAt.getTime()).toBeGreaterThan(history[1]!.createdAt.getTime());
        const conversation = await collect(channel.thread(question.id));
        expect(conversation.map((message) => message.id)).toEqual([question.id, followUp.id]);
      } finally {
        await client.logout().catch(() => client.close());
      }
    });
  });
}
