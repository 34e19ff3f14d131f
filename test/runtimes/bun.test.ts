/** The X, Facebook and Discourse adapters under Bun, as the README promises: the bot runs, answers once. */
import { expect } from 'vitest';
import { testRuntime } from './runtime-suite.js';
import { runInChild } from './runtimes.js';

testRuntime('the HTTP adapters under Bun', 'bun', async (bundle, config) => {
  const result = await runInChild('bun', bundle, config);
  expect(result.runtime).toMatch(/^Bun\//);
  return result;
});
