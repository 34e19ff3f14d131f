/** The Channel conformance suite for WordPress, on a real WordPress 6.1 with MariaDB (Debian's packages). */
import { afterAll, beforeAll, describe } from 'vitest';
import { testChannel } from '../conformance/suite.js';
import { requireWordpress } from './requires-wordpress.js';
import { realWordpressTarget } from './wordpress-real-world.js';
import { RealWordpress } from './wordpress-server.js';

if (requireWordpress()) {
  const server = new RealWordpress();
  beforeAll(() => server.start(), 60_000);
  afterAll(() => server.stop());
  describe('WordPress on a real site', () => testChannel(realWordpressTarget(server)));
}
