/** Weighted length per twitter-text v3 (https://docs.x.com/fundamentals/counting-characters). */
import { describe, expect, it } from 'vitest';
import { weightedLength } from '../../src/twitter/twitter-text.js';

describe('weightedLength', () => {
  it('counts Latin text by code point', () => {
    expect(weightedLength('Hello, world!')).toBe(13);
    expect(weightedLength('café')).toBe(4);
  });

  it('counts every URL as 23, whatever its length', () => {
    expect(weightedLength('see https://example.com/a/very/long/path?with=query&and=more')).toBe(4 + 23);
    expect(weightedLength('docs at example.com')).toBe(8 + 23);
  });

  it('counts CJK characters and emoji as 2', () => {
    expect(weightedLength('你好')).toBe(4);
    expect(weightedLength('こんにちは')).toBe(10);
    expect(weightedLength('👍')).toBe(2);
    expect(weightedLength('👨‍👩‍👧')).toBe(2); // one emoji sequence
    expect(weightedLength('🇫🇷')).toBe(2);
  });

  it('puts 280 Latin characters at the limit and 140 CJK characters too', () => {
    expect(weightedLength('a'.repeat(280))).toBe(280);
    expect(weightedLength('漢'.repeat(140))).toBe(280);
    expect(weightedLength('漢'.repeat(141))).toBe(282);
  });
});
