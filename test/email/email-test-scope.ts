/**
 * One test file's email servers, and the channels and listen loops its tests open: the loops are
 * aborted and the channels closed after each test, the servers stopped after the file. `botChannel()`
 * starts the servers and opens the bot's channel (its own MemoryStore) beside a customer account.
 */
import { afterAll, afterEach } from 'vitest';
import { MemoryStore, type Channel } from '../../src/index.js';
import { createEmailChannel, EmailServers, type EmailAccount } from './email-world.js';

export interface EmailTestScope {
  servers: EmailServers;
  channels: Channel[];
  controllers: AbortController[];
  botChannel(options?: Parameters<typeof createEmailChannel>[2]): Promise<{ bot: EmailAccount; customer: EmailAccount; channel: Channel }>;
}

/** `gmail: true`: a Gmail world (see EmailServers). */
export function emailTestScope(options: { gmail?: boolean } = {}): EmailTestScope {
  const servers = new EmailServers(40, options);
  const channels: Channel[] = [];
  const controllers: AbortController[] = [];
  afterEach(async () => {
    controllers.splice(0).forEach((controller) => controller.abort());
    await Promise.all(channels.splice(0).map((channel) => channel.close()));
  });
  afterAll(() => servers.dispose());
  async function botChannel(options: Parameters<typeof createEmailChannel>[2] = {}) {
    await servers.start();
    const bot = servers.user('bot');
    const customer = servers.user('customer');
    const channel = createEmailChannel(servers, bot, { store: new MemoryStore(), ...options });
    channels.push(channel);
    return { bot, customer, channel };
  }
  return { servers, channels, controllers, botChannel };
}
