/** The X, Facebook and Discourse adapters under Deno, as the README promises: the bot runs, answers once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS, createBotScene } from './bot-scene.js';
import { bundleBot, requireRuntime, runInChild, type BotBundle } from './runtimes.js';

describe('the HTTP adapters under Deno', () => {
  if (!requireRuntime('deno')) return;
  let bundle: BotBundle;
  beforeAll(async () => {
    bundle = await bundleBot();
  });
  afterAll(() => bundle?.dispose());

  it.each(ADAPTERS)('%s: reads the history, hears the new message, answers it once in its thread', async (adapter) => {
    const scene = await createBotScene(adapter);
    try {
      const result = await runInChild('deno', bundle, scene.config);
      expect(result.runtime).toMatch(/^Deno\//);
      scene.check(result);
    } finally {
      await scene.close();
    }
  });
});
