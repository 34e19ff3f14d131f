/**
 * What few Facebook bots use is loaded when first used (a dynamic import()), not with every browser bundle
 * (bench: bundle.coreFacebookGzip). That it still works when loaded is the other tests' part (facebook-webhook, ...).
 */
import { describe, expect, it } from 'vitest';
import { bundleInputs } from '../support/bundle-inputs.js';

const WEBHOOK = ['src/meta/meta-webhook.ts', 'src/facebook/facebook-webhook.ts', 'src/facebook/facebook-messaging-events.ts', 'src/facebook/normalize-messaging-event.ts'];
// messages() and thread(); recover() after an interrupted send.
const HISTORY = ['src/facebook/facebook-messages.ts', 'src/facebook/facebook-find-sent.ts'];
// Attachments of Messenger messages (by URL, or uploaded data), and the file types that make an image URL a photo post.
const ATTACHMENTS = ['src/facebook/facebook-messenger-attachments.ts', 'src/meta/meta-attachment-upload.ts', 'src/meta/meta-attachments.ts'];

async function lazyOnly(files: string[]) {
  const { bundled, lazy } = await bundleInputs('facebook');
  expect(bundled.has('src/facebook/facebook-channel.ts')).toBe(true);
  expect(files.filter((file) => bundled.has(file))).toEqual([]);
  expect(files.filter((file) => !lazy.has(file))).toEqual([]);
}

describe('Facebook browser bundle', () => {
  it('loads webhook handling only with the first webhook request', () => lazyOnly(WEBHOOK));
  it('loads history, threads and the lookup after an interrupted send when first used', () => lazyOnly(HISTORY));
  it('loads the attachment code with the first draft that has an attachment', () => lazyOnly(ATTACHMENTS));
});
