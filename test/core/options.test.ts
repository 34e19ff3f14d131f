/**
 * The common options' checks and the TypeError each bad value gives. They are z.refine / z.custom
 * checks rather than zod's z.minLength, z.regex, z.enum, z.int, z.boolean, z.union, z.minimum, z.maximum
 * and z.positive (which would each add a parser or check to the browser bundle): the last blocks check
 * they give the same verdicts and messages as those, and that the options bring none of zod's number checks.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { atLeast, atMost, commonOptionsShape, flag, httpUrlSchema, integer, matching, nonEmptyString, oneOf, parseOptions, positive, secretSchema } from '../../src/core/options.js';

const schema = z.strictObject({ ...commonOptionsShape, token: z.optional(secretSchema), url: z.optional(httpUrlSchema) });
const parse = (options: Record<string, unknown>) => parseOptions('demo', schema, options);
const messageOf = (options: Record<string, unknown>) => {
  try {
    parse(options);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as TypeError).message;
  }
  throw new Error('expected the options to be refused');
};

describe('a secret option', () => {
  it('takes a non-empty string or a function, as given', () => {
    const refresh = () => 'fresh';
    expect(parse({ token: 'abc' }).token).toBe('abc');
    expect(parse({ token: refresh }).token).toBe(refresh);
  });

  it('refuses an empty string, or anything but a string or a function, without echoing it', () => {
    expect(messageOf({ token: '' })).toBe("demo(): option 'token' is invalid: must have at least 1 characters");
    for (const value of [5, null, {}, ['secret-in-array'], true]) {
      const message = messageOf({ token: value });
      expect(message).toBe("demo(): option 'token' is invalid: matches none of the accepted forms");
      expect(message).not.toContain('secret-in-array');
    }
  });
});

describe('the string options', () => {
  it('take what they document', () => {
    expect(parse({ id: 'x:1', url: 'https://api.example', rateLimit: { onLimit: 'throw' } })).toMatchObject({ id: 'x:1', url: 'https://api.example', rateLimit: { onLimit: 'throw' } });
    expect(parse({ rateLimit: { onLimit: 'wait' } })).toMatchObject({ rateLimit: { onLimit: 'wait' } });
  });

  it('refuse an empty id, an onLimit of neither kind, and a URL that is not http(s)', () => {
    expect(messageOf({ id: '' })).toBe("demo(): option 'id' is invalid: must have at least 1 characters");
    expect(messageOf({ id: 7 })).toBe("demo(): option 'id' is invalid: expected string");
    expect(messageOf({ rateLimit: { onLimit: 'later' } })).toBe('demo(): option \'rateLimit.onLimit\' is invalid: expected one of "wait", "throw"');
    expect(messageOf({ rateLimit: { onLimit: 1 } })).toBe('demo(): option \'rateLimit.onLimit\' is invalid: expected one of "wait", "throw"');
    expect(messageOf({ url: 'ftp://files.example' })).toBe("demo(): option 'url' is invalid: expected a value of the documented form");
    expect(messageOf({ url: 'https://exa mple' })).toBe("demo(): option 'url' is invalid: expected an http(s) URL");
    expect(messageOf({ url: 5 })).toBe("demo(): option 'url' is invalid: expected string");
  });
});

describe('the whole-number options', () => {
  it('take whole numbers in range', () => {
    expect(parse({ timeoutMs: 5, pollIntervalMs: 1, retry: { retries: 0 }, rateLimit: { maxWaitMs: 0 } })).toMatchObject({ timeoutMs: 5, retry: { retries: 0 } });
    expect(parse({ retry: { retries: 20 }, rateLimit: { maxWaitMs: Number.MAX_SAFE_INTEGER } })).toMatchObject({ retry: { retries: 20 } });
  });

  it('refuse a fraction, a number past the safe integer range, and one out of the option range', () => {
    expect(messageOf({ timeoutMs: 1.5 })).toBe("demo(): option 'timeoutMs' is invalid: expected int");
    expect(messageOf({ pollIntervalMs: -0.5 })).toBe("demo(): option 'pollIntervalMs' is invalid: expected int");
    expect(messageOf({ retry: { retries: 2.5 } })).toBe("demo(): option 'retry.retries' is invalid: expected int");
    expect(messageOf({ timeoutMs: 1e20 })).toBe("demo(): option 'timeoutMs' is invalid: must be at most 9007199254740991");
    expect(messageOf({ timeoutMs: -1e20 })).toBe("demo(): option 'timeoutMs' is invalid: must be at least -9007199254740991");
    expect(messageOf({ rateLimit: { maxWaitMs: 2 ** 60 } })).toBe("demo(): option 'rateLimit.maxWaitMs' is invalid: must be at most 9007199254740991");
    expect(messageOf({ timeoutMs: 0 })).toBe("demo(): option 'timeoutMs' is invalid: must be at least 0");
    expect(messageOf({ rateLimit: { maxWaitMs: -1 } })).toBe("demo(): option 'rateLimit.maxWaitMs' is invalid: must be at least 0");
    expect(messageOf({ retry: { retries: 21 } })).toBe("demo(): option 'retry.retries' is invalid: must be at most 20");
    expect(messageOf({ timeoutMs: Infinity })).toBe("demo(): option 'timeoutMs' is invalid: expected number");
    expect(messageOf({ timeoutMs: '5' })).toBe("demo(): option 'timeoutMs' is invalid: expected number");
  });
});

describe("the same verdicts and messages as zod's own checks", () => {
  const verdict = (schema: z.ZodMiniType, value: unknown) => {
    try {
      return `ok ${JSON.stringify(parseOptions('demo', z.strictObject({ value: schema }), { value }))}`;
    } catch (error) {
      return (error as Error).message;
    }
  };
  const values = ['', 'a', '12', '1a', 'https://x', 'ftp://x', 'wait', 'throw', 0, 1, -1, 1.5, 2 ** 60, -(2 ** 60), NaN, Infinity, true, false, null, {}, [], () => 'f'];
  const pairs: Array<[string, z.ZodMiniType, z.ZodMiniType]> = [
    ['nonEmptyString', nonEmptyString(), z.string().check(z.minLength(1))],
    ['matching', matching(/^\d+$/), z.string().check(z.regex(/^\d+$/))],
    ['integer', z.number().check(...integer(), z.minimum(0)), z.number().check(z.int(), z.minimum(0))],
    ['atLeast', z.number().check(atLeast(0)), z.number().check(z.minimum(0))],
    ['atLeast (negative)', z.number().check(atLeast(-1)), z.number().check(z.minimum(-1))],
    ['atMost', z.number().check(atMost(1)), z.number().check(z.maximum(1))],
    ['positive', z.number().check(positive()), z.number().check(z.positive())],
    ['integer in a range', z.number().check(...integer(), atLeast(0), atMost(20)), z.number().check(z.int(), z.minimum(0), z.maximum(20))],
    ['oneOf', oneOf(['wait', 'throw']), z.enum(['wait', 'throw'])],
    ['flag', flag(), z.boolean()],
    ['secret', secretSchema, z.union([z.string().check(z.minLength(1)), z.custom((value) => typeof value === 'function', 'expected a string or a function')])],
  ];
  for (const [name, ours, zods] of pairs) {
    it(name, () => {
      for (const value of values) expect(verdict(ours, value), String(value)).toBe(verdict(zods, value));
    });
  }
});

describe('the common options in a browser bundle', () => {
  it("bring none of zod's number range checks (z.minimum, z.maximum, z.positive are refine checks)", async () => {
    const result = await build({
      stdin: { contents: "export { commonOptionsShape, integer } from './src/core/options.ts';", resolveDir: process.cwd(), loader: 'ts' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const text = result.outputFiles[0]!.text;
    expect(text).toContain('$ZodNumber');
    expect(['$ZodCheckGreaterThan', '$ZodCheckLessThan'].filter((check) => text.includes(check))).toEqual([]);
  });
});
