/**
 * One test file's email servers, and the channels and listen loops its tests open: the loops are
 * aborted and the channels closed after each test, the servers stopped after the file.
 */
import { afterAll, afterEach } from 'vitest';
import type { Channel } from '../../src/index.js';
import { EmailServers } from './email-world.js';

export function emailTestScope(): { servers: EmailServers; channels: Channel[]; controllers: AbortController[] } {
  const servers = new EmailServers();
  const channels: Channel[] = [];
  const controllers: AbortController[] = [];
  afterEach(async () => {
    controllers.splice(0).forEach((controller) => controller.abort());
    await Promise.all(channels.splice(0).map((channel) => channel.close()));
  });
  afterAll(() => servers.dispose());
  return { servers, channels, controllers };
}
