/**
 * Email specifics on a real Dovecot + SMTP: threading headers that mail clients (and mailparser) read
 * back as one conversation, attachments both ways, auto-replies and own mail skipped, malformed mail,
 * SMTP 4yz/5yz handling, refused logins and bad drafts.
 */
import { describe, expect, it } from 'vitest';
import { email } from '../../src/email/index.js';
import { AuthError, InvalidDraftError, MemoryStore, PlatformError, type Channel, type Message } from '../../src/index.js';
import { collect, findInHistory, grownBy, nothingMoreBy, rejection, take } from '../conformance/helpers.js';
import { emailTestScope } from './email-test-scope.js';
import { composeCustomerMail, createEmailChannel } from './email-world.js';
import { requireDovecot } from './requires-dovecot.js';

if (requireDovecot()) {
  const { servers, channels, controllers } = emailTestScope();

  async function world(options: Parameters<typeof createEmailChannel>[2] = {}) {
    await servers.start();
    const bot = servers.user('bot');
    const customer = servers.user('customer');
    const channel = createEmailChannel(servers, bot, { pollIntervalMs: 100, store: new MemoryStore(), ...options });
    channels.push(channel);
    return { bot, customer, channel };
  }

  function listen(channel: Channel) {
    const controller = new AbortController();
    controllers.push(controller);
    return channel.listen({ since: new Date(Date.now() - 2000), signal: controller.signal })[Symbol.asyncIterator]();
  }

  describe('email on Dovecot + SMTP', () => {
    it('threads a reply to a reply: In-Reply-To, References chain and Re: once, as mailparser reads them', async () => {
      const { bot, customer, channel } = await world();
      const root = await composeCustomerMail({ from: customer.address, to: bot.address, text: 'My order is late', subject: 'Order 42' });
      await servers.appendTo(bot.user, root.raw);
      const first = await channel.reply(await findInHistory(channel, root.id), { text: 'Looking into it.' });
      const [delivered] = await servers.inbox(customer.user);
      // The customer answers the bot's reply, as a mail client would.
      const followUp = await composeCustomerMail({
        from: customer.address,
        to: bot.address,
        text: 'Any news?',
        subject: delivered!.subject!,
        inReplyTo: first.id,
        references: [root.id, first.id],
      });
      await servers.appendTo(bot.user, followUp.raw);
      const second = await channel.reply(await findInHistory(channel, followUp.id), { text: 'It ships today.' });

      const received = await servers.inbox(customer.user);
      expect(received).toHaveLength(2);
      const [one, two] = received;
      expect(one!.subject).toBe('Re: Order 42');
      expect(two!.subject).toBe('Re: Order 42'); // never "Re: Re:"
      expect(one!.inReplyTo).toBe(`<${root.id}>`);
      expect(one!.references).toBe(`<${root.id}>`);
      expect(two!.inReplyTo).toBe(`<${followUp.id}>`);
      expect(two!.references).toEqual([`<${root.id}>`, `<${first.id}>`, `<${followUp.id}>`]);
      expect([first.threadId, second.threadId]).toEqual([root.id, root.id]);

      const thread = await collect(channel.thread(root.id));
      expect(thread.map((message) => message.id)).toEqual([root.id, first.id, followUp.id, second.id]);
      expect(thread.map((message) => message.author.isSelf)).toEqual([false, true, false, true]);
    });

    it('answers Reply-To when the mail has one, and files every sent mail in Sent (created when absent)', async () => {
      const { bot, customer, channel } = await world();
      const other = servers.user('customer');
      const mail = await composeCustomerMail({ from: customer.address, to: bot.address, text: 'Please answer my colleague', headers: { 'Reply-To': other.address } });
      await servers.appendTo(bot.user, mail.raw);
      const answer = await channel.reply(await findInHistory(channel, mail.id), { text: 'Answering your colleague.' });
      expect(await servers.inbox(customer.user)).toHaveLength(0);
      expect((await servers.inbox(other.user)).map((parsed) => parsed.messageId)).toEqual([`<${answer.id}>`]);
      const client = await servers.imapAs(bot.user);
      try {
        const sent = (await client.list()).find((box) => box.specialUse === '\\Sent');
        expect(sent?.path).toBe('Sent');
        const status = await client.status('Sent', { messages: true });
        expect(status && status.messages).toBe(1);
      } finally {
        await client.logout();
      }
    });

    it('sends and reads attachments; text from HTML when a mail has only HTML', async () => {
      const { bot, customer, channel } = await world();
      const data = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]);
      await channel.send({ text: 'Your invoice', html: '<p>Your <b>invoice</b></p>', subject: 'Invoice', to: customer.address, attachments: [{ name: 'invoice.pdf', mimeType: 'application/pdf', data }] });
      const [received] = await servers.inbox(customer.user);
      expect(received!.attachments.map((attachment) => [attachment.filename, attachment.contentType, [...attachment.content]])).toEqual([['invoice.pdf', 'application/pdf', [...data]]]);
      expect(received!.html).toContain('<b>invoice</b>');

      const mail = await composeCustomerMail({
        from: customer.address,
        to: bot.address,
        text: '',
        html: '<p>See the <i>photo</i></p>',
        attachments: [{ filename: 'photo.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47]), contentType: 'image/png' }],
      });
      // Only an HTML part: rebuild without the empty text part.
      const htmlOnly = mail.raw.toString('utf8');
      await servers.appendTo(bot.user, htmlOnly);
      const inbound = await findInHistory(channel, mail.id);
      expect(inbound.attachments).toEqual([{ kind: 'image', name: 'photo.png', mimeType: 'image/png', size: 4 }]);
      expect(inbound.html).toContain('<i>photo</i>');
      expect(inbound.text).toContain('See the photo');
    });

    it('skips auto-replies and its own mail in listen(), and delivers a malformed mail with what could be parsed', async () => {
      const { bot, customer, channel } = await world();
      const iterator = listen(channel);
      const pending = iterator.next();
      for (const headers of [{ 'Auto-Submitted': 'auto-replied' }, { Precedence: 'bulk' }, { 'X-Autoreply': 'yes' }] as Record<string, string>[]) {
        await servers.appendTo(bot.user, (await composeCustomerMail({ from: customer.address, to: bot.address, text: 'I am out of office', headers })).raw);
      }
      await servers.appendTo(bot.user, (await composeCustomerMail({ from: bot.address, to: bot.address, text: 'a note to self' })).raw);
      await servers.appendTo(bot.user, (await composeCustomerMail({ from: customer.address, to: bot.address, text: 'a real question', headers: { 'Auto-Submitted': 'no' } })).raw);
      // No Message-ID, 8-bit header bytes, a multipart without its closing boundary.
      const broken = Buffer.concat([
        Buffer.from(`From: ${customer.address}\r\nSubject: caf`),
        Buffer.from([0xe9]),
        Buffer.from(' broken\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nbroken body, no end\r\n'),
      ]);
      await servers.appendTo(bot.user, broken);
      const first = (await pending).value as Message;
      const [second] = await take(iterator, 1);
      expect(first.text.trim()).toBe('a real question');
      expect(second!.text).toContain('broken body, no end');
      expect(second!.id).toMatch(/^INBOX\/\d+\/\d+$/); // mailbox/UIDVALIDITY/UID
      expect(second!.author.id).toBe(customer.address);
      // Nothing more: four more reads through the counting proxy, so a poll begun after the last mail has completed.
      expect(await nothingMoreBy(iterator, grownBy(() => servers.proxy.reads, 4), 20_000)).toBeUndefined();
    });

    it('retries an SMTP 4xx and sends once; a 5xx is a PlatformError with the reply code, after exactly one DATA', async () => {
      const { customer, channel } = await world();
      const retries: unknown[] = [];
      channel.on('retry', (error) => retries.push(error));
      servers.relay.failNext({ kind: 'reply', code: 451, message: '4.3.0 Temporary local problem' });
      const dataBefore = servers.relay.dataCommands;
      const writesBefore = servers.relay.writes;
      await channel.send({ text: 'Hello after a retry', subject: 'Retry', to: customer.address });
      expect(servers.relay.dataCommands - dataBefore).toBe(2);
      expect(servers.relay.writes - writesBefore).toBe(1);
      expect(retries).toHaveLength(1);

      servers.relay.failNext({ kind: 'reply', code: 554, message: '5.7.1 Message rejected as spam' });
      const error = (await rejection(channel.send({ text: 'Buy now', subject: 'Offer', to: customer.address }))) as PlatformError;
      expect(error).toBeInstanceOf(PlatformError);
      expect(error.platformCode).toBe(554);
      expect(error.platformMessage).toContain('spam');
      expect(servers.relay.dataCommands - dataBefore).toBe(3);
      expect(servers.relay.writes - writesBefore).toBe(1);
    });

    it('throws AuthError for a refused IMAP login, with the password nowhere in it', async () => {
      const { bot } = await world();
      const channel = createEmailChannel(servers, bot, { badCredentials: true, retry: { retries: 0 } });
      channels.push(channel);
      const error = (await rejection(collect(channel.messages()))) as AuthError;
      expect(error).toBeInstanceOf(AuthError);
      const everything = [error.message, error.stack, JSON.stringify(error), JSON.stringify(error.cause), String(error.cause), (error.cause as Error | undefined)?.stack].join('\n');
      expect(everything).not.toContain(bot.pass);
    });

    it('refuses bad drafts before connecting: no recipient, an invalid address, an empty body, a url attachment', async () => {
      const { customer, channel } = await world();
      const before = servers.proxy.reads + servers.relay.dataCommands;
      expect(await rejection(channel.send({ text: 'no recipient' }))).toBeInstanceOf(InvalidDraftError);
      expect(await rejection(channel.send({ text: 'hello', to: 'not an address' }))).toBeInstanceOf(InvalidDraftError);
      expect(await rejection(channel.send({ text: 'hello', to: 'two@@example.test' }))).toBeInstanceOf(InvalidDraftError);
      expect(await rejection(channel.send({ text: ' \n ', to: customer.address }))).toBeInstanceOf(InvalidDraftError);
      expect(await rejection(channel.send({ text: 'see', to: customer.address, attachments: [{ url: 'https://example.test/a.pdf' }] }))).toBeInstanceOf(InvalidDraftError);
      expect(servers.proxy.reads + servers.relay.dataCommands).toBe(before);
    });

    it('validates options with a TypeError naming the option, never echoing the password', () => {
      const imap = { host: '127.0.0.1', port: 143, secure: false, auth: { user: 'bot', pass: 'hunter2-secret' } };
      const smtp = { host: '127.0.0.1', port: 25, secure: false };
      expect(() => email({ address: 'nope', imap, smtp })).toThrow(/option 'address'/);
      expect(() => email({ address: 'bot@example.test', imap: { ...imap, port: 0 }, smtp })).toThrow(/option 'imap.port'/);
      let message = '';
      try {
        email({ address: 'bot@example.test', imap: { ...imap, auth: { user: 'bot', pass: 'hunter2-secret', extra: 1 } as never }, smtp });
      } catch (error) {
        message = (error as Error).message;
        expect(error).toBeInstanceOf(TypeError);
      }
      expect(message).toMatch(/imap\.auth/);
      expect(message).not.toContain('hunter2-secret');
    });
  });
}
