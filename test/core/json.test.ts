import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/core/json.js';

describe('parseJson', () => {
  it('answers the value of any JSON text, null and falsy values included', () => {
    expect(parseJson('{"a":[1,"two",{"b":null}]}')).toEqual({ a: [1, 'two', { b: null }] });
    expect(parseJson('null')).toBeNull();
    expect(parseJson('0')).toBe(0);
    expect(parseJson('false')).toBe(false);
    expect(parseJson('""')).toBe('');
  });

  it.each([
    ['an empty text', ''],
    ['no text at all', undefined],
    ['a missing header', null],
    ['HTML', '<html>502 Bad Gateway</html>'],
    ['a truncated object', '{"a":1'],
    ['single quotes', "{'a':1}"],
    ['a trailing comma', '[1,2,]'],
  ])('answers undefined, never throws, for %s', (_, text) => {
    expect(parseJson(text)).toBeUndefined();
  });
});
