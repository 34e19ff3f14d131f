/**
 * The suite's review promises can fail: run against Google Business Profile channels with one review
 * defect, the check for that promise fails and the other review check passes. Each run is a child vitest
 * (only the review checks), so its failures are data here.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReviewDefect } from './broken/broken-review-world.js';

async function reviewChecks(defect: ReviewDefect): Promise<Record<string, string>> {
  const output = join(mkdtempSync(join(tmpdir(), 'everywhere-review-suite-')), 'report.json');
  await new Promise<void>((resolve) => {
    execFile(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/google-business/broken/vitest.broken.config.ts', '-t', 'review sites', '--reporter=json', `--outputFile=${output}`],
      { env: { ...process.env, REVIEW_DEFECT: defect }, timeout: 120_000 },
      () => resolve(), // a non-zero exit is the expected outcome: the report says what failed
    );
  });
  const report = JSON.parse(readFileSync(output, 'utf8')) as { testResults: Array<{ assertionResults: Array<{ title: string; status: string }> }> };
  const checks = report.testResults.flatMap((file) => file.assertionResults.filter((test) => test.title.startsWith('review sites')));
  return Object.fromEntries(checks.map((test) => [test.title.includes('second reply') ? 'reply' : 'edit', test.status]));
}

describe('the review promises of the conformance suite catch a broken review channel', () => {
  it('an edit delivered twice fails the edit check; a replacement not said fails the reply check', { timeout: 300_000 }, async () => {
    const twice = await reviewChecks('edit-delivered-twice');
    const hidden = await reviewChecks('reply-hides-replacement');
    expect(twice).toEqual({ edit: 'failed', reply: 'passed' });
    expect(hidden).toEqual({ edit: 'passed', reply: 'failed' });
  });
});
