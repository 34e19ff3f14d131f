/**
 * What few Facebook bots use is loaded when first used (a dynamic import()), not with every browser bundle
 * (bench: bundle.coreFacebookGzip). That it still works when loaded is the other tests' part (facebook-webhook, ...).
 */
import { describe, expect, it } from 'vitest';
import { bundleInputs } from '../support/bundle-inputs.js';

const LAZY = ['src/meta/meta-webhook.ts', 'src/facebook/facebook-webhook.ts', 'src/facebook/facebook-messaging-events.ts', 'src/facebook/normalize-messaging-event.ts'];

describe('Facebook browser bundle', () => {
  it('loads webhook handling only with the first webhook request', async () => {
    const { bundled, lazy } = await bundleInputs('facebook');
    expect(bundled.has('src/facebook/facebook-channel.ts')).toBe(true);
    expect(LAZY.filter((file) => bundled.has(file))).toEqual([]);
    expect(LAZY.filter((file) => !lazy.has(file))).toEqual([]);
  });
});
