/** The X, Facebook and Discourse adapters under Node 20+, as the README promises: the same bundled bot, in a child process. */
import { expect } from 'vitest';
import { testRuntime } from './runtime-suite.js';
import { runInChild } from './runtimes.js';

testRuntime('the HTTP adapters under Node', 'node', async (bundle, config) => {
  const result = await runInChild('node', bundle, config);
  expect(result.runtime).toMatch(/^Node\.js\//);
  return result;
});
