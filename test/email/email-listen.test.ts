/**
 * listen() on a real Dovecot when things go wrong: the server restarts mid-listen, the mailbox is
 * renumbered (UIDVALIDITY changes, RFC 3501 §2.3.1.1).
 * Mail "delivered while the server is down" is written into the Maildir as an MDA would
 * (https://cr.yp.to/proto/maildir.html: a unique file name in new/).
 */
import { randomUUID } from 'node:crypto';
import { chownSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryStore, type ChannelEvents, type Message } from '../../src/index.js';

type ResyncEvent = ChannelEvents['resync'][0];
import { grownBy, nothingMoreBy, take, until } from '../conformance/helpers.js';
import { emailTestScope } from './email-test-scope.js';
import { composeCustomerMail, createEmailChannel, type CustomerMail, type EmailAccount } from './email-world.js';
import { requireDovecot } from './requires-dovecot.js';

const NOBODY = 65534;

if (requireDovecot()) {
  const { servers, channels, controllers } = emailTestScope();

  // Nothing more delivered: checked once the channel has sent four more reads (SEARCH/FETCH) through
  // the counting proxy, so a poll begun after the last delivery has completed.
  const fourMoreReads = () => grownBy(() => servers.proxy.reads, 4);

  async function setup(pollIntervalMs = 100) {
    await servers.start();
    const bot = servers.user('bot');
    const customer = servers.user('customer');
    const channel = createEmailChannel(servers, bot, { store: new MemoryStore(), pollIntervalMs });
    const controller = new AbortController();
    channels.push(channel);
    controllers.push(controller);
    const iterator = channel.listen({ since: new Date(Date.now() - 5000), signal: controller.signal })[Symbol.asyncIterator]();
    const mail = (text: string, extra: Partial<CustomerMail> = {}) => composeCustomerMail({ from: customer.address, to: bot.address, text, ...extra });
    const deliver = async (text: string, extra: Partial<CustomerMail> = {}) => {
      const { id, raw } = await mail(text, extra);
      await servers.appendTo(bot.user, raw);
      return id;
    };
    return { bot, customer, channel, iterator, mail, deliver };
  }

  /** Put a mail into the INBOX Maildir directly, as the MDA does while the IMAP server is down. */
  function dropIntoMaildir(bot: EmailAccount, raw: Buffer): void {
    const file = join(servers.dovecot.maildir(bot.user), 'new', `${Date.now()}.M${randomUUID().slice(0, 8)}P1.test`);
    writeFileSync(file, raw);
    chownSync(file, NOBODY, NOBODY);
  }

  const texts = (messages: Message[]) => messages.map((message) => message.text.trim());

  describe('listen() on Dovecot', () => {
    it('loses nothing and delivers nothing twice when Dovecot stops and restarts mid-listen', async () => {
      const { bot, iterator, mail, deliver } = await setup();
      await deliver('before the restart');
      expect(texts(await take(iterator, 1))).toEqual(['before the restart']);
      const next = iterator.next(); // handled: the cursor moves past it

      await servers.dovecot.stop();
      dropIntoMaildir(bot, (await mail('while the server was down')).raw);
      await servers.dovecot.start();
      await deliver('after the restart');

      const [first] = [(await next).value as Message];
      const after = [first!, ...(await take(iterator, 1, 30_000))];
      // Dovecot numbers the Maildir file when it next scans new/, possibly after the APPEND: any order, each once.
      expect(texts(after).sort()).toEqual(['after the restart', 'while the server was down']);
      expect(await nothingMoreBy(iterator, fourMoreReads(), 30_000)).toBeUndefined();
    }, 60_000);

    it('loses nothing and delivers nothing twice when UIDVALIDITY changes', async () => {
      const { bot, channel, iterator, mail, deliver } = await setup();
      const resyncs: ResyncEvent[] = [];
      const errors: Error[] = [];
      channel.on('resync', (event) => resyncs.push(event));
      channel.on('error', (error) => errors.push(error));
      await deliver('one');
      await deliver('two');
      expect(texts(await take(iterator, 2))).toEqual(['one', 'two']);
      const next = iterator.next();
      const before = await uidValidity(bot.user);

      // Renumber the mailbox: without its UID list and indexes Dovecot assigns a new UIDVALIDITY.
      await servers.dovecot.stop();
      const maildir = servers.dovecot.maildir(bot.user);
      for (const name of readdirSync(maildir)) if (name.startsWith('dovecot')) rmSync(join(maildir, name), { recursive: true, force: true });
      dropIntoMaildir(bot, (await mail('three')).raw);
      await servers.dovecot.start();
      expect(await uidValidity(bot.user)).not.toBe(before);

      expect(texts([(await next).value as Message])).toEqual(['three']);
      await deliver('four');
      expect(texts(await take(iterator, 1, 15_000))).toEqual(['four']);
      expect(await nothingMoreBy(iterator, fourMoreReads(), 30_000)).toBeUndefined();
      // The renumbering is an event of its own, not a failure.
      expect(resyncs).toEqual([expect.objectContaining({ source: 'inbox', previous: before, current: await uidValidity(bot.user) })]);
      expect(errors.filter((error) => /UIDVALIDITY/.test(error.message))).toEqual([]);
    }, 60_000);

    it('delivers new mail by IDLE: with polls an hour apart, it arrives all the same', async () => {
      const readsAtStart = servers.proxy.reads;
      const { iterator, deliver } = await setup(3_600_000);
      const pending = iterator.next();
      await until(() => servers.proxy.reads > readsAtStart, 10_000, 'the first poll'); // the next poll is an hour away
      await deliver('pushed by IDLE');
      expect(texts([(await pending).value as Message])).toEqual(['pushed by IDLE']);
    }, 30_000);
  });

  /**
   * The INBOX's UIDVALIDITY. Right after a restart Dovecot may refuse STATUS while it rebuilds the
   * mailbox's indexes: asked again until it answers (a few tries, a tenth of a second apart).
   */
  async function uidValidity(user: string): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const client = await servers.imapAs(user);
      try {
        const status = await client.status('INBOX', { uidValidity: true });
        if (status) return String(status.uidValidity);
        if (attempt >= 30) throw new Error('STATUS failed 30 times');
      } finally {
        await client.logout().catch(() => client.close());
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
