/**
 * X ids are snowflakes: milliseconds since the Twitter epoch in the high bits, then a 10-bit worker
 * and a 12-bit sequence, so they are time-ordered numeric strings to compare as numbers.
 * https://docs.x.com/fundamentals/x-ids (64-bit, returned as strings in v2)
 */

/** 2010-11-04T01:42:54.657Z, the epoch of X snowflake ids. */
export const TWITTER_EPOCH_MS = 1288834974657;
const TIME_SHIFT = 22n;
const WORKER_SHIFT = 12n;
const MAX_SEQUENCE = 4095;

export function snowflake(timeMs: number, worker: number, sequence = 0): bigint {
  return (BigInt(timeMs - TWITTER_EPOCH_MS) << TIME_SHIFT) | (BigInt(worker) << WORKER_SHIFT) | BigInt(sequence);
}

/** The creation time (epoch ms) written in a snowflake. */
export function snowflakeTime(id: bigint | string): number {
  return Number(BigInt(id) >> TIME_SHIFT) + TWITTER_EPOCH_MS;
}

/** The smallest id that could be minted at `timeMs` (for start_time/end_time bounds). */
export function firstIdAt(timeMs: number): bigint {
  return BigInt(Math.max(0, timeMs - TWITTER_EPOCH_MS)) << TIME_SHIFT;
}

/** Mints strictly increasing ids for one worker, even within one millisecond. */
export class SnowflakeMinter {
  #lastMs = 0;
  #sequence = 0;

  constructor(private readonly worker: number) {}

  next(now = Date.now()): { id: string; timeMs: number } {
    let timeMs = Math.max(now, this.#lastMs);
    if (timeMs === this.#lastMs) {
      this.#sequence += 1;
      if (this.#sequence > MAX_SEQUENCE) {
        timeMs += 1;
        this.#sequence = 0;
      }
    } else this.#sequence = 0;
    this.#lastMs = timeMs;
    return { id: snowflake(timeMs, this.worker, this.#sequence).toString(), timeMs };
  }
}

/** Numeric order of two id strings. */
export function compareIds(a: string, b: string): number {
  const left = BigInt(a);
  const right = BigInt(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
