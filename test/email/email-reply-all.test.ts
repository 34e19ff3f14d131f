/**
 * Reply to all (`replyAll: true`), on Dovecot and smtp-server: the sender and the other recipients get
 * the answer (To kept in To, Cc in Cc), never the channel's own address or its `aliases`, which are
 * all `isSelf`.
 */
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/index.js';
import { collect, findInHistory } from '../conformance/helpers.js';
import { emailTestScope } from './email-test-scope.js';
import { composeCustomerMail, DOMAIN } from './email-world.js';
import { requireDovecot } from './requires-dovecot.js';

const ALIAS = `help@${DOMAIN}`;

if (requireDovecot()) {
  const { servers, botChannel } = emailTestScope();

  describe('email reply to all', () => {
    it('answers the sender and the other recipients, Cc kept, never its own address or aliases', async () => {
      const { bot, customer, channel } = await botChannel({ store: new MemoryStore(), email: { replyAll: true, aliases: [ALIAS] } });
      const colleague = servers.user('customer');
      const manager = servers.user('customer');
      const question = await composeCustomerMail({ from: customer.address, to: `${bot.address}, ${colleague.address}`, text: 'Can we get a refund?', headers: { Cc: `${manager.address}, Support <${ALIAS}>` } });
      await servers.appendTo(bot.user, question.raw);
      const writesBefore = servers.relay.writes;
      const reply = await channel.reply(await findInHistory(channel, question.id), { text: 'Yes, it is on its way.' });
      expect(servers.relay.writes - writesBefore).toBe(1); // one mail, to every recipient

      for (const person of [customer, colleague, manager]) {
        const got = (await servers.inbox(person.user)).find((mail) => mail.messageId === `<${reply.id}>`);
        expect(got, person.address).toBeDefined();
        const to = [got!.to].flat().flatMap((field) => field?.value.map((entry) => entry.address) ?? []);
        const cc = [got!.cc].flat().flatMap((field) => field?.value.map((entry) => entry.address) ?? []);
        expect(to).toEqual([customer.address, colleague.address]);
        expect(cc).toEqual([manager.address]);
      }
      // Nothing went to the bot itself: its INBOX holds only the question.
      expect((await servers.inbox(bot.user)).map((mail) => mail.messageId)).toEqual([`<${question.id}>`]);
    });

    it('takes mail from an alias as its own, and answers only the sender without replyAll', async () => {
      const { bot, customer, channel } = await botChannel({ store: new MemoryStore(), email: { aliases: [ALIAS] } });
      const colleague = servers.user('customer');
      const fromAlias = await composeCustomerMail({ from: `Support <${ALIAS}>`, to: customer.address, text: 'Sent from the alias' });
      await servers.appendTo(bot.user, fromAlias.raw);
      const [own] = await collect(channel.thread(fromAlias.id)); // messages() lists only inbound mail: the alias's is the channel's own
      expect(own!.author.isSelf).toBe(true);
      const question = await composeCustomerMail({ from: customer.address, to: `${bot.address}, ${colleague.address}`, text: 'Hello?' });
      await servers.appendTo(bot.user, question.raw);
      const reply = await channel.reply(await findInHistory(channel, question.id), { text: 'Hi!' });
      expect((await servers.inbox(customer.user)).some((mail) => mail.messageId === `<${reply.id}>`)).toBe(true);
      expect((await servers.inbox(colleague.user)).some((mail) => mail.messageId === `<${reply.id}>`)).toBe(false);
    });
  });
}
