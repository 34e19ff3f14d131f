/**
 * The root of a mail that has In-Reply-To but no References is its parent's own root, not the parent
 * (RFC 5322 §3.6.4 makes References a SHOULD; some clients send only In-Reply-To). Real Dovecot.
 */
import { describe, expect, it } from 'vitest';
import { findInHistory } from '../conformance/helpers.js';
import { emailTestScope } from './email-test-scope.js';
import { composeCustomerMail } from './email-world.js';
import { requireDovecot } from './requires-dovecot.js';

if (requireDovecot()) {
  const { servers, botChannel } = emailTestScope();

  describe('email thread roots without References', () => {
    it("roots an answer to the channel's own reply at the conversation's first mail", async () => {
      const { bot, customer, channel } = await botChannel();
      const question = await composeCustomerMail({ from: customer.address, to: bot.address, text: 'Where is order 7?' });
      await servers.appendTo(bot.user, question.raw);
      const reply = await channel.reply(await findInHistory(channel, question.id), { text: 'It left today.' });
      expect(reply.threadId).toBe(question.id);
      const answer = await composeCustomerMail({ from: customer.address, to: bot.address, text: 'Thanks!', subject: 'Re: A question', inReplyTo: reply.id });
      await servers.appendTo(bot.user, answer.raw);
      const read = await findInHistory(channel, answer.id);
      expect(read.parentId).toBe(reply.id);
      expect(read.threadId).toBe(question.id);
    });

    it('roots a chain of In-Reply-To only mails at its first, not at the parent', async () => {
      const { bot, customer, channel } = await botChannel();
      const first = await composeCustomerMail({ from: customer.address, to: bot.address, text: 'one' });
      const second = await composeCustomerMail({ from: customer.address, to: bot.address, text: 'two', inReplyTo: first.id });
      const third = await composeCustomerMail({ from: customer.address, to: bot.address, text: 'three', inReplyTo: second.id });
      for (const mail of [first, second, third]) await servers.appendTo(bot.user, mail.raw);
      const read = await findInHistory(channel, third.id);
      expect(read.threadId).toBe(first.id);
    });
  });
}
