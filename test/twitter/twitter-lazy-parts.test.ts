/**
 * What few bots use is loaded only when used: bundled with code splitting (as an app's bundler does,
 * and as bench/bundle.ts measures `bundle.coreTwitterGzip`), those files are in chunks only a dynamic
 * import() loads, never in the entry or the chunks it imports statically.
 */
import { describe, expect, it } from 'vitest';
import { bundleInputs } from '../support/bundle-inputs.js';

// Built once for every case below.
const xBundle = bundleInputs('twitter');

describe('the X bundle', () => {
  it.each([
    ['the OAuth 2.0 token refresh (only channels given oauth2)', 'src/core/oauth2/refresh-grant.ts'],
    ['the webhook handler (only channels given consumerSecret that take webhooks)', 'src/twitter/twitter-webhook.ts'],
    ['the v1.1 activity normalizer of webhooks', 'src/twitter/normalize-activity.ts'],
    ['the OAuth 1.0a signing (only apps with consumer keys)', 'src/core/oauth1.ts'],
    ['media upload (only drafts with attachments)', 'src/twitter/twitter-media-upload.ts'],
  ])('loads %s only when used', async (_what, file) => {
    const { bundled } = await xBundle;
    expect(bundled.has('src/twitter/twitter-channel.ts')).toBe(true); // the build is the one meant
    expect(bundled.has(file)).toBe(false);
  });

  it.each([
    ['the @handle lookup of send() (Draft.to)', 'no X user @'],
    ['DM sending (to a user, in a group, answers to a DM)', '/messages`'],
    ['the report of mentions X no longer serves', 'may be missing and cannot be read'],
  ])('loads %s only when used', async (_what, marker) => {
    const { eagerCode } = await xBundle;
    expect(eagerCode).toContain('/2/tweets'); // the build is the one meant
    expect(eagerCode).not.toContain(marker);
  });
});
