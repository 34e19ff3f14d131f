import { describe, expect, it } from 'vitest';
import { mergeBucket, RESET_GUARD_MS, takeFromBucket, UNKNOWN_RESET_WAIT_MS } from '../../src/core/bucket.js';

const now = 1_000_000;
const at = (ms: number) => new Date(now + ms);

describe('quota arithmetic (Store.take)', () => {
  it('leaves a bucket nobody reported on open', () => {
    expect(takeFromBucket({}, 1, now).result).toEqual({ ok: true, waitMs: 0 });
  });

  it('reserves from what remains and refuses with the time to the reset', () => {
    let bucket = mergeBucket({}, { bucket: 'b', limit: 3, remaining: 2, resetAt: at(5000) }, now);
    const first = takeFromBucket(bucket, 2, now);
    expect(first.result).toEqual({ ok: true, waitMs: 0 });
    bucket = first.bucket;
    expect(takeFromBucket(bucket, 1, now).result).toEqual({ ok: false, waitMs: 5000 });
  });

  it('keeps the lower remaining within one window, since requests in flight spent some', () => {
    const reserved = takeFromBucket(mergeBucket({}, { bucket: 'b', limit: 10, remaining: 5, resetAt: at(1000) }, now), 4, now).bucket;
    const merged = mergeBucket(reserved, { bucket: 'b', remaining: 4, resetAt: at(1000) }, now);
    expect(merged.remaining).toBe(1);
  });

  it('starts a new window on a later reset, and ignores reports of older ones', () => {
    const bucket = { limit: 10, remaining: 0, resetAt: now + 1000 };
    expect(mergeBucket(bucket, { bucket: 'b', remaining: 9, resetAt: at(3000) }, now)).toEqual({ limit: 10, remaining: 9, resetAt: now + 3000 });
    expect(mergeBucket({ limit: 10, remaining: 7, resetAt: now + 3000 }, { bucket: 'b', remaining: 2, resetAt: at(1000) }, now).remaining).toBe(7);
  });

  it('refills a window whose reset passed, and waits briefly until the new reset is reported', () => {
    const passed = { limit: 2, remaining: 0, resetAt: now - 1 };
    const first = takeFromBucket(passed, 2, now);
    expect(first.result.ok).toBe(true);
    expect(takeFromBucket(first.bucket, 1, now).result).toEqual({ ok: false, waitMs: UNKNOWN_RESET_WAIT_MS });
    // The first answer of the new window reports its reset; in-flight requests keep the lower count.
    expect(mergeBucket(first.bucket, { bucket: 'b', limit: 2, remaining: 1, resetAt: at(2000) }, now)).toEqual({ limit: 2, remaining: 0, resetAt: now + 2000 });
  });

  it('counts requests granted blind, so processes that all started cold do not overrun the first window', () => {
    let bucket = {};
    for (let process = 0; process < 4; process++) bucket = takeFromBucket(bucket, 1, now).bucket; // four cold probes
    // The first answer says 19 of 20 left; three more requests are in flight that it did not count.
    const merged = mergeBucket(bucket, { bucket: 'b', limit: 20, remaining: 19, resetAt: at(1000) }, now);
    expect(merged).toEqual({ limit: 20, remaining: 16, resetAt: now + 1000 });
  });

  it('grants nothing in the last moments before a reset, since the request could land in the next window', () => {
    const bucket = { limit: 20, remaining: 5, resetAt: now + RESET_GUARD_MS - 1 };
    expect(takeFromBucket(bucket, 1, now).result).toEqual({ ok: false, waitMs: RESET_GUARD_MS - 1 });
    expect(takeFromBucket(bucket, 1, now + RESET_GUARD_MS).result).toEqual({ ok: true, waitMs: 0 }); // the next window
  });
});
