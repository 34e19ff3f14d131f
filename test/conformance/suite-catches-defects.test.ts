/**
 * The conformance suite can fail: run against a fake with one defect, the check for that promise fails.
 * Each run is a child vitest, so its failures are data here rather than failures of this file; the
 * children run one at a time, so four suites never compete for the machine and its timing-free checks.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FakeDefect } from '../support/fake-channel.js';

async function failedChecks(defect: FakeDefect): Promise<string[]> {
  const output = join(mkdtempSync(join(tmpdir(), 'everywhere-suite-')), 'report.json');
  await new Promise<void>((resolve) => {
    execFile(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/conformance/fake/vitest.broken.config.ts', '--reporter=json', `--outputFile=${output}`],
      { env: { ...process.env, FAKE_DEFECT: defect }, timeout: 120_000 },
      () => resolve(), // a non-zero exit is the expected outcome: the report says what failed
    );
  });
  const report = JSON.parse(readFileSync(output, 'utf8')) as { testResults: Array<{ assertionResults: Array<{ title: string; status: string }> }> };
  return report.testResults.flatMap((file) => file.assertionResults.filter((test) => test.status === 'failed').map((test) => test.title));
}

describe('the conformance suite catches a broken adapter', () => {
  it('flags each defect at the promise it breaks', { timeout: 300_000 }, async () => {
    const thread = await failedChecks('reply-in-new-thread');
    const own = await failedChecks('delivers-own-messages');
    const order = await failedChecks('oldest-first-history');
    const timer = await failedChecks('timer-outlives-listen');
    expect(thread).toContain('replies in the thread of the message it answers');
    expect(own).toContain("listen() starts now on a first run and never delivers the channel's own messages");
    expect(order).toContain('lists history newest first, lazily');
    expect(timer).toEqual(['signal.abort() ends listen() promptly and leaves no timer or socket of its own behind']);
  });
});
