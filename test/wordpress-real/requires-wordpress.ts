/**
 * The real-WordPress tests need Debian's `wordpress`, `mariadb-server`, `php-cli` and `php-mysql`
 * installed (the tests start their own database and PHP server; nothing global is configured).
 * Without them the tests are reported skipped with the reason, and under CI they fail.
 */
import { realServerAvailable } from '../support/requires-real-server.js';
import { whyWordpressCannotRun } from './wordpress-server.js';

export const WORDPRESS_REAL_TEST_FILES = 'test/wordpress-real/*.test.ts (the conformance suite, listen and reply on a real WordPress 6.1)';

/** True when a real WordPress can run here; otherwise registers the one test that says why (skipped, or failed under CI). */
export function requireWordpress(): boolean {
  return realServerAvailable({
    server: 'WordPress',
    unusable: whyWordpressCannotRun(),
    tests: WORDPRESS_REAL_TEST_FILES,
    fix: 'Install it: apt-get install -y --no-install-recommends wordpress mariadb-server php-cli php-mysql.',
  });
}
