/**
 * A target says statically which promises it is held to (the suite registers tests from that), and its
 * world says it again at run time by having, or not having, the function those tests call. This is the
 * check that the two agree, so neither can drift from the other.
 */
import type { ConformanceTarget, ConformanceWorld, TargetPromises } from './world.js';

/** The world's optional function each static promise stands for. */
const WORLD_FUNCTION = {
  reviews: 'editReview',
  writeLimits: 'limitWrites',
  malformedReads: 'failNextReadMalformed',
} as const satisfies Record<keyof TargetPromises, keyof ConformanceWorld>;

/** Every disagreement between the target's promises and its world, one sentence each; empty when they agree. */
export function promiseDisagreements(target: Pick<ConformanceTarget, 'promises'>, world: ConformanceWorld): string[] {
  return (Object.keys(WORLD_FUNCTION) as Array<keyof TargetPromises>).flatMap((promise) => {
    const name = WORLD_FUNCTION[promise];
    const claimed = target.promises[promise];
    const present = typeof world[name] === 'function';
    if (claimed === present) return [];
    return [claimed ? `promises.${promise} is true but the world has no ${name}()` : `the world has ${name}() but promises.${promise} is false`];
  });
}
