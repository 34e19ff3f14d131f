/** The Channel conformance suite for email, on a real Dovecot and an in-process SMTP server. */
import { afterAll, describe } from 'vitest';
import { testChannel } from '../conformance/suite.js';
import { EmailServers, emailTarget } from './email-world.js';
import { requireDovecot } from './requires-dovecot.js';

if (requireDovecot()) {
  const servers = new EmailServers();
  afterAll(() => servers.dispose());
  describe('email on Dovecot', () => testChannel(emailTarget(servers)));
}
