import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex, toHex } from '../../src/core/hex.js';

describe('toHex', () => {
  it('writes two lower-case digits per byte, leading zeros kept', () => {
    expect(toHex(new Uint8Array([0, 1, 15, 16, 171, 255]))).toBe('00010f10abff');
  });

  it('answers an empty text for no bytes', () => {
    expect(toHex(new Uint8Array())).toBe('');
  });
});

describe('sha256Hex', () => {
  it('is the SHA-256 of the UTF-8 bytes, as node:crypto computes it', async () => {
    for (const text of ['', 'abc', 'héllo 👋\nline two']) {
      expect(await sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
    // The published test vector (FIPS 180-2, "abc").
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
