/**
 * The X, Facebook and Discourse adapters inside workerd, Cloudflare's Workers runtime (through
 * Miniflare), with no compatibility flag: the bot runs in a module worker's fetch handler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS, createBotScene } from './bot-scene.js';
import { bundleBot, requireRuntime, runInWorkerd, type BotBundle } from './runtimes.js';

describe('the HTTP adapters inside workerd', () => {
  if (!requireRuntime('workerd')) return;
  let bundle: BotBundle;
  beforeAll(async () => {
    bundle = await bundleBot();
  });
  afterAll(() => bundle?.dispose());

  it.each(ADAPTERS)('%s: reads the history, hears the new message, answers it once in its thread', async (adapter) => {
    const scene = await createBotScene(adapter);
    try {
      const { result, forwarded, refused } = await runInWorkerd(bundle, scene.config);
      expect(result.runtime).toBe('Cloudflare-Workers');
      // Every request of the worker went through the outbound service, which passes only 127.0.0.1.
      expect(forwarded.length).toBeGreaterThan(2);
      expect(refused).toEqual([]);
      scene.check(result);
    } finally {
      await scene.close();
    }
  });
});
