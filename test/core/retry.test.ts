import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, retry, type FailedAttempt } from '../../src/core/retry.js';

class Transient extends Error {}
class Permanent extends Error {}

const backoff = { firstDelayMs: 100, maxDelayMs: 1000 };

/** An operation that fails with the given errors in turn, then answers 'done'; it counts its calls. */
function failing(...errors: unknown[]) {
  const calls: number[] = [];
  const operation = async (attempt: number) => {
    calls.push(attempt);
    if (calls.length <= errors.length) throw errors[calls.length - 1];
    return 'done';
  };
  return { operation, calls };
}

/**
 * Advances the fake clock through one wait of `delayMs`: nothing more is attempted 1 ms before it
 * ends, the next attempt has run 1 ms after (from the third, each attempt starts on a 0 ms timer, which
 * Node and the fake timers run 1 ms later).
 */
async function expectNextAttemptAfter(delayMs: number, calls: number[]) {
  const before = calls.length;
  await vi.advanceTimersByTimeAsync(delayMs - 1);
  expect(calls).toHaveLength(before);
  await vi.advanceTimersByTimeAsync(2);
  expect(calls).toHaveLength(before + 1);
}

/** Settles `promise` into an observable state, so a test can look at it while timers are faked. */
function watch<T>(promise: Promise<T>) {
  const state: { value?: T; error?: unknown; settled: boolean } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { value, settled: true }),
    (error: unknown) => Object.assign(state, { error, settled: true }),
  );
  return state;
}

