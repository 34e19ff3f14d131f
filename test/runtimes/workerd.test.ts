/**
 * The X, Facebook and Discourse adapters inside workerd, Cloudflare's Workers runtime (through
 * Miniflare), with no compatibility flag: the bot runs in a module worker's fetch handler.
 */
import { expect } from 'vitest';
import { testRuntime } from './runtime-suite.js';
import { runInWorkerd } from './runtimes.js';

testRuntime('the HTTP adapters inside workerd', 'workerd', async (bundle, config) => {
  const { result, forwarded, refused } = await runInWorkerd(bundle, config);
  expect(result.runtime).toBe('Cloudflare-Workers');
  // Every request of the worker went through the outbound service, which passes only 127.0.0.1.
  expect(forwarded.length).toBeGreaterThan(2);
  expect(refused).toEqual([]);
  return result;
});
