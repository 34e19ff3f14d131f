/**
 * The one test every runtime runs: the bundled bot with each HTTP adapter against the sandbox (reads
 * the history, hears the new message, answers it once in its thread). A runtime file names how to run
 * the bot there and what else it checks of the run.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { BotConfig, BotResult } from './bot.js';
import { ADAPTERS, createBotScene } from './bot-scene.js';
import { bundleBot, requireRuntime, type BotBundle, type Runtime } from './runtimes.js';

export function testRuntime(title: string, runtime: Runtime, run: (bundle: BotBundle, config: BotConfig) => Promise<BotResult>): void {
  describe(title, () => {
    if (!requireRuntime(runtime)) return;
    let bundle: BotBundle;
    beforeAll(async () => {
      bundle = await bundleBot();
    });
    afterAll(() => bundle?.dispose());

    it.each(ADAPTERS)('%s: reads the history, hears the new message, answers it once in its thread', async (adapter) => {
      const scene = await createBotScene(adapter);
      try {
        scene.check(await run(bundle, scene.config));
      } finally {
        await scene.close();
      }
    });
  });
}
