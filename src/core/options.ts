/**
 * The options every factory takes besides its credentials, validated once with zod and
 * normalized into a shape with no `undefined` left (internal code never re-checks defaults).
 */
import * as z from 'zod/mini';
import type * as z4 from 'zod/v4/core';
import { describeIssue } from './issues.js';
import type { Store } from './channel.js';
import { MemoryStore } from './memory-store.js';

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
}

export interface NormalizedCommonOptions {
  id: string | undefined;
  fetch: typeof globalThis.fetch | undefined;
  store: Store;
  rateLimit: { onLimit: 'wait' | 'throw'; maxWaitMs: number };
  retry: { retries: number };
  pollIntervalMs: number;
  timeoutMs: number;
}

/** A string with something in it. */
export const nonEmptyString = () => z.string().check(z.minLength(1));

/** An http(s) origin such as 'https://api.x.com' or a proxy's URL: it must parse as a URL. */
export const httpUrlSchema = z.string().check(
  z.regex(/^https?:\/\/[^/\s]+/),
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

/**
 * The checks of zod's `z.int()` (a whole number in the safe integer range), with the same messages,
 * made of checks the bundle has anyway: `z.int()` pulls zod's number formats (0.4 KB gzipped) into
 * every browser bundle.
 */
export const integer = () => [z.refine<number>(Number.isInteger, 'expected int'), z.minimum(Number.MIN_SAFE_INTEGER), z.maximum(Number.MAX_SAFE_INTEGER)] as const;

/** The zod shape of the common options; each factory extends it with its credentials. */
export const commonOptionsShape = {
  id: z.optional(nonEmptyString()),
  fetch: z.optional(z.custom<typeof globalThis.fetch>((value) => typeof value === 'function', { message: 'expected a fetch function' })),
  store: z.optional(storeSchema),
  rateLimit: z.optional(
    z.strictObject({ onLimit: z.optional(z.enum(['wait', 'throw'])), maxWaitMs: z.optional(z.number().check(...integer(), z.minimum(0))) }),
  ),
  retry: z.optional(z.strictObject({ retries: z.optional(z.number().check(...integer(), z.minimum(0), z.maximum(20))) })),
  pollIntervalMs: z.optional(z.number().check(...integer(), z.positive())),
  timeoutMs: z.optional(z.number().check(...integer(), z.positive())),
};

/** A string, or a function that returns the current one (so a refreshed token is picked up). */
// One custom check where z.union would pull zod's union parser (0.3 KB gzipped) into every browser
// bundle; its messages are the ones the union of a non-empty string and a function gave.
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
  };
}
