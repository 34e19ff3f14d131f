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

/**
 * Runs `operation` until it succeeds, `shouldRetry` refuses, the retries run out or the signal aborts.
 * The first attempt runs without p-retry: most calls succeed at once, and the listen engine makes
 * several per message (p-retry's set-up was a third of the hub's time per message).
 */
export async function retry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  try {
    return await operation(1);
  } catch (error) {
    if (!(await pauseBeforeRetry({ error, attempt: 1 }, options))) throw error;
  }
  return retryAfterFirst(operation, options);
}

/**
 * Decides whether `failure` is retried and, if so, calls the hook and waits: the server's wait as
 * is, else the backoff (with jitter when asked). False when it is not retried; an abort while
 * waiting throws the signal's reason.
 */
async function pauseBeforeRetry(failure: FailedAttempt, options: RetryOptions, retriesLeft = options.retries): Promise<boolean> {
  const { signal } = options;
  if (retriesLeft <= 0 || signal?.aborted || !options.shouldRetry(failure)) return false;
  const given = options.waitMs?.(failure);
  const backoff = backoffDelay(failure.attempt, options);
  const delayMs = given ?? (options.jitter ? backoff * (0.5 + Math.random() / 2) : backoff);
  await options.onFailedAttempt?.({ ...failure, delayMs });
  if (delayMs > 0 || signal?.aborted) await sleep(delayMs, signal);
  return true;
}

/** Attempts 2 and later, on p-retry (numbered as the caller counts them: the first retry is attempt 2). */
async function retryAfterFirst<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const forever = options.retries === Infinity;
  try {
    return await pRetry(
      async (attemptAfterFirst) => {
        try {
          return await operation(attemptAfterFirst + 1);
        } catch (error) {
          throw new AttemptFailure(error);
        }
      },
      {
        // Infinity would make p-retry's timer table endless; `forever` repeats its one (zero) delay instead.
        ...(forever ? { forever: true, retries: 0 } : { retries: options.retries - 1 }),
        // p-retry's own timers wait nothing: the waits are computed by pauseBeforeRetry, once.
        minTimeout: 0,
        maxTimeout: 0,
        randomize: false,
        // p-retry calls onFailedAttempt before shouldRetry and after a refused retry too, so the decision
        // and the wait are both made here; a failure that is not retried ends the loop with itself.
        onFailedAttempt: async (error) => {
          const carrier = error as unknown as AttemptFailure;
          const failure = { error: carrier.failure, attempt: error.attemptNumber + 1 };
          const retriesLeft = forever ? Infinity : error.retriesLeft;
          let retrying: boolean;
          try {
            retrying = await pauseBeforeRetry(failure, options, retriesLeft);
          } catch (reason) {
            throw new AttemptFailure(reason); // a hook's error or an abort: p-retry stops and rejects with it
          }
          if (!retrying) throw carrier;
        },
      },
    );
  } catch (error) {
    throw error instanceof AttemptFailure ? error.failure : error;
  }
}
