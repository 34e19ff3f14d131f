/**
 * The promises of a `Store` (the public contract, src/core/channel.ts), as plain async checks that
 * throw on the first broken promise. `testStore` runs each as a test; they are exported on their own
 * so a test can run one against a deliberately broken store and see it fail (test/testing/store-checks.test.ts).
 * No test framework here: importing this file outside a test runner is safe.
 */
import type { RateLimitState, Store } from '../core/channel.js';

/** Makes a fresh store (or one more handle on a shared one); called once per check. */
export type CreateStore = () => Store | Promise<Store>;

export type StoreCheck = (createStore: CreateStore) => Promise<void>;

const EXPIRY_MS = 80;
const PAST_EXPIRY_MS = 250;
const WINDOW_MS = 60_000;

/** Every check, by the promise it holds a store to. */
export const storeChecks = {
  'get returns what set stored, delete removes it': async (createStore) =>
    withStore(createStore, async (store, key) => {
      equal(await store.get(key('missing')), undefined, 'get of a key never set');
      await store.set(key('a'), 'one');
      equal(await store.get(key('a')), 'one', 'get after set');
      await store.set(key('a'), 'two');
      equal(await store.get(key('a')), 'two', 'get after a second set');
      await store.set(key('b'), '');
      equal(await store.get(key('b')), '', 'an empty string is a value');
      await store.delete(key('a'));
      equal(await store.get(key('a')), undefined, 'get after delete');
      await store.delete(key('never')); // deleting nothing is not an error
    }),

  'a value with ttlMs expires; a later set without ttl keeps it': async (createStore) =>
    withStore(createStore, async (store, key) => {
      await store.set(key('short'), 'v', { ttlMs: EXPIRY_MS });
      await store.set(key('kept'), 'v', { ttlMs: EXPIRY_MS });
      await store.set(key('kept'), 'w');
      equal(await store.get(key('short')), 'v', 'get before the ttl ran out');
      await pause(PAST_EXPIRY_MS);
      equal(await store.get(key('short')), undefined, 'get after the ttl ran out');
      equal(await store.get(key('kept')), 'w', 'a set without ttl replaces the earlier ttl');
    }),

  'claim: true for exactly one caller, also among 50 at once': async (createStore) =>
    withStore(createStore, async (store, key) => {
      equal(await store.claim(key('one'), WINDOW_MS), true, 'first claim');
      equal(await store.claim(key('one'), WINDOW_MS), false, 'second claim of a held key');
      const answers = await Promise.all(Array.from({ length: 50 }, () => store.claim(key('crowd'), WINDOW_MS)));
      equal(answers.filter(Boolean).length, 1, 'claims granted out of 50 concurrent ones');
    }),

  'claim: the lease lapses after ttlMs, and delete releases it': async (createStore) =>
    withStore(createStore, async (store, key) => {
      equal(await store.claim(key('lease'), EXPIRY_MS), true, 'first claim');
      equal(await store.claim(key('lease'), EXPIRY_MS), false, 'claim while the lease runs');
      await pause(PAST_EXPIRY_MS);
      equal(await store.claim(key('lease'), WINDOW_MS), true, 'claim after the lease lapsed');
      await store.delete(key('lease'));
      equal(await store.claim(key('lease'), WINDOW_MS), true, 'claim after delete');
    }),

  'take: a bucket nobody reported on is open': async (createStore) =>
    withStore(createStore, async (store, key) => {
      for (let index = 0; index < 20; index++) {
        deepEqual(await store.take(key('open'), 1), { ok: true, waitMs: 0 }, `take ${index + 1} from an unreported bucket`);
      }
    }),

  'take: reserves cost from what remains, and refuses what does not fit': async (createStore) =>
    withStore(createStore, async (store, key) => {
      const bucket = key('bucket');
      deepEqual(await store.take(bucket, 0, state(bucket, { limit: 3, remaining: 3, resetInMs: WINDOW_MS })), { ok: true, waitMs: 0 }, 'a report with cost 0');
      equal((await store.take(bucket, 2)).ok, true, 'take 2 of 3');
      equal((await store.take(bucket, 2)).ok, false, 'take 2 of the 1 left');
      equal((await store.take(bucket, 1)).ok, true, 'take the 1 left (a refused take reserves nothing)');
      equal((await store.take(bucket, 1)).ok, false, 'take from an empty bucket');
    }),

  'take: a refusal says how long until the reset': async (createStore) =>
    withStore(createStore, async (store, key) => {
      const bucket = key('bucket');
      const before = Date.now();
      const answer = await store.take(bucket, 1, state(bucket, { limit: 5, remaining: 0, resetInMs: 5_000 }, before));
      equal(answer.ok, false, 'take with nothing remaining');
      between(answer.waitMs, 5_000 - (Date.now() - before) - 1_000, 5_000, 'waitMs (time to the reported reset)');
    }),

  'take: a later resetAt starts a new window; an older one is ignored': async (createStore) =>
    withStore(createStore, async (store, key) => {
      const bucket = key('bucket');
      const now = Date.now();
      equal((await store.take(bucket, 1, state(bucket, { limit: 5, remaining: 0, resetInMs: 2_000 }, now))).ok, false, 'take from a spent window');
      equal((await store.take(bucket, 1, state(bucket, { limit: 5, remaining: 2, resetInMs: WINDOW_MS }, now))).ok, true, 'take after a later window was reported');
      // A straggling answer from the earlier window must not reopen or shrink the newer one.
      equal((await store.take(bucket, 1, state(bucket, { limit: 5, remaining: 0, resetInMs: 2_000 }, now))).ok, true, 'take after a report of the older window');
      equal((await store.take(bucket, 1)).ok, false, 'take beyond the new window');
      equal((await store.take(bucket, 1, state(bucket, { remaining: 1, resetInMs: 1_000 }, now - 5_000))).ok, false, 'a report of a window already over changes nothing');
    }),

  'take: within one window the lower remaining wins': async (createStore) =>
    withStore(createStore, async (store, key) => {
      const bucket = key('bucket');
      const now = Date.now();
      const report = (remaining: number) => state(bucket, { limit: 10, remaining, resetInMs: WINDOW_MS }, now);
      equal((await store.take(bucket, 3, report(5))).ok, true, 'take 3 of 5');
      // A response sent before those 3 reports 5 again: requests in flight have spent some, so 2 remain.
      equal((await store.take(bucket, 3, report(5))).ok, false, 'take 3 when a higher report came late');
      equal((await store.take(bucket, 1, report(1))).ok, true, 'take 1 after a lower report of 1');
      equal((await store.take(bucket, 1)).ok, false, 'take after the lower report was spent');
    }),

  'take: a window whose reset has passed opens again at its limit': async (createStore) =>
    withStore(createStore, async (store, key) => {
      const bucket = key('bucket');
      equal((await store.take(bucket, 1, state(bucket, { limit: 2, remaining: 0, resetInMs: EXPIRY_MS }))).ok, false, 'take from a spent window');
      await pause(PAST_EXPIRY_MS);
      equal((await store.take(bucket, 1)).ok, true, 'first take after the reset');
      equal((await store.take(bucket, 1)).ok, true, 'second take after the reset');
      const third = await store.take(bucket, 1);
      equal(third.ok, false, 'third take after the reset (limit 2)');
      between(third.waitMs, 1, WINDOW_MS, 'waitMs while the new reset is unknown');
    }),

  'take: 100 concurrent takes of 1 from 10 remaining reserve exactly 10': async (createStore) =>
    withStore(createStore, async (store, key) => {
      const bucket = key('bucket');
      await store.take(bucket, 0, state(bucket, { limit: 10, remaining: 10, resetInMs: WINDOW_MS }));
      const answers = await Promise.all(Array.from({ length: 100 }, () => store.take(bucket, 1)));
      equal(answers.filter((answer) => answer.ok).length, 10, 'takes granted out of 100 concurrent ones');
    }),

  'take: requests granted before any report count against the first one': async (createStore) =>
    withStore(createStore, async (store, key) => {
      const bucket = key('cold');
      for (let probe = 0; probe < 4; probe++) equal((await store.take(bucket, 1)).ok, true, 'a take of a bucket nobody reported on');
      // The first answer counts itself (19 of 20 left); the other three granted blind are still in flight.
      await store.take(bucket, 0, state(bucket, { limit: 20, remaining: 19, resetInMs: WINDOW_MS }));
      equal((await store.take(bucket, 16)).ok, true, 'take of the 16 really left');
      equal((await store.take(bucket, 1)).ok, false, 'a take past what is left');
    }),

  'take: nothing is granted in the last moments before a reset': async (createStore) =>
    withStore(createStore, async (store, key) => {
      const bucket = key('edge');
      await store.take(bucket, 0, state(bucket, { limit: 5, remaining: 5, resetInMs: 100 }));
      const answer = await store.take(bucket, 1);
      equal(answer.ok, false, 'a take 100 ms before the reset');
      between(answer.waitMs, 1, 100, 'waitMs until the reset');
    }),
} satisfies Record<string, StoreCheck>;

