/**
 * After close(), email starts nothing (on a real Dovecot + SMTP): a send or a messages() read is
 * refused with the core's ChannelError 'closed', the same error every channel gives, and opens no
 * IMAP or SMTP connection. That holds too for a history read begun before close() that needs its
 * next page after it.
 */
import { describe, expect, it } from 'vitest';
import { ChannelError, type Message } from '../../src/index.js';
import { rejection } from '../conformance/helpers.js';
import { emailTestScope } from './email-test-scope.js';
import { composeCustomerMail } from './email-world.js';
import { requireDovecot } from './requires-dovecot.js';

// One more than a page of history (email reads 20 mails per IMAP FETCH), so a second page is read.
const MAILS = 21;

if (requireDovecot()) {
  const { servers, botChannel } = emailTestScope();


  /** What the channel has opened on the servers so far: IMAP connections, SMTP logins and mails. */
  const opened = () => ({ imap: servers.proxy.connections, smtpLogins: servers.relay.logins.length, smtpMails: servers.relay.dataCommands });

  function expectClosedError(error: unknown): void {
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).code).toBe('closed');
  }

  describe('email after close()', () => {
    it('a send and a messages() read are refused with code closed, and open no connection', async () => {
      const { bot, customer, channel } = await botChannel();
      const question = await composeCustomerMail({ from: customer.address, to: bot.address, text: 'Where is my order?' });
      await servers.appendTo(bot.user, question.raw);
      for await (const message of channel.messages()) expect(message.id).toBe(question.id); // connected once, so close() has a session to end
      await channel.close();
      const before = opened();

      expectClosedError(await rejection(channel.send({ to: customer.address, text: 'Late answer' })));
      expectClosedError(await rejection(channel.messages()[Symbol.asyncIterator]().next()));
      expect(opened()).toEqual(before);
    });

    it('a history read begun before close() gets closed for its next page, without connecting again', async () => {
      const { bot, customer, channel } = await botChannel();
      for (let index = 0; index < MAILS; index++) {
        await servers.appendTo(bot.user, (await composeCustomerMail({ from: customer.address, to: bot.address, text: `Question ${index}` })).raw);
      }
      const iterator = channel.messages()[Symbol.asyncIterator]();
      const firstPage: Message[] = [];
      for (let index = 0; index < MAILS - 1; index++) {
        const result = await iterator.next();
        if (result.done) throw new Error('history ended within its first page');
        firstPage.push(result.value);
      }
      expect(firstPage.map((message) => message.text.trim())).toEqual(Array.from({ length: MAILS - 1 }, (_, index) => `Question ${MAILS - 1 - index}`));
      await channel.close();
      const before = opened();

      expectClosedError(await rejection(iterator.next())); // the second page
      expect(opened()).toEqual(before);
    });
  });
}
