import { describe, expect, it } from 'vitest';
import { toError } from '../../src/core/to-error.js';

describe('toError', () => {
  it('gives an Error back as it is, subclass and all', () => {
    const error = new RangeError('out');
    expect(toError(error)).toBe(error);
  });

  it.each([
    ['a string', 'boom', 'boom'],
    ['a number', 42, '42'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['a plain object', { code: 1 }, '[object Object]'],
  ])('wraps %s in an Error whose message is its text', (_, value, message) => {
    const error = toError(value);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe(message);
  });
});
