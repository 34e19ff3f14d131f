/** The X, Facebook and Discourse adapters under Deno, as the README promises: the bot runs, answers once. */
import { expect } from 'vitest';
import { testRuntime } from './runtime-suite.js';
import { runInChild } from './runtimes.js';

testRuntime('the HTTP adapters under Deno', 'deno', async (bundle, config) => {
  const result = await runInChild('deno', bundle, config);
  expect(result.runtime).toMatch(/^Deno\//);
  return result;
});
