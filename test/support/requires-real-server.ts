/**
 * The rule for a test file whose tests need a real server that cannot run here: they are reported
 * skipped, with the reason, except under CI (`CI` set to any non-empty value, as CI services set
 * it), where that is a failure: CI must run them.
 */
import { it } from 'vitest';
import { firstInThisRun, inCI } from './real-servers.js';

export interface RealServerNeed {
  /** The server, e.g. "Dovecot". */
  server: string;
  /** Why it cannot run here, or undefined when it can. */
  unusable: string | undefined;
  /** The tests that need it, for the message. */
  tests: string;
  /** How to make it available. */
  fix: string;
}

/**
 * For a test file whose tests need a real server: true when it can run here. Otherwise one test
 * says why: under CI it fails; elsewhere it is reported skipped (and one line per run says so).
 */
export function realServerAvailable(need: RealServerNeed): boolean {
  if (need.unusable === undefined) return true;
  const title = `${need.tests}: needs ${need.server}, which cannot run here (${need.unusable})`;
  if (inCI()) {
    it(title, () => {
      throw new Error(`${need.server} cannot run here: ${need.unusable}. CI must run ${need.tests}. ${need.fix}`);
    });
  } else {
    it.skipIf(true)(title, () => undefined);
    if (firstInThisRun(`${need.server}-notice`)) process.stderr.write(`[everywhere] skipped ${need.tests}: ${need.server} cannot run here (${need.unusable}). ${need.fix}\n`);
  }
  return false;
}
