/** The X, Facebook and Discourse adapters under Bun, as the README promises: the bot runs, answers once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS, createBotScene } from './bot-scene.js';
import { bundleBot, requireRuntime, runInChild, type BotBundle } from './runtimes.js';

describe('the HTTP adapters under Bun', () => {
  if (!requireRuntime('bun')) return;
  let bundle: BotBundle;
  beforeAll(async () => {
    bundle = await bundleBot();
  });
  afterAll(() => bundle?.dispose());

  it.each(ADAPTERS)('%s: reads the history, hears the new message, answers it once in its thread', async (adapter) => {
    const scene = await createBotScene(adapter);
    try {
      const result = await runInChild('bun', bundle, scene.config);
      expect(result.runtime).toMatch(/^Bun\//);
      scene.check(result);
    } finally {
      await scene.close();
    }
  });
});
