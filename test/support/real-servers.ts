/**
 * What the tests that start real servers (Dovecot, redis-server) share: a free port, a once-per-run
 * notice, whether this is CI's run. No vitest here: the bench starts the same servers.
 */
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether this run is CI's: `CI` set to any non-empty value. */
export function inCI(): boolean {
  return (process.env.CI ?? '') !== '';
}

/** A port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * True for the first caller of a test run with this name: test files run in forks of one vitest
 * process, so a marker file named after that process makes a "did not run" notice print once.
 */
export function firstInThisRun(name: string): boolean {
  try {
    closeSync(openSync(join(tmpdir(), `everywhere-${name}-${process.ppid}`), 'wx'));
    return true;
  } catch {
    return false;
  }
}
