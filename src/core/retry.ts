/**
 * The one retry loop and the one backoff formula. The caller decides what is
 * retryable; the helper waits, between attempts, for the wait the server gave (as is, no jitter)
 * or for an exponential backoff that doubles up to a cap (with optional jitter). An abort ends a
 * wait at once and retries nothing more; an attempt under way is the operation's to end (pass it
 * the signal), and its outcome is kept. All durations are in milliseconds.
 */
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
 * Runs `operation` until it succeeds, `shouldRetry` refuses, the retries run out or the signal aborts.
 * A plain loop: the decision and the wait are `pauseBeforeRetry`'s, so whatever an attempt threw
 * (a TypeError, a non-Error) is judged by `shouldRetry` alone and thrown as it is.
 */
export async function retry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!(await pauseBeforeRetry({ error, attempt }, options, options.retries - attempt + 1))) throw error;
    }
    // From the third attempt on, each starts on a 0 ms timer (1 ms in Node), as it did on p-retry (our loop before):
    // a run of failures without a wait still lets the event loop turn between attempts.
    if (attempt > 1) await sleep(0);
  }
}

/**
 * Decides whether `failure` is retried and, if so, calls the hook and waits: the server's wait as
 * is, else the backoff (with jitter when asked). False when it is not retried; an abort while
 * waiting throws the signal's reason.
 */
async function pauseBeforeRetry(failure: FailedAttempt, options: RetryOptions, retriesLeft: number): Promise<boolean> {
  const { signal } = options;
  if (retriesLeft <= 0 || signal?.aborted || !options.shouldRetry(failure)) return false;
  const given = options.waitMs?.(failure);
  const backoff = backoffDelay(failure.attempt, options);
  const delayMs = given ?? (options.jitter ? backoff * (0.5 + Math.random() / 2) : backoff);
  await options.onFailedAttempt?.({ ...failure, delayMs });
  if (delayMs > 0 || signal?.aborted) await sleep(delayMs, signal);
  return true;
}
