/**
 * Graph's answer to a read that asks too much at once: HTTP 500, code 1, "Please reduce the amount of
 * data you're asking for, then retry your request" (facebook-nodejs-business-sdk#60; shape as recorded
 * in macbre/farerskie-kadry-feed#10). The same request fails again however often it is sent, so it is
 * not retried as is (`retryable: false` in meta-errors.ts): the read is tried again with every `limit`
 * halved, down to 1, and the sizes that passed are kept for the next reads of the same kind.
 */
import { PlatformError } from '../core/errors.js';

const TOO_MUCH = /reduce the amount of data/i;

export function isTooMuchDataMessage(code: number | undefined, message: string | null | undefined): boolean {
  return code === 1 && TOO_MUCH.test(message ?? '');
}

export function isTooMuchData(error: unknown): boolean {
  return error instanceof PlatformError && isTooMuchDataMessage(Number(error.platformCode), error.platformMessage);
}

/**
 * Reads with limits that shrink while Graph says the answer is too big. `sizes` remembers, per kind
 * of read, the divisor that last passed (1 = the full sizes).
 */
export class ShrinkingLimits {
  readonly #divisors = new Map<string, number>();

  /** The divisor a kind of read uses now. */
  divisor(kind: string): number {
    return this.#divisors.get(kind) ?? 1;
  }

  async read<T>(kind: string, limits: readonly number[], read: (limits: number[]) => Promise<T>): Promise<T> {
    let divisor = this.divisor(kind);
    for (;;) {
      const sized = limits.map((limit) => Math.max(1, Math.floor(limit / divisor)));
      try {
        const answer = await read(sized);
        if (divisor > 1) this.#divisors.set(kind, divisor);
        return answer;
      } catch (error) {
        // Every limit already at 1: nothing smaller to ask for.
        if (!isTooMuchData(error) || sized.every((limit) => limit === 1)) throw error;
        divisor *= 2;
      }
    }
  }
}
