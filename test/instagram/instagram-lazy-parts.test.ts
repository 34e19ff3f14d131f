/**
 * What few Instagram bots use is loaded when first used (a dynamic import()), not with every browser bundle
 * (bench: bundle.coreInstagramGzip). That it still works when loaded is the other tests' part (instagram-listen, ...).
 */
import { describe, expect, it } from 'vitest';
import { bundleInputs } from '../support/bundle-inputs.js';

const LAZY = ['src/meta/meta-webhook.ts', 'src/instagram/instagram-webhook.ts'];

describe('Instagram browser bundle', () => {
  it('loads webhook handling only with the first webhook request', async () => {
    const { bundled, lazy } = await bundleInputs('instagram');
    expect(bundled.has('src/instagram/instagram-channel.ts')).toBe(true);
    expect(LAZY.filter((file) => bundled.has(file))).toEqual([]);
    expect(LAZY.filter((file) => !lazy.has(file))).toEqual([]);
  });
});
