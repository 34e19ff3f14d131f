/**
 * Delivery edge cases on a real Dovecot + SMTP server: a refused SMTP login, a send cut after DATA
 * (no Sent copy written by the channel; found again by `recover` only where the provider filed it
 * itself, else DeliveryUnknownError), and an IMAP connection cut mid-listen.
 */
import { describe, expect, it } from 'vitest';
import { email } from '../../src/email/index.js';
import { AuthError, ChannelError, DeliveryUnknownError, MemoryStore, type Message } from '../../src/index.js';
import { grownBy, nothingMoreBy, rejection, take, until } from '../conformance/helpers.js';
import { emailTestScope } from './email-test-scope.js';
import { composeCustomerMail, createEmailChannel } from './email-world.js';
import { requireDovecot } from './requires-dovecot.js';

if (requireDovecot()) {
  const { servers, channels, controllers } = emailTestScope();

  /** The Message-IDs in a user's Sent mailbox (none when there is no Sent). */
  async function sentIds(user: string): Promise<string[]> {
    const client = await servers.imapAs(user);
    try {
      const box = await client.mailboxOpen('Sent').catch(() => undefined);
      if (!box || box.exists === 0) return [];
      const ids: string[] = [];
      for await (const item of client.fetch('1:*', { envelope: true })) ids.push((item.envelope?.messageId ?? '').replace(/^<|>$/g, ''));
      return ids;
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  async function accounts() {
    await servers.start();
    return { bot: servers.user('bot'), customer: servers.user('customer') };
  }

  describe('email delivery on Dovecot + SMTP', () => {
    it('throws AuthError for a refused SMTP login, with neither the password nor its SASL form anywhere', async () => {
      const { bot, customer } = await accounts();
      const wrong = `${bot.pass}-wrong`;
      const channel = email({
        address: bot.address,
        imap: { host: '127.0.0.1', port: servers.proxy.port, secure: false, insecure: true, auth: { user: bot.user, pass: bot.pass } },
        smtp: { host: '127.0.0.1', port: servers.relay.port, secure: false, insecure: true, auth: { user: bot.user, pass: wrong } },
        retry: { retries: 2 },
      });
      channels.push(channel);
      const dataBefore = servers.relay.dataCommands;
      const error = await rejection(channel.send({ to: customer.address, subject: 'Hello', text: 'Does this get through?' }));
      expect(error).toBeInstanceOf(AuthError);
      expect(servers.relay.dataCommands).toBe(dataBefore); // refused at AUTH, never retried into DATA
      const sasl = Buffer.from(`\0${bot.user}\0${wrong}`).toString('base64');
      const serialized = JSON.stringify(error) + JSON.stringify((error as Error).cause ?? null) + String((error as Error).stack);
      for (const secret of [wrong, sasl]) expect(serialized).not.toContain(secret);
    });

    it('writes no Sent copy after a send cut after DATA: recover cannot tell, so DeliveryUnknownError, and nothing is sent twice', async () => {
      const { bot, customer } = await accounts();
      const store = new MemoryStore();
      const draft = { to: customer.address, subject: 'Your ticket', text: 'We fixed it.', idempotencyKey: 'ticket-8' };
      const writesBefore = servers.relay.writes;
      servers.relay.failNext({ kind: 'drop-after-data' });
      const first = createEmailChannel(servers, bot, { store, id: 'email:unknown' });
      channels.push(first);
      const error = await rejection(first.send(draft));
      expect(ChannelError.isInstance(error) && error.maybeDelivered).toBe(true);
      expect(await sentIds(bot.user)).toEqual([]); // the channel never files a mail nobody saw the server accept

      const restarted = createEmailChannel(servers, bot, { store, id: 'email:unknown' });
      channels.push(restarted);
      expect(await rejection(restarted.send(draft))).toBeInstanceOf(DeliveryUnknownError);
      expect(servers.relay.writes - writesBefore).toBe(1);
      expect(await sentIds(bot.user)).toEqual([]);
    });

    it('finds a send cut after DATA where the provider filed it itself (as Gmail does), once, and does not send it again', async () => {
      const { bot, customer } = await accounts();
      const client = await servers.imapAs(bot.user);
      await client.mailboxCreate('Sent').finally(() => client.logout());
      servers.filesSentMailIn = 'Sent';
      try {
        const store = new MemoryStore();
        const draft = { to: customer.address, subject: 'Your ticket', text: 'We fixed it.', idempotencyKey: 'ticket-9' };
        const writesBefore = servers.relay.writes;
        servers.relay.failNext({ kind: 'drop-after-data' });
        const first = createEmailChannel(servers, bot, { store, id: 'email:recover' });
        channels.push(first);
        const error = await rejection(first.send(draft));
        expect(ChannelError.isInstance(error) && error.maybeDelivered).toBe(true);

        const restarted = createEmailChannel(servers, bot, { store, id: 'email:recover' });
        channels.push(restarted);
        const found = await restarted.send(draft);
        expect(found.author.isSelf).toBe(true);
        expect(found.text.trim()).toBe('We fixed it.');
        expect(servers.relay.writes - writesBefore).toBe(1);
        expect(await sentIds(bot.user)).toEqual([found.id]); // the provider's copy, and no second one of the channel's

        // The customer got exactly that mail, with the Message-ID the channel generated before sending.
        const inbox = await servers.inbox(customer.user);
        expect(inbox.map((mail) => mail.messageId)).toEqual([`<${found.id}>`]);
      } finally {
        servers.filesSentMailIn = undefined;
      }
    });

    it('sends mail after mail on one pooled SMTP connection, and opens a new one after it was lost', async () => {
      const { bot, customer } = await accounts();
      const channel = createEmailChannel(servers, bot, { store: new MemoryStore() });
      channels.push(channel);
      const before = servers.relay.connections;
      await Promise.all([1, 2, 3].map((n) => channel.send({ to: customer.address, subject: `Update ${n}`, text: `Update number ${n}` })));
      await channel.send({ to: customer.address, subject: 'Update 4', text: 'Update number 4' });
      expect(servers.relay.connections - before).toBe(1);
      expect((await servers.inbox(customer.user)).map((mail) => mail.subject).sort()).toEqual(['Update 1', 'Update 2', 'Update 3', 'Update 4']);
      servers.relay.failNext({ kind: 'drop-after-data' });
      expect(ChannelError.isInstance(await rejection(channel.send({ to: customer.address, subject: 'Lost', text: 'cut' })))).toBe(true);
      await channel.send({ to: customer.address, subject: 'Update 5', text: 'Update number 5' });
      expect(servers.relay.connections - before).toBe(2);
      // Idle, it is closed by the channel (without close()), so a script that forgot close() can end.
      await until(() => servers.relay.openConnections === 0, 20_000, 'the idle SMTP connection to close');
    }, 30_000);

    it('goes on after the IMAP connection is cut mid-listen: nothing lost, nothing twice', async () => {
      const { bot, customer } = await accounts();
      const channel = createEmailChannel(servers, bot, { store: new MemoryStore(), pollIntervalMs: 100 });
      channels.push(channel);
      const controller = new AbortController();
      controllers.push(controller);
      const iterator = channel.listen({ since: new Date(Date.now() - 5000), signal: controller.signal })[Symbol.asyncIterator]();
      const deliver = async (text: string) => servers.appendTo(bot.user, (await composeCustomerMail({ from: customer.address, to: bot.address, text })).raw);
      await deliver('first');
      expect((await take(iterator, 1)).map(textOf)).toEqual(['first']);
      servers.proxy.dropAll(); // every channel connection is cut, as by a crash of the network path
      await deliver('second');
      await deliver('third');
      expect((await take(iterator, 2, 20_000)).map(textOf)).toEqual(['second', 'third']);
      // Nothing more: four more reads through the counting proxy, so a poll begun after 'third' has completed.
      expect(await nothingMoreBy(iterator, grownBy(() => servers.proxy.reads, 4), 20_000)).toBeUndefined();
    }, 40_000);
  });
}

function textOf(message: Message): string {
  return message.text.trim();
}