describe('backoffDelay', () => {
  it('doubles from the first delay up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((failures) => backoffDelay(failures, backoff))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});

describe('retry', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('retries a retryable failure after the computed delays, announcing each retry', async () => {
    const { operation, calls } = failing(new Transient('1'), new Transient('2'), new Transient('3'));
    const announced: Array<{ attempt: number; delayMs: number }> = [];
    const state = watch(
      retry(operation, {
        ...backoff,
        retries: 5,
        shouldRetry: ({ error }) => error instanceof Transient,
        onFailedAttempt: ({ attempt, delayMs }) => void announced.push({ attempt, delayMs }),
      }),
    );

    await expectNextAttemptAfter(100, calls);
    await expectNextAttemptAfter(200, calls);
    await expectNextAttemptAfter(400, calls);
    expect(calls).toEqual([1, 2, 3, 4]);
    expect(state).toEqual({ settled: true, value: 'done' });
    expect(announced).toEqual([
      { attempt: 1, delayMs: 100 },
      { attempt: 2, delayMs: 200 },
      { attempt: 3, delayMs: 400 },
    ]);
  });

  it('throws the last failure itself once the retries run out', async () => {
    const last = new Transient('last');
    const { operation, calls } = failing(new Transient('first'), last);
    const hook = vi.fn();
    const state = watch(retry(operation, { ...backoff, retries: 1, shouldRetry: () => true, onFailedAttempt: hook }));
    await expectNextAttemptAfter(100, calls);
    expect(calls).toEqual([1, 2]);
    expect(state.error).toBe(last);
    expect(hook).toHaveBeenCalledTimes(1); // not after the last attempt
  });

  it('stops at once on a failure the predicate refuses, and throws it as it was thrown', async () => {
    const permanent = new Permanent('no');
    const { operation, calls } = failing(new Transient('1'), permanent);
    const hook = vi.fn();
    const seen: FailedAttempt[] = [];
    const state = watch(
      retry(operation, {
        ...backoff,
        retries: 5,
        shouldRetry: (failure) => {
          seen.push(failure);
          return failure.error instanceof Transient;
        },
        onFailedAttempt: hook,
      }),
    );
    await expectNextAttemptAfter(100, calls);
    expect(state.error).toBe(permanent);
    expect(calls).toEqual([1, 2]);
    expect(hook).toHaveBeenCalledTimes(1);
    expect(seen.map((failure) => failure.attempt)).toEqual([1, 2]);
    expect(vi.getTimerCount()).toBe(0); // nothing left waiting
  });

  it('lets the predicate alone judge a TypeError or a thrown non-Error', async () => {
    const { operation, calls } = failing(new TypeError('odd'), 'a string');
    const state = watch(retry(operation, { ...backoff, retries: 2, shouldRetry: () => true }));
    await expectNextAttemptAfter(100, calls);
    await expectNextAttemptAfter(200, calls);
    expect(calls).toEqual([1, 2, 3]);
    expect(state.value).toBe('done');

    const refused = failing('a string');
    const refusedState = watch(retry(refused.operation, { ...backoff, retries: 2, shouldRetry: () => false }));
    await vi.advanceTimersByTimeAsync(0);
    expect(refusedState.error).toBe('a string');
  });

  it('waits exactly the wait the server gave, with no jitter', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { operation, calls } = failing(new Transient('given'), new Transient('not given'));
    const delays: number[] = [];
    const state = watch(
      retry(operation, {
        ...backoff,
        retries: 3,
        jitter: true,
        shouldRetry: () => true,
        waitMs: ({ error }) => ((error as Error).message === 'given' ? 5000 : undefined),
        onFailedAttempt: ({ delayMs }) => void delays.push(delayMs),
      }),
    );
    await expectNextAttemptAfter(5000, calls); // above the cap and without jitter
    await expectNextAttemptAfter(100, calls);
    expect(calls).toEqual([1, 2, 3]);
    expect(delays).toEqual([5000, 100]); // a backoff of 200 with the lowest jitter: half of it
    expect(state.value).toBe('done');
    vi.mocked(Math.random).mockRestore();
  });

  it('stops promptly when the signal aborts during a wait, with the signal reason', async () => {
    const controller = new AbortController();
    const { operation, calls } = failing(new Transient('1'), new Transient('2'));
    const state = watch(retry(operation, { ...backoff, retries: Infinity, shouldRetry: () => true, signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(50);
    const reason = new Error('stop');
    controller.abort(reason);
    await vi.advanceTimersByTimeAsync(0);
    expect(state.error).toBe(reason);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toEqual([1]); // no attempt after the abort
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps the outcome of an attempt the abort came during, and retries nothing after it', async () => {
    const controller = new AbortController();
    const calls: number[] = [];
    const cut = new Transient('cut');
    const state = watch(
      retry(
        (attempt) => {
          calls.push(attempt);
          // The operation honours the signal itself, as a fetch given the signal does.
          return new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(cut)));
        },
        { ...backoff, retries: 3, shouldRetry: () => true, signal: controller.signal },
      ),
    );
    await vi.advanceTimersByTimeAsync(0);
    controller.abort('enough');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(state.error).toBe(cut);
    expect(calls).toEqual([1]);
  });

  it('under a signal that has already aborted, runs the first attempt only (a last save still happens)', async () => {
    const failed = failing(new Transient('1'));
    await expect(retry(failed.operation, { ...backoff, retries: 3, shouldRetry: () => true, signal: AbortSignal.abort('before') })).rejects.toBeInstanceOf(Transient);
    expect(failed.calls).toEqual([1]);

    const saved = failing();
    await expect(retry(saved.operation, { ...backoff, retries: 3, shouldRetry: () => true, signal: AbortSignal.abort('before') })).resolves.toBe('done');
  });

  it('retries for ever with Infinity, as long as the predicate allows, the delay capped', async () => {
    const errors = Array.from({ length: 12 }, (_, index) => new Transient(String(index)));
    const { operation, calls } = failing(...errors);
    const delays: number[] = [];
    const state = watch(retry(operation, { ...backoff, retries: Infinity, shouldRetry: () => true, onFailedAttempt: ({ delayMs }) => void delays.push(delayMs) }));
    for (const delay of [100, 200, 400, 800, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000]) await expectNextAttemptAfter(delay, calls);
    expect(calls).toHaveLength(13);
    expect(state.value).toBe('done');
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000]);
  });

  it('throws what the hook throws, and attempts nothing more', async () => {
    const { operation, calls } = failing(new Transient('1'));
    const hookError = new Error('hook');
    const state = watch(
      retry(operation, {
        ...backoff,
        retries: 3,
        shouldRetry: () => true,
        onFailedAttempt: () => {
          throw hookError;
        },
      }),
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(state.error).toBe(hookError);
    expect(calls).toEqual([1]);
  });
});