export type StoreCheckName = keyof typeof storeChecks;

async function withStore(createStore: CreateStore, check: (store: Store, key: (name: string) => string) => Promise<void>): Promise<void> {
  const store = await createStore();
  // A fresh namespace per run, so checks can share one server (Redis) and run again.
  const run = `store-check:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 8)}:`;
  try {
    await check(store, (name) => run + name);
  } finally {
    await store.close?.();
  }
}

function state(bucket: string, report: { limit?: number; remaining?: number; resetInMs: number }, now = Date.now()): RateLimitState {
  const result: RateLimitState = { bucket, resetAt: new Date(now + report.resetInMs) };
  if (report.limit !== undefined) result.limit = report.limit;
  if (report.remaining !== undefined) result.remaining = report.remaining;
  return result;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function equal<T>(actual: T, expected: T, what: string): void {
  if (!Object.is(actual, expected)) throw new Error(`store check failed: ${what}: expected ${show(expected)}, got ${show(actual)}`);
}

function deepEqual(actual: unknown, expected: unknown, what: string): void {
  if (show(actual) !== show(expected)) throw new Error(`store check failed: ${what}: expected ${show(expected)}, got ${show(actual)}`);
}

function between(actual: number, low: number, high: number, what: string): void {
  if (!(typeof actual === 'number' && actual >= low && actual <= high)) {
    throw new Error(`store check failed: ${what}: expected between ${low} and ${high}, got ${show(actual)}`);
  }
}

function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}
