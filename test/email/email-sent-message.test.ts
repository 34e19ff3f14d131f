/**
 * The Message that email's send() and reply() return carries the text and subject as drafted (on a
 * real Dovecot + SMTP), not the mail read back by a parser, which adds a line break and re-folds headers.
 */
import { describe, expect, it } from 'vitest';
import { findInHistory } from '../conformance/helpers.js';
import { emailTestScope } from './email-test-scope.js';
import { composeCustomerMail } from './email-world.js';
import { requireDovecot } from './requires-dovecot.js';

// Line breaks inside, no line break at the end, spaces a parser or a header fold could eat.
const TEXT = 'Thanks for writing.\n\n  Your parcel left the warehouse this morning.  \nIt should arrive on Monday.';
// Long and non-ASCII: sent as folded RFC 2047 encoded words.
const SUBJECT = 'Votre commande n° 42 — expédiée ce matin, arrivée prévue lundi, merci de votre patience';
// Spaces a parser trims from a header it reads back.
const SPACED_SUBJECT = 'Order 42:  shipped  ';

if (requireDovecot()) {
  const { servers, botChannel } = emailTestScope();


  describe('email: the Message a send returns', () => {
    it('send() returns the text and subject exactly as drafted', async () => {
      const { customer, channel } = await botChannel();
      const sent = await channel.send({ to: customer.address, subject: SUBJECT, text: TEXT });
      expect(sent.text).toBe(TEXT);
      expect(sent.subject).toBe(SUBJECT);
      expect(sent.author.isSelf).toBe(true);
      // What went out is the same mail: the customer's copy has the same id.
      const [received] = await servers.inbox(customer.user);
      expect(received!.messageId).toBe(`<${sent.id}>`);
    });

    it('reply() returns the text as drafted and the subject it sent (drafted, or Re: of the parent)', async () => {
      const { bot, customer, channel } = await botChannel();
      const question = await composeCustomerMail({ from: customer.address, to: bot.address, text: 'Where is my order?', subject: 'Order 42' });
      await servers.appendTo(bot.user, question.raw);
      const parent = await findInHistory(channel, question.id);

      const answer = await channel.reply(parent, { text: TEXT });
      expect(answer.text).toBe(TEXT);
      expect(answer.subject).toBe('Re: Order 42');
      expect(answer.parentId).toBe(question.id);

      const renamed = await channel.reply(parent, { text: `${TEXT}\n`, subject: SPACED_SUBJECT });
      expect(renamed.subject).toBe(SPACED_SUBJECT);
      expect(renamed.text).toBe(`${TEXT}\n`);
    });
  });
}
