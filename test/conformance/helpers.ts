/** Small helpers of the conformance suite. */
import { createHook } from 'node:async_hooks';
import type { Channel, Message } from '../../src/index.js';

/** Take `count` messages from a listen() iterator, failing after `timeoutMs` with what arrived. */
export async function take(iterator: AsyncIterator<Message>, count: number, timeoutMs = 10_000): Promise<Message[]> {
  const taken: Message[] = [];
  const deadline = Date.now() + timeoutMs;
  while (taken.length < count) {
    const left = deadline - Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), Math.max(0, left))));
    const next = await Promise.race([iterator.next(), timeout]);
    clearTimeout(timer);
    if (next === 'timeout') throw new Error(`expected ${count} messages, got ${taken.length}: ${taken.map((message) => message.text).join(' | ')}`);
    if (next.done) throw new Error(`listen() ended after ${taken.length} of ${count} messages`);
    taken.push(next.value);
  }
  return taken;
}

/**
 * What the iterator has yielded by the time `happened()` holds, or undefined: nothing more was
 * delivered. The event is a positive one, such as "the source was polled twice more" (a poll that
 * began after the last delivery has completed and its items were decided on), never a fixed wait
 * that a slow machine could make pass. The iterator is asked for its next message first, since
 * listen() polls only while its consumer waits.
 */
export async function nothingMoreBy(iterator: AsyncIterator<Message>, happened: () => boolean, timeoutMs = 10_000): Promise<Message | undefined> {
  let result: IteratorResult<Message> | undefined;
  void iterator.next().then(
    (next) => (result = next),
    () => undefined,
  );
  await until(() => result !== undefined || happened(), timeoutMs, 'the event a "nothing more" check waits for');
  await new Promise((resolve) => setImmediate(resolve)); // a delivery already decided settles first
  return result && !result.done ? result.value : undefined;
}

/** Waits until `condition()` holds (checked every few ms), failing after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 10_000, what = 'a condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A condition that holds once `count()` has grown by `by` from now: e.g. two more poll requests. */
export function grownBy(count: () => number, by: number): () => boolean {
  const start = count();
  return () => count() >= start + by;
}

export async function collect(iterable: AsyncIterable<Message>, max = 1000): Promise<Message[]> {
  const result: Message[] = [];
  for await (const message of iterable) {
    result.push(message);
    if (result.length >= max) break;
  }
  return result;
}

/** The message with this id from the channel's history, polling until it shows up. */
export async function findInHistory(channel: Channel, id: string, timeoutMs = 5000): Promise<Message> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for await (const message of channel.messages({ limit: 50 })) if (message.id === id) return message;
    if (Date.now() > deadline) throw new Error(`message ${id} never showed up in messages()`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/**
 * Watches the timers and sockets created from now until `stop()`. `leftBehind()` counts, by kind, those
 * still open that keep the process alive (an unref'd handle does not). Resources are followed by
 * async_hooks, so timers of the test runner that come and go meanwhile do not blur the count.
 */
export function watchHandles(): { stop(): void; leftBehind(): Record<string, number>; dispose(): void } {
  const alive = new Map<number, { type: string; resource: { hasRef?: () => boolean } }>();
  let collecting = true;
  const hook = createHook({
    init(id, type, _trigger, resource) {
      if (collecting && WATCHED.has(type)) alive.set(id, { type, resource: resource as { hasRef?: () => boolean } });
    },
    destroy(id) {
      alive.delete(id);
    },
  }).enable();
  return {
    stop: () => void (collecting = false),
    leftBehind() {
      const counts: Record<string, number> = {};
      for (const { type, resource } of alive.values()) if (resource.hasRef?.() ?? true) counts[type] = (counts[type] ?? 0) + 1;
      return counts;
    },
    dispose: () => void hook.disable(),
  };
}

const WATCHED = new Set(['Timeout', 'TCPWRAP', 'TLSWRAP', 'PIPEWRAP', 'UDPWRAP']);
