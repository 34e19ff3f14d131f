/**
 * The one retry loop (on p-retry) and the one backoff formula. The caller decides what is
 * retryable; the helper waits, between attempts, for the wait the server gave (as is, no jitter)
 * or for an exponential backoff that doubles up to a cap (with optional jitter). An abort ends a
 * wait at once and retries nothing more; an attempt under way is the operation's to end (pass it
 * the signal), and its outcome is kept. All durations are in milliseconds.
 */
import pRetry from 'p-retry';
import { sleep } from './sleep.js';

export interface Backoff {
  /** Wait after the first failure. */
  firstDelayMs: number;
  /** No wait is longer than this. */
  maxDelayMs: number;
}

/** One failed attempt: what it threw and its number (the first attempt is 1). */
export interface FailedAttempt {
  error: unknown;
  attempt: number;
}

export interface RetryOptions extends Backoff {
  /** Retries after the first attempt; `Infinity` retries for as long as `shouldRetry` allows. */
  retries: number;
  /** Whether this failure may be retried; asked only while retries remain. An error it refuses is thrown at once. */
  shouldRetry: (failure: FailedAttempt) => boolean;
  /** The wait the server asked for after this failure (e.g. Retry-After), used as is; `undefined` for the backoff. */
  waitMs?: (failure: FailedAttempt) => number | undefined;
  /** Spread each backoff over [half, whole), so clients that failed together do not retry together. @default false */
  jitter?: boolean;
  /** Called before the wait of each retry (never after a failure that is not retried). */
  onFailedAttempt?: (failure: FailedAttempt & { delayMs: number }) => void | Promise<void>;
  /**
   * Ends a wait at once, throwing the signal's reason, and stops all retries: a failure under an
   * aborted signal is thrown as it is. The first attempt runs even under an aborted signal (so a
   * last save on the way out still happens); the operation decides whether it honours the signal.
   */
  signal?: AbortSignal;
}

/** The wait before retrying after the `failures`-th failure in a row (1 for the first): doubles up to the cap. */
export function backoffDelay(failures: number, { firstDelayMs, maxDelayMs }: Backoff): number {
  return Math.min(maxDelayMs, firstDelayMs * 2 ** Math.max(0, failures - 1));
}

/**
 * Carries whatever an attempt threw through p-retry, so that only `shouldRetry` decides: p-retry
 * alone would refuse to retry a TypeError or a thrown non-Error, and would write its counters on
 * the caller's error.
 */
class AttemptFailure extends Error {
  retrying = false;
  constructor(readonly failure: unknown) {
    super('attempt failed');
  }
}

/** Runs `operation` until it succeeds, `shouldRetry` refuses, the retries run out or the signal aborts. */
export async function retry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { signal } = options;
  const forever = options.retries === Infinity;
  try {
    return await pRetry(
      async (attempt) => {
        try {
          return await operation(attempt);
        } catch (error) {
          throw new AttemptFailure(error);
        }
      },
      {
        // Infinity would make p-retry's timer table endless; `forever` repeats its one (zero) delay instead.
        ...(forever ? { forever: true, retries: 0 } : { retries: options.retries }),
        // p-retry's own timers wait nothing: the waits below are computed here, once.
        minTimeout: 0,
        maxTimeout: 0,
        randomize: false,
        shouldRetry: (error) => {
          const carrier = error as unknown as AttemptFailure;
          const failure = { error: carrier.failure, attempt: error.attemptNumber };
          carrier.retrying = (forever || error.retriesLeft > 0) && !signal?.aborted && options.shouldRetry(failure);
          return carrier.retrying;
        },
        // p-retry calls this after a refused retry too: only a failure that will be retried waits.
        onFailedAttempt: async (error) => {
          const carrier = error as unknown as AttemptFailure;
          if (!carrier.retrying) return;
          const failure = { error: carrier.failure, attempt: error.attemptNumber };
          const given = options.waitMs?.(failure);
          const backoff = backoffDelay(failure.attempt, options);
          const delayMs = given ?? (options.jitter ? backoff * (0.5 + Math.random() / 2) : backoff);
          try {
            await options.onFailedAttempt?.({ ...failure, delayMs });
          } catch (hookError) {
            throw new AttemptFailure(hookError);
          }
          try {
            if (delayMs > 0 || signal?.aborted) await sleep(delayMs, signal);
          } catch (reason) {
            throw new AttemptFailure(reason); // aborted: p-retry stops and rejects with it
          }
        },
      },
    );
  } catch (error) {
    throw error instanceof AttemptFailure ? error.failure : error;
  }
}
