/**
 * HMAC signatures, checked against the published test vectors: RFC 4231 §4.3 (HMAC-SHA-256, test case 2)
 * and RFC 2202 §3 (HMAC-SHA-1, test case 2). Imported keys are kept for reuse, so the same key must give
 * the same signature however many other keys were used in between.
 */
import { describe, expect, it } from 'vitest';
import { hmac, timingSafeEqual } from '../../src/core/hmac.js';

const KEY = 'Jefe';
const DATA = 'what do ya want for nothing?';
const SHA256_HEX = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
const SHA1_HEX = 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79';

describe('hmac', () => {
  it('gives the RFC vectors, in hex and base64', async () => {
    expect(await hmac('SHA-256', KEY, DATA, 'hex')).toBe(SHA256_HEX);
    expect(await hmac('SHA-1', KEY, DATA, 'hex')).toBe(SHA1_HEX);
    expect(await hmac('SHA-256', KEY, new TextEncoder().encode(DATA), 'base64')).toBe(Buffer.from(SHA256_HEX, 'hex').toString('base64'));
  });

  it('keeps one key per hash: the same secret under SHA-1 and SHA-256 signs as each hash', async () => {
    const [sha256, sha1] = await Promise.all([hmac('SHA-256', KEY, DATA, 'hex'), hmac('SHA-1', KEY, DATA, 'hex')]);
    expect([sha256, sha1]).toEqual([SHA256_HEX, SHA1_HEX]);
  });

  it('signs right with a key used again after many others (the oldest kept keys are dropped)', async () => {
    expect(await hmac('SHA-256', KEY, DATA, 'hex')).toBe(SHA256_HEX);
    const others = await Promise.all(Array.from({ length: 100 }, (_, index) => hmac('SHA-256', `secret-${index}`, DATA, 'hex')));
    expect(new Set(others).size).toBe(100);
    expect(others[7]).toBe(await hmac('SHA-256', 'secret-7', DATA, 'hex'));
    expect(await hmac('SHA-256', KEY, DATA, 'hex')).toBe(SHA256_HEX);
  });

  it('compares signatures of equal length only', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true);
    expect(timingSafeEqual('abc', 'abd')).toBe(false);
    expect(timingSafeEqual('abc', 'abcd')).toBe(false);
  });
});
