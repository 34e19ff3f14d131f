/**
 * The hub's merged listen, loaded with the first `hub.listen()` (a bot that only sends through the hub
 * never loads it): the channels' listen() streams merged fairly, each channel's restarted with backoff
 * when it fails, and each message's cursor committed only once the consumer is done with it.
 */
import type { Channel, Message } from './channel.js';
import { ChannelError } from './errors.js';
import type { HubListenOptions } from './hub.js';
import { ListenRelease } from './listen/listen-release.js';
import { backoffDelay, type Backoff } from './retry.js';
import { sleep } from './sleep.js';

/** What the merge needs of its hub. */
export interface MergedHub {
  channels: readonly Channel[];
  /** Aborted when the hub closes. */
  closing: AbortSignal;
  restartBackoff: Backoff;
  /** A channel's listen failed: report it (once) before it is restarted. */
  failed(error: unknown, channelId: string): void;
}

/** Every channel's new messages as one stream. */
export async function* mergedListen(hub: MergedHub, options: HubListenOptions): AsyncGenerator<Message, void, undefined> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  for (const signal of [options.signal, hub.closing]) {
    if (signal?.aborted) return;
    signal?.addEventListener('abort', abort, { once: true });
  }
  const merge = new FairMerge(hub.channels.length);
  const listenOptions = { ...(options.since ? { since: options.since } : {}), ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}) };
  // A signal per channel, all ended by the hub's: one signal shared by every channel's waits would
  // collect a listener per channel, and past ten Node warns of a leak that is not one.
  const perChannel = hub.channels.map(() => new AbortController());
  controller.signal.addEventListener('abort', () => perChannel.forEach((own) => own.abort()), { once: true });
  const runners = hub.channels.map((channel, index) => run(hub, channel, index, merge, listenOptions, perChannel[index]!.signal));
  // Every channel's stream ended (each channel closed): nothing more can come, so the merged stream ends too.
  void Promise.allSettled(runners).then(abort);
  let current: Slot | undefined;
  try {
    for (;;) {
      current?.finish('handled'); // the consumer asked for the next one: it is done with the last
      current = undefined;
      const slot = await merge.take(controller.signal);
      if (!slot) return;
      current = slot;
      yield slot.message;
    }
  } finally {
    current?.finish('handled'); // leaving the loop means the consumer is done with it
    controller.abort();
    options.signal?.removeEventListener('abort', abort);
    hub.closing.removeEventListener('abort', abort);
    await Promise.allSettled(runners);
  }

}

/**
 * One channel's side of the merge: pull one message, hand it over, and pull the next only once
 * the consumer is done with it (pulling commits the previous message's cursor). A failed listen
 * is reported and restarted with backoff until the hub's listen ends; a closed channel's listen
 * ends its part (restarting it would only fail again, forever).
 */
async function run(hub: MergedHub, channel: Channel, index: number, merge: FairMerge, options: { since?: Date; leaseMs?: number }, signal: AbortSignal): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    const iterator = channel.listen({ ...options, signal })[Symbol.asyncIterator]();
    let abandoned = false;
    try {
      for (;;) {
        const result = await iterator.next();
        if (result.done) return; // only an abort (or the channel's close) ends a listen
        failures = 0;
        const outcome = await merge.offer(index, result.value, signal);
        if (outcome === 'abandoned') {
          // Never handed over: give it back, so its cursor is not saved and another worker (or a
          // restart) gets it at once; closing the iterator any other way would mean "handled".
          abandoned = true;
          await iterator.throw?.(new ListenRelease()).catch(() => undefined);
          return;
        }
        if (signal.aborted) return;
      }
    } catch (error) {
      if (signal.aborted || (error instanceof ChannelError && error.code === 'closed')) return;
      failures += 1;
      // Reported once per failure: the same error may come back on a restart (a refused grant) and is reported again then.
      hub.failed(error, channel.id);
      await sleep(backoffDelay(failures, hub.restartBackoff), signal).catch(() => undefined);
    } finally {
      if (!abandoned) await iterator.return?.().catch(() => undefined);
    }
  }
}

type Outcome = 'handled' | 'abandoned';

interface Slot {
  index: number;
  message: Message;
  /** The merge handed it to the consumer: from now on only the consumer finishes it. */
  handOver(): void;
  finish(outcome: Outcome): void;
}

/**
 * At most one ready message per channel, taken round-robin starting after the channel served last:
 * a channel with a backlog gets one turn per round, so it cannot starve a quiet one.
 */
class FairMerge {
  readonly #ready: Array<Slot | undefined>;
  #last = -1;
  #wake: (() => void) | undefined;

  constructor(size: number) {
    this.#ready = new Array<Slot | undefined>(size).fill(undefined);
  }

  /** Offer a channel's message; resolves once the consumer is done with it, or the merge ended first. */
  offer(index: number, message: Message, signal: AbortSignal): Promise<Outcome> {
    return new Promise((resolve) => {
      let taken = false;
      const abandon = () => {
        if (taken) return; // in the consumer's hands: wait for it to finish
        this.#ready[index] = undefined;
        resolve('abandoned');
      };
      const slot: Slot = {
        index,
        message,
        handOver: () => (taken = true),
        finish: (outcome) => {
          signal.removeEventListener('abort', abandon);
          resolve(outcome);
        },
      };
      if (signal.aborted) return resolve('abandoned');
      signal.addEventListener('abort', abandon, { once: true });
      this.#ready[index] = slot;
      this.#wake?.();
    });
  }

  /** The next ready message in round-robin order, or undefined once the signal aborted. */
  async take(signal: AbortSignal): Promise<Slot | undefined> {
    for (;;) {
      if (signal.aborted) return undefined;
      const size = this.#ready.length;
      for (let step = 1; step <= size; step++) {
        const index = (this.#last + step) % size;
        const slot = this.#ready[index];
        if (!slot) continue;
        this.#ready[index] = undefined;
        this.#last = index;
        slot.handOver();
        return slot;
      }
      await new Promise<void>((resolve) => {
        const done = () => {
          signal.removeEventListener('abort', done);
          this.#wake = undefined;
          resolve();
        };
        this.#wake = done;
        signal.addEventListener('abort', done, { once: true });
      });
    }
  }
}
