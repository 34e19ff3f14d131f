import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/channel.js';
import { idempotencyKeyOf } from '../../src/core/sent-once.js';

const parent = { id: 'c-1' } as Message;

describe('idempotencyKeyOf, private replies', () => {
  it('gives a private reply its own default key: the public answer with the same text is another message', async () => {
    const publicKey = await idempotencyKeyOf({ text: 'Thanks, check your DMs' }, parent);
    const privateKey = await idempotencyKeyOf({ text: 'Thanks, check your DMs', private: true }, parent);
    expect(privateKey).toMatch(/^reply:c-1:private:[0-9a-f]{64}$/);
    expect(privateKey).not.toBe(publicKey);
    expect(await idempotencyKeyOf({ text: 'Thanks, check your DMs', private: false }, parent)).toBe(publicKey);
  });
});
