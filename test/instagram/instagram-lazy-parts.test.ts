/**
 * What few Instagram bots use is loaded when first used (a dynamic import()), not with every browser bundle
 * (bench: bundle.coreInstagramGzip). That it still works when loaded is the other tests' part (instagram-listen, ...).
 */
import { describe, expect, it } from 'vitest';
import { bundleInputs } from '../support/bundle-inputs.js';

const WEBHOOK = ['src/meta/meta-webhook.ts', 'src/instagram/instagram-webhook.ts'];
// messages() and thread(); recover() after an interrupted send.
const HISTORY = ['src/instagram/instagram-messages.ts', 'src/instagram/instagram-recover.ts'];

async function lazyOnly(files: string[]) {
  const { bundled, lazy } = await bundleInputs('instagram');
  expect(bundled.has('src/instagram/instagram-channel.ts')).toBe(true);
  expect(files.filter((file) => bundled.has(file))).toEqual([]);
  expect(files.filter((file) => !lazy.has(file))).toEqual([]);
}

describe('Instagram browser bundle', () => {
  it('loads webhook handling only with the first webhook request', () => lazyOnly(WEBHOOK));
  it('loads history, threads and the lookup after an interrupted send when first used', () => lazyOnly(HISTORY));
});
