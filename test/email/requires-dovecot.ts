/**
 * The email tests need a real Dovecot. Without it, `npm test` passes but says so in one line
 * (once per run, whichever email test file comes first); under CI (`CI=true`) a missing Dovecot fails.
 */
import { it } from 'vitest';
import { firstInThisRun } from '../support/real-servers.js';
import { dovecotBinary } from './dovecot.js';

export const EMAIL_TEST_FILES = 'test/email/*.test.ts (conformance on real Dovecot + SMTP, listen across restarts and UIDVALIDITY changes, threading, errors)';
const INSTALL = 'apt-get install -y dovecot-imapd';

/** True when Dovecot is here; otherwise registers the one test that reports (or, under CI, fails). */
export function requireDovecot(): boolean {
  if (dovecotBinary()) return true;
  if (process.env.CI === 'true') {
    it('needs Dovecot (CI requires the email tests)', () => {
      throw new Error(`dovecot is not installed; CI must run ${EMAIL_TEST_FILES}. Install it: ${INSTALL}`);
    });
    return false;
  }
  it('reports that the email tests did not run (no Dovecot here)', () => {
    if (firstInThisRun('dovecot-notice')) console.warn(`[everywhere] did not run ${EMAIL_TEST_FILES}: dovecot is not installed. Install it: ${INSTALL}`);
  });
  return false;
}

