/**
 * The options every factory takes besides its credentials, validated once with zod and
 * normalized into a shape with no `undefined` left (internal code never re-checks defaults).
 */
import * as z from 'zod/mini';
import type * as z4 from 'zod/v4/core';
import { describeIssue } from './issues.js';
import type { Store } from './channel.js';
import { MemoryStore } from './memory-store.js';
import { decodeEncryptionKey } from './oauth2/token-cipher.js';

export interface RateLimitOptions {
  /**
   * What to do when a bucket is spent: wait for its reset, or throw `RateLimitError` without sending.
   * @default 'wait'
   */
  onLimit?: 'wait' | 'throw';
  /**
   * The longest single wait for a reset; a longer one throws `RateLimitError`.
   * @default 900000 (15 minutes)
   */
  maxWaitMs?: number;
}

export interface CommonOptions {
  /** Unique id of the channel, e.g. "twitter:acme". Default: platform and account. */
  id?: string;
  /** The fetch to use (a proxy, a test double, an instrumented fetch). @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Where cursors, quota buckets and idempotency keys live. @default new MemoryStore() */
  store?: Store;
  rateLimit?: RateLimitOptions;
  /** Retries of reads (and of writes the platform proves did not happen). @default { retries: 3 } */
  retry?: { retries?: number };
  /** The least time between two polls of listen(); the rate limits may space them further. */
  pollIntervalMs?: number;
  /** Time limit of one HTTP request. @default 30000 */
  timeoutMs?: number;
  /** 32 bytes in base64 (`openssl rand -base64 32`): credentials kept in the store (OAuth 2.0 token sets) are AES-GCM encrypted with it. */
  encryptionKey?: string;
}

export interface NormalizedCommonOptions {
  id: string | undefined;
  fetch: typeof globalThis.fetch | undefined;
  store: Store;
  rateLimit: { onLimit: 'wait' | 'throw'; maxWaitMs: number };
  retry: { retries: number };
  pollIntervalMs: number;
  timeoutMs: number;
  encryptionKey: string | undefined;
}

// The checks below are z.refine / z.custom, with the messages zod's own z.minLength, z.regex, z.int,
// z.enum, z.boolean, z.union, z.minimum, z.maximum and z.positive give: each of those pulls its own parser
// or check from zod core into every browser bundle (together about 1.7 KB gzipped), for options checked
// once per factory call.

/** A string with something in it. */
export const nonEmptyString = () => z.string().check(z.refine((value) => value !== '', 'must have at least 1 characters'));

/** A string `pattern` matches. */
export const matching = (pattern: RegExp) => z.string().check(z.refine((value) => pattern.test(value), 'expected a value of the documented form'));

/** The checks of zod's `z.int()`: a whole number in the safe integer range. */
export const integer = () => [z.refine<number>(Number.isInteger, 'expected int'), atLeast(Number.MIN_SAFE_INTEGER), atMost(Number.MAX_SAFE_INTEGER)] as const;

/** zod's `z.minimum(minimum)`: `minimum` or more. */
export const atLeast = (minimum: number) => z.refine<number>((value) => value >= minimum, `must be at least ${minimum}`);

/** zod's `z.maximum(maximum)`: `maximum` or less. */
export const atMost = (maximum: number) => z.refine<number>((value) => value <= maximum, `must be at most ${maximum}`);

/** zod's `z.positive()`: more than 0 (its message, too_small with minimum 0, reads "must be at least 0"). */
export const positive = () => z.refine<number>((value) => value > 0, 'must be at least 0');

/** true or false. */
export const flag = () => z.custom<boolean>((value) => typeof value === 'boolean', 'expected boolean');

/** One of `values`. */
export function oneOf<const Value extends string>(values: readonly Value[]) {
  return z.custom<Value>((value) => values.includes(value as Value), `expected one of ${values.map((value) => JSON.stringify(value)).join(', ')}`);
}

/** An http(s) origin such as 'https://api.x.com' or a proxy's URL: it must parse as a URL. */
export const httpUrlSchema = z.string().check(
  z.refine((value) => /^https?:\/\/[^/\s]+/.test(value), 'expected a value of the documented form'),
  z.refine((value) => {
    try {
      return Boolean(new URL(value));
    } catch {
      return false;
    }
  }, 'expected an http(s) URL'),
);

/** A base URL without its trailing slash, so paths join with one. */
export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/$/, '');
}

const storeSchema = z.custom<Store>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    ['get', 'set', 'delete', 'claim', 'take'].every((name) => typeof (value as unknown as Record<string, unknown>)[name] === 'function'),
  { message: 'expected a Store (get, set, delete, claim, take)' },
);

/** The zod shape of the common options; each factory extends it with its credentials. */
export const commonOptionsShape = {
  id: z.optional(nonEmptyString()),
  fetch: z.optional(z.custom<typeof globalThis.fetch>((value) => typeof value === 'function', { message: 'expected a fetch function' })),
  store: z.optional(storeSchema),
  rateLimit: z.optional(
    z.strictObject({ onLimit: z.optional(oneOf(['wait', 'throw'])), maxWaitMs: z.optional(z.number().check(...integer(), atLeast(0))) }),
  ),
  retry: z.optional(z.strictObject({ retries: z.optional(z.number().check(...integer(), atLeast(0), atMost(20))) })),
  pollIntervalMs: z.optional(z.number().check(...integer(), positive())),
  timeoutMs: z.optional(z.number().check(...integer(), positive())),
  encryptionKey: z.optional(z.string().check(z.refine((value) => decodeEncryptionKey(value) !== undefined, 'expected 32 bytes in base64'))),
};

/**
 * A string, or a function that returns the current one (so a refreshed token is picked up). The
 * messages are those z.union([nonEmptyString(), a function]) gives.
 */
export const secretSchema = z.custom<Secret>((value) => typeof value === 'function' || (typeof value === 'string' && value !== ''), {
  error: (issue) => (typeof issue.input === 'string' ? 'must have at least 1 characters' : 'matches none of the accepted forms'),
});

export type Secret = string | (() => string | Promise<string>);

export function resolveSecret(secret: Secret): Promise<string> {
  return Promise.resolve(typeof secret === 'function' ? secret() : secret);
}

/**
 * Validate options against a zod schema and throw a TypeError naming the bad option. The message
 * names the path and the problem only: the value, which may be a secret, is never echoed.
 */
export function parseOptions<T>(factory: string, schema: z4.$ZodType<T>, options: unknown): T {
  const result = z.safeParse(schema, options);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.length > 0 ? issue.path.join('.') : '(options)';
  throw new TypeError(`${factory}(): option '${path}' is invalid: ${describeIssue(issue)}`);
}

export function normalizeCommonOptions(options: CommonOptions, defaults: { pollIntervalMs: number }): NormalizedCommonOptions {
  return {
    id: options.id,
    fetch: options.fetch,
    store: options.store ?? new MemoryStore(),
    rateLimit: { onLimit: options.rateLimit?.onLimit ?? 'wait', maxWaitMs: options.rateLimit?.maxWaitMs ?? 15 * 60 * 1000 },
    retry: { retries: options.retry?.retries ?? 3 },
    pollIntervalMs: options.pollIntervalMs ?? defaults.pollIntervalMs,
    timeoutMs: options.timeoutMs ?? 30_000,
    encryptionKey: options.encryptionKey,
  };
}
