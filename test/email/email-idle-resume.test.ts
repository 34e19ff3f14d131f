/**
 * Mail that IMAP IDLE delivered and the consumer handled is not delivered again by a later listen()
 * run, also when the mailbox was renumbered (UIDVALIDITY changed, RFC 3501 §2.3.1.1) while nobody
 * listened: the run recognises it by its ledger, whichever way it first arrived. Real Dovecot; polls
 * an hour apart, so within a run only the first poll happens and everything else came by IDLE.
 */
import { randomUUID } from 'node:crypto';
import { chownSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { email } from '../../src/email/index.js';
import { MemoryStore, type Channel, type Message, type Store } from '../../src/index.js';
import { emailTestScope } from './email-test-scope.js';
import { composeCustomerMail, type EmailAccount } from './email-world.js';
import { ImapProxy } from './imap-proxy.js';
import { requireDovecot } from './requires-dovecot.js';

const NOBODY = 65534;
const HOUR = 60 * 60 * 1000;

if (requireDovecot()) {
  const { servers, channels, controllers } = emailTestScope();

  function channelFor(bot: EmailAccount, watch: ImapProxy, store: Store): Channel {
    const channel = email({
      address: bot.address,
      imap: { host: '127.0.0.1', port: watch.port, secure: false, insecure: true, auth: { user: bot.user, pass: bot.pass } },
      smtp: { host: '127.0.0.1', port: servers.relay.port, secure: false, insecure: true, auth: { user: bot.user, pass: bot.pass } },
      store,
      pollIntervalMs: HOUR,
    });
    channels.push(channel);
    return channel;
  }

  function listen(channel: Channel, since?: Date): AsyncIterator<Message> {
    const controller = new AbortController();
    controllers.push(controller);
    return channel.listen({ ...(since ? { since } : {}), signal: controller.signal })[Symbol.asyncIterator]();
  }

  async function next(iterator: AsyncIterator<Message>): Promise<string> {
    const result = await iterator.next();
    if (result.done) throw new Error('listen() ended');
    return result.value.text.trim();
  }

  /** Renumber the INBOX while Dovecot is down (without its UID list and indexes it assigns a new UIDVALIDITY). */
  async function renumber(bot: EmailAccount, newMail: Buffer): Promise<void> {
    await servers.dovecot.stop();
    const maildir = servers.dovecot.maildir(bot.user);
    for (const name of readdirSync(maildir)) if (name.startsWith('dovecot')) rmSync(join(maildir, name), { recursive: true, force: true });
    // Mail delivered meanwhile, as an MDA writes it (https://cr.yp.to/proto/maildir.html).
    const file = join(maildir, 'new', `${Date.now()}.M${randomUUID().slice(0, 8)}P1.test`);
    writeFileSync(file, newMail);
    chownSync(file, NOBODY, NOBODY);
    await servers.dovecot.start();
  }

  describe('listen() after IDLE delivered and the mailbox was renumbered', () => {
    it('does not deliver mail handled by IDLE again, and loses nothing', async () => {
      await servers.start();
      const watch = new ImapProxy(() => servers.dovecot.port);
      await watch.start();
      try {
        const bot = servers.user('bot');
        const customer = servers.user('customer');
        const store = new MemoryStore();
        const mail = async (text: string) => (await composeCustomerMail({ from: customer.address, to: bot.address, text })).raw;

        // First run: its first poll finds nothing; once IDLE has started, a new mail is pushed.
        const first = channelFor(bot, watch, store);
        const idling = watch.nextIdle();
        const iterator = listen(first, new Date(Date.now() - 5000));
        const pending = next(iterator);
        await idling;
        await servers.appendTo(bot.user, await mail('came by IDLE'));
        expect(await pending).toBe('came by IDLE');
        await iterator.return!(); // handled
        await first.close();

        await renumber(bot, await mail('arrived while nobody listened'));

        // Second run, same store and channel id.
        const second = channelFor(bot, watch, store);
        const idlingAgain = watch.nextIdle();
        const resumed = listen(second);
        expect(await next(resumed)).toBe('arrived while nobody listened');
        const later = next(resumed);
        await idlingAgain;
        await servers.appendTo(bot.user, await mail('after the change'));
        // Had the mail IDLE delivered come again, it would be here, before this one.
        expect(await later).toBe('after the change');
      } finally {
        await watch.close();
      }
    }, 60_000);
  });
}
