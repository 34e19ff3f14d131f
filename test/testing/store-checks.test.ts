/**
 * The store suite can fail: each check, run against a store broken in the way it guards against,
 * throws; run against MemoryStore, none does.
 */
import { describe, expect, it } from 'vitest';
import { MemoryStore, type RateLimitState, type Store } from '../../src/index.js';
import { storeChecks, type StoreCheckName } from '../../src/testing/store-checks.js';

/** MemoryStore with one behaviour swapped for a broken one. */
function broken(change: (store: MemoryStore) => Partial<Store>): () => Store {
  return () => {
    const store = new MemoryStore();
    return Object.assign(store, change(store));
  };
}

/** A take that keeps only the latest remaining it was told, and knows nothing of windows. */
function latestReportWins(): Partial<Store> {
  const buckets = new Map<string, number>();
  return {
    take: async (bucket: string, cost: number, state?: RateLimitState) => {
      if (state?.remaining !== undefined) buckets.set(bucket, state.remaining);
      const left = buckets.get(bucket);
      if (left === undefined || left >= cost) {
        if (left !== undefined) buckets.set(bucket, left - cost);
        return { ok: true, waitMs: 0 };
      }
      return { ok: false, waitMs: 1000 };
    },
  };
}

const defects: Array<[StoreCheckName, string, () => Store]> = [
  ['get returns what set stored, delete removes it', 'delete that does nothing', broken(() => ({ delete: async () => {} }))],
  ['a value with ttlMs expires; a later set without ttl keeps it', 'set that ignores ttlMs', broken((store) => {
    const set = store.set.bind(store);
    return { set: (key: string, value: string) => set(key, value) };
  })],
  ['claim: true for exactly one caller, also among 50 at once', 'claim that always answers true', broken(() => ({ claim: async () => true }))],
  ['claim: true for exactly one caller, also among 50 at once', 'claim that checks, then awaits, then sets', broken((store) => ({
    claim: async (key: string, ttlMs: number) => {
      const held = await store.get(key);
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (held !== undefined) return false;
      await store.set(key, '1', { ttlMs });
      return true;
    },
  }))],
  ['claim: the lease lapses after ttlMs, and delete releases it', 'claim whose lease never lapses', broken((store) => {
    const held = new Set<string>();
    return {
      claim: async (key: string) => (held.has(key) ? false : (held.add(key), true)),
      delete: async (key: string) => void held.delete(key),
      get: store.get.bind(store),
    };
  })],
  ['take: a bucket nobody reported on is open', 'take that refuses unknown buckets', broken(() => ({ take: async () => ({ ok: false, waitMs: 1000 }) }))],
  ['take: reserves cost from what remains, and refuses what does not fit', 'take that never refuses', broken(() => ({ take: async () => ({ ok: true, waitMs: 0 }) }))],
  ['take: a refusal says how long until the reset', 'take that answers waitMs 0 on refusal', broken((store) => {
    const take = store.take.bind(store);
    return { take: async (bucket: string, cost: number, state?: RateLimitState) => ({ ...(await take(bucket, cost, state)), waitMs: 0 }) };
  })],
  ['take: a later resetAt starts a new window; an older one is ignored', 'take that merges only the first report', broken((store) => {
    const take = store.take.bind(store);
    const seen = new Set<string>();
    return {
      take: (bucket: string, cost: number, state?: RateLimitState) => {
        const first = state && !seen.has(bucket);
        if (state) seen.add(bucket);
        return take(bucket, cost, first ? state : undefined);
      },
    };
  })],
  ['take: within one window the lower remaining wins', 'take where the latest report wins', broken(latestReportWins)],
  ['take: requests granted before any report count against the first one', 'take that forgets what it granted blind', broken(latestReportWins)],
  ['take: nothing is granted in the last moments before a reset', 'take that grants up to the reset', broken(latestReportWins)],
  ['take: a window whose reset has passed opens again at its limit', 'take that never rolls a window over', broken(() => {
    const buckets = new Map<string, number>();
    return {
      take: async (bucket: string, cost: number, state?: RateLimitState) => {
        if (state?.remaining !== undefined) buckets.set(bucket, Math.min(state.remaining, buckets.get(bucket) ?? Infinity));
        const left = buckets.get(bucket) ?? Infinity;
        if (left >= cost) {
          buckets.set(bucket, left - cost);
          return { ok: true, waitMs: 0 };
        }
        return { ok: false, waitMs: 1000 };
      },
    };
  })],
  ['take: 100 concurrent takes of 1 from 10 remaining reserve exactly 10', 'take that reads, awaits, then writes', broken((store) => {
    const take = store.take.bind(store);
    return {
      take: async (bucket: string, cost: number, state?: RateLimitState) => {
        const answer = await take(bucket, 0, state); // look without reserving
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (cost === 0) return answer;
        await take(bucket, cost); // reserve later: others have looked in between
        return answer;
      },
    };
  })],
];

describe('store checks catch broken stores', () => {
  for (const [check, defect, createStore] of defects) {
    it(`"${check}" fails for ${defect}`, async () => {
      await expect(storeChecks[check](createStore)).rejects.toThrow(/store check failed/);
    });
  }

  it('every check has a broken store it catches', () => {
    expect(new Set(defects.map(([check]) => check))).toEqual(new Set(Object.keys(storeChecks)));
  });

  it('MemoryStore passes every check', async () => {
    for (const check of Object.values(storeChecks)) await check(() => new MemoryStore());
  });
});
