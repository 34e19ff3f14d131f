/**
 * The listen ledger when processes share a store: two channels of one mailbox (IDLE in one, the poll
 * in another) record what they produced at the same time; neither write loses the other's entries.
 * The store is a MemoryStore whose reads take a turn of the event loop, as a network store's do.
 */
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/email/email-ledger.js';
import { MemoryStore } from '../../src/index.js';

class SlowStore extends MemoryStore {
  override async get(key: string): Promise<string | undefined> {
    const value = await super.get(key);
    await new Promise((resolve) => setTimeout(resolve, 5)); // the answer travels back while others write
    return value;
  }
}

describe('email ledger on a shared store', () => {
  it('keeps the entries of two processes recording at once', async () => {
    const store = new SlowStore();
    const one = new Ledger(store, 'email:bot:email:INBOX');
    const other = new Ledger(store, 'email:bot:email:INBOX');
    await Promise.all([
      one.record('7', [[1, 'id:a@example.test', 1000]]),
      other.record('7', [[2, 'id:b@example.test', 2000]]),
      one.record('7', [[3, 'id:c@example.test', 3000]]),
    ]);
    expect((await one.entries('7')).map((entry) => entry[0])).toEqual([1, 2, 3]);
  });
});
