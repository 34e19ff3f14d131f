/**
 * Messages pushed by webhooks or IMAP IDLE, waiting for listen(). Bounded: when nobody listens the
 * oldest are dropped, which loses nothing because every push source is also polled.
 */
import type { ListenItem } from './listen-source.js';

export interface PushedItem extends ListenItem {
  /** The poll source that will also see this message, if any. */
  source?: string;
  /**
   * The position in `source` just before this message, when the pusher knows nothing lies between them
   * (IMAP IDLE: the UID it saw last). Once handled, a message whose `after` the cursor has reached moves
   * the cursor as a polled one does; without it only a done marker records it.
   */
  after?: string;
}

const MAX_BUFFERED = 1000;

export class PushQueue {
  readonly #items: PushedItem[] = [];
  // Every pending wait, each removing itself when it ends: nothing outlives the wait it belongs to.
  readonly #waiters = new Set<() => void>();

  push(item: PushedItem): void {
    this.#items.push(item);
    if (this.#items.length > MAX_BUFFERED) this.#items.shift();
    for (const wake of [...this.#waiters]) wake();
  }

  drain(): PushedItem[] {
    return this.#items.splice(0, this.#items.length);
  }

  get size(): number {
    return this.#items.length;
  }

  /** Resolves when something is pushed, or after `ms`, or when the signal aborts. */
  wait(ms: number, signal: AbortSignal): Promise<void> {
    if (this.#items.length > 0 || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal.addEventListener('abort', done, { once: true });
      this.#waiters.add(done);
    });
  }
}
