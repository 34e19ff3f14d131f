/**
 * The suite's setup() fails when a target's static promises and its world disagree: a promise claimed
 * without the world function its tests call, or a world function whose promise the target leaves out
 * (its tests would never be registered).
 */
import { describe, expect, it } from 'vitest';
import { fakeTarget } from './fake/fake-world.js';
import { promiseDisagreements } from './target-promises.js';
import type { ConformanceWorld, TargetPromises } from './world.js';

/** The fake world (it has limitWrites and failNextReadMalformed, no editReview) with some functions taken out. */
async function fakeWorldWithout(...names: Array<keyof ConformanceWorld>): Promise<ConformanceWorld> {
  const world = await fakeTarget().setup();
  for (const name of names) delete world[name];
  return world;
}

const promises = (overrides: Partial<TargetPromises> = {}): { promises: TargetPromises } => ({
  promises: { reviews: false, writeLimits: true, malformedReads: true, ...overrides },
});

describe('the check that a target and its world agree on the promises', () => {
  it('passes the fake target as it is', async () => {
    const target = fakeTarget();
    expect(promiseDisagreements(target, await target.setup())).toEqual([]);
  });

  it('flags a promise claimed without its world function', async () => {
    const world = await fakeWorldWithout('limitWrites', 'failNextReadMalformed');
    expect(promiseDisagreements(promises({ reviews: true }), world)).toEqual([
      'promises.reviews is true but the world has no editReview()',
      'promises.writeLimits is true but the world has no limitWrites()',
      'promises.malformedReads is true but the world has no failNextReadMalformed()',
    ]);
  });

  it('flags a world function whose promise the target does not claim', async () => {
    const world = { ...(await fakeWorldWithout()), editReview: async () => {} };
    expect(promiseDisagreements(promises({ writeLimits: false, malformedReads: false }), world)).toEqual([
      'the world has editReview() but promises.reviews is false',
      'the world has limitWrites() but promises.writeLimits is false',
      'the world has failNextReadMalformed() but promises.malformedReads is false',
    ]);
  });
});
