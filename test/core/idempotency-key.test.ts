import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/channel.js';
import { idempotencyKeyOf } from '../../src/core/sent-once.js';

const parent = { id: 'm-1' } as Message;

describe('idempotencyKeyOf', () => {
  it("keeps a reply's default key stable: reply:<parent id>:<sha-256 hex of the text> (keys already in stores depend on it)", async () => {
    const text = 'Thanks, we are on it ✓';
    const digest = createHash('sha256').update(text, 'utf8').digest('hex');
    expect(await idempotencyKeyOf({ text }, parent)).toBe(`reply:m-1:${digest}`);
  });

  it("uses the draft's own key, for a send and for a reply", async () => {
    expect(await idempotencyKeyOf({ text: 'x', idempotencyKey: 'order-7' }, undefined)).toBe('order-7');
    expect(await idempotencyKeyOf({ text: 'x', idempotencyKey: 'order-7' }, parent)).toBe('order-7');
  });

  it('gives none for a send without a key, or when the draft says null', async () => {
    expect(await idempotencyKeyOf({ text: 'x' }, undefined)).toBeUndefined();
    expect(await idempotencyKeyOf({ text: 'x', idempotencyKey: null }, undefined)).toBeUndefined();
    expect(await idempotencyKeyOf({ text: 'x', idempotencyKey: null }, parent)).toBeUndefined();
  });
});
