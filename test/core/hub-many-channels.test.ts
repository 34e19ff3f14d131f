/**
 * A hub over more channels than an event target's default listener limit (10): each channel's listen
 * waits on a signal of its own, so the hub's one signal never collects a listener per channel and
 * Node never warns of a leak (MaxListenersExceededWarning) where there is none.
 */
import { afterEach, expect, it } from 'vitest';
import { MemoryStore } from '../../src/index.js';
import { createHub } from '../../src/core/hub.js';
import { fakeChannel, fakeControls } from '../support/fake-channel.js';
import { FakePlatform } from '../support/fake-platform.js';

const warnings: Error[] = [];
const onWarning = (warning: Error) => void warnings.push(warning);
process.on('warning', onWarning);
afterEach(() => process.off('warning', onWarning));

it('listens on 12 channels with one signal and no listener-leak warning', async () => {
  const store = new MemoryStore();
  const feeds = Array.from({ length: 12 }, (_, index) => ({ id: `c${index}`, platform: new FakePlatform(), controls: fakeControls() }));
  const hub = createHub(feeds.map((feed) => fakeChannel({ ...feed, store, pollIntervalMs: 10 })));
  const controller = new AbortController();
  const iterator = hub.listen({ since: new Date(Date.now() - 1000), signal: controller.signal })[Symbol.asyncIterator]();
  feeds.forEach((feed, index) => feed.platform.inbound(`hello ${index}`));
  const texts: string[] = [];
  for (let count = 0; count < 12; count++) texts.push(((await iterator.next()).value as { text: string }).text);
  expect(texts.sort()).toEqual(feeds.map((_, index) => `hello ${index}`).sort());
  controller.abort();
  await iterator.return?.();
  await hub.close();
  await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
  expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning').map(String)).toEqual([]);
});
