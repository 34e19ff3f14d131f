/**
 * The email tests need a real Dovecot that these tests can run: installed, started as root (it
 * switches its mail processes to nobody) and letting a user log in. Checked once per run by starting
 * one; without it the email tests are reported skipped with the reason, and under CI they fail.
 */
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realServerAvailable } from '../support/requires-real-server.js';
import { whyDovecotCannotRun } from './dovecot.js';

export const EMAIL_TEST_FILES = 'test/email/*.test.ts (conformance on real Dovecot + SMTP, listen across restarts and UIDVALIDITY changes, threading, errors)';

/** The probe's answer, shared by the test files of one run (forks of one vitest process). */
async function probeOncePerRun(): Promise<string | undefined> {
  const file = join(tmpdir(), `everywhere-dovecot-probe-${process.ppid}.json`);
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { unusable?: string }).unusable;
  } catch {
    const unusable = await whyDovecotCannotRun();
    try {
      closeSync(openSync(file, 'wx'));
      writeFileSync(file, JSON.stringify(unusable === undefined ? {} : { unusable }));
    } catch {
      // another test file wrote it first: same machine, same answer
    }
    return unusable;
  }
}

const unusable = await probeOncePerRun();

/** True when the email tests can run; otherwise registers the one test that says why (skipped, or failed under CI). */
export function requireDovecot(): boolean {
  return realServerAvailable({ server: 'Dovecot', unusable, tests: EMAIL_TEST_FILES, fix: 'Install it (apt-get install -y dovecot-imapd) and run the tests as root.' });
}
