/**
 * A server that closes the IDLE connection cleanly (a restart, its session limit, a proxy's idle
 * timeout) is called again with backoff, not at once: each reconnection is announced by a 'retry'
 * event whose attempt count grows while the closes come in a row. Real Dovecot behind the counting
 * proxy, which closes the connections; polls an hour apart, so only IDLE connects again.
 */
import { describe, expect, it } from 'vitest';
import { MemoryStore, NetworkError, type Message } from '../../src/index.js';
import { until } from '../conformance/helpers.js';
import { emailTestScope } from './email-test-scope.js';
import { composeCustomerMail, createEmailChannel } from './email-world.js';
import { requireDovecot } from './requires-dovecot.js';

if (requireDovecot()) {
  const { servers, channels, controllers } = emailTestScope();

  describe('email IDLE after a clean close', () => {
    it('reconnects with a growing backoff, and new mail still arrives by IDLE', async () => {
      await servers.start();
      const bot = servers.user('bot');
      const customer = servers.user('customer');
      const channel = createEmailChannel(servers, bot, { store: new MemoryStore(), pollIntervalMs: 60 * 60 * 1000 });
      channels.push(channel);
      const attempts: number[] = [];
      channel.on('retry', (error, attempt) => {
        if (error instanceof NetworkError && /IDLE/.test(error.message)) attempts.push(attempt);
      });
      const controller = new AbortController();
      controllers.push(controller);
      const idle = servers.proxy.nextIdle();
      const iterator = channel.listen({ signal: controller.signal })[Symbol.asyncIterator]();
      const pending = iterator.next();
      await idle;
      for (let close = 1; close <= 3; close++) {
        const next = servers.proxy.nextIdle();
        servers.proxy.dropAll();
        await next; // back in IDLE, after the backoff
      }
      await until(() => attempts.length >= 3, 10_000, 'three reconnections');
      expect(attempts).toEqual([1, 2, 3]);
      await servers.appendTo(bot.user, (await composeCustomerMail({ from: customer.address, to: bot.address, text: 'after the closes' })).raw);
      expect(((await pending).value as Message).text).toBe('after the closes');
    }, 30_000);
  });
}
