/** An X world with a channel listening (first run done, cursor saved), for the listen tests over history. */
import { expect } from 'vitest';
import { MemoryStore } from 'everywhere';
import { take } from '../conformance/helpers.js';
import { twitterWorld } from './twitter-world.js';

const close: Array<() => Promise<void> | void> = [];
/** For afterEach: stops what listening() started. */
export async function stopListening(): Promise<void> {
  for (const step of close.splice(0).reverse()) await step();
}

export async function listening() {
  const setup = await twitterWorld();
  const store = new MemoryStore();
  const channel = setup.create({ store, pollIntervalMs: 20 });
  const errors: Error[] = [];
  channel.on('error', (error: Error) => errors.push(error));
  const controller = new AbortController();
  const iterator = channel.listen({ signal: controller.signal })[Symbol.asyncIterator]();
  close.push(
    () => setup.close(),
    () => channel.close(),
    () => controller.abort(),
  );
  // The first run starts now: one mention after the start is delivered, and the cursor is saved.
  const first = setup.emulator.mention({ from: 'customer', text: 'Hello, anyone there?' });
  expect((await take(iterator, 1)).map((message) => message.id)).toEqual([first.id]);
  return { ...setup, channel, iterator, errors };
}

