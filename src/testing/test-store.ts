/**
 * `testStore(name, createStore)`: the shared Store test suite, one test per promise a `Store` makes
 * (the public contract, src/core/channel.ts). MemoryStore and RedisStore run it; so can any
 * third-party store:
 *
 *   import { describe, it } from 'vitest';
 *   testStore('my store', () => new MyStore(), { describe, it });
 *
 * The test functions are passed in (or taken from the test runner's globals: vitest with
 * `globals: true`, jest, mocha), so `everywhere/testing` imports no test runner itself. Each test
 * calls `createStore` once and closes what it returns; every check uses keys of its own.
 */
import { storeChecks, type CreateStore, type StoreCheck } from './store-checks.js';

export interface TestFunctions {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void> | void): unknown;
}

export function testStore(name: string, createStore: CreateStore, test: TestFunctions = runnerGlobals()): void {
  test.describe(`${name} (store suite)`, () => {
    for (const [promise, check] of Object.entries(storeChecks) as Array<[string, StoreCheck]>) {
      test.it(promise, () => check(createStore));
    }
  });
}

function runnerGlobals(): TestFunctions {
  const globals = globalThis as Partial<TestFunctions>;
  if (typeof globals.describe !== 'function' || typeof globals.it !== 'function') {
    throw new TypeError("testStore(): pass your runner's { describe, it } as the third argument (no test globals found)");
  }
  return globals as TestFunctions;
}
