/**
 * What listen() needs to survive a UIDVALIDITY change (RFC 3501 §2.3.1.1: the server renumbers the
 * mailbox, so every saved UID is void). Kept in the channel's store, bounded:
 * - per UIDVALIDITY, the last messages listen() produced: UID, a key that survives renumbering
 *   (Message-ID, else INTERNALDATE + size) and INTERNALDATE;
 * - after a resynchronisation, the new UIDs of mail handled under the old UIDVALIDITY, to skip;
 * - the UIDVALIDITY it last recorded under.
 */
import type { Store } from '../core/channel.js';
import { parseJson } from '../core/json.js';
import { sleep } from '../core/sleep.js';

const MAX_ENTRIES = 500;
const TTL_MS = 30 * 24 * 60 * 60 * 1000;
const LOCK_LEASE_MS = 10_000;
const LOCK_WAIT_MS = 10;

/** [uid, key, internalDate in ms] */
export type LedgerEntry = [number, string, number];

export interface Resync {
  /** The UIDVALIDITY the cursor was saved under. */
  from: string;
  /** UIDs (in the new UIDVALIDITY) of mail already handled before the change. */
  skip: number[];
}

export function ledgerKey(messageId: string | undefined, internalDate: Date | undefined, size: number | undefined): string {
  return messageId ? `id:${messageId}` : `at:${internalDate?.getTime() ?? 0}:${size ?? 0}`;
}

export class Ledger {
  // Writes of one process in order: the record is read, extended and written back.
  #queue: Promise<unknown> = Promise.resolve();
  #lastValidity: string | undefined;

  constructor(
    private readonly store: Store,
    private readonly prefix: string,
  ) {}

  async entries(uidValidity: string): Promise<LedgerEntry[]> {
    return parse<LedgerEntry[]>(await this.store.get(`${this.prefix}:ledger:${uidValidity}`)) ?? [];
  }

  record(uidValidity: string, entries: readonly LedgerEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    const write = this.#queue.then(async () => {
      // Processes sharing the store (IDLE in one, the poll in another) each read, extend and write the record:
      // under the store's lock, so neither write loses the other's entries.
      await this.#locked(`${this.prefix}:ledger-lock:${uidValidity}`, async () => {
        const byUid = new Map((await this.entries(uidValidity)).map((entry) => [entry[0], entry]));
        for (const entry of entries) byUid.set(entry[0], entry);
        const kept = [...byUid.values()].sort((a, b) => a[0] - b[0]).slice(-MAX_ENTRIES);
        await this.store.set(`${this.prefix}:ledger:${uidValidity}`, JSON.stringify(kept), { ttlMs: TTL_MS });
      });
      if (this.#lastValidity === uidValidity) return;
      await this.store.set(`${this.prefix}:validity`, uidValidity, { ttlMs: TTL_MS });
      this.#lastValidity = uidValidity;
    });
    this.#queue = write.catch(() => undefined);
    return write;
  }

  /** Run `update` holding the store's lease on `key` (a lease, so a process that died holding it frees it). */
  async #locked(key: string, update: () => Promise<void>): Promise<void> {
    while (!(await this.store.claim(key, LOCK_LEASE_MS))) await sleep(LOCK_WAIT_MS);
    try {
      await update();
    } finally {
      await this.store.delete(key);
    }
  }

  /**
   * The UIDVALIDITY mail was last recorded under: a run without a cursor (nothing polled yet, mail came
   * only by IDLE) still finds the ledger of the mailbox as it was numbered before a change.
   */
  async lastValidity(): Promise<string | undefined> {
    return this.store.get(`${this.prefix}:validity`);
  }

  async resync(uidValidity: string): Promise<Resync | undefined> {
    return parse<Resync>(await this.store.get(`${this.prefix}:resync:${uidValidity}`));
  }

  async saveResync(uidValidity: string, resync: Resync): Promise<void> {
    await this.store.set(`${this.prefix}:resync:${uidValidity}`, JSON.stringify(resync), { ttlMs: TTL_MS });
  }
}

function parse<T>(value: string | undefined): T | undefined {
  return parseJson(value) as T | undefined;
}
