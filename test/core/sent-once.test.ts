/**
 * Sent once, after a holder died between its "started" marker and its result: what the adapter's
 * `recover` finds decides. The message: it is the result. `null` (the platform shows it was not
 * posted): it is sent now, once. `undefined` (the adapter cannot tell): DeliveryUnknownError.
 */
import { describe, expect, it, vi } from 'vitest';
import { DeliveryUnknownError, MemoryStore, type Message } from '../../src/index.js';
import { ChannelContext } from '../../src/core/context.js';
import { normalizeCommonOptions } from '../../src/core/options.js';
import { sendOnce } from '../../src/core/sent-once.js';

const KEY = 'reply:42:abc';

function message(id: string): Message {
  return { id, channel: 'test:acme', platform: 'test', kind: 'reply', threadId: '42', parentId: '42', author: { id: 'bot', isSelf: true }, text: 'answer', attachments: [], createdAt: new Date(0), raw: {} };
}

/** A channel whose earlier send with KEY was interrupted: "started" written, no result, its claim lapsed. */
async function interrupted() {
  const store = new MemoryStore();
  const context = new ChannelContext('test:acme', 'test', normalizeCommonOptions({ store }, { pollIntervalMs: 1000 }));
  await store.set(`test:acme:sent:${KEY}:started`, '1');
  return { store, context };
}

describe('sendOnce after an interrupted send', () => {
  it('returns what recover found, and sends nothing', async () => {
    const { context } = await interrupted();
    const send = vi.fn(async () => message('new'));
    const result = await sendOnce(context, { key: KEY, send, recover: async () => message('landed') });
    expect(result.id).toBe('landed');
    expect(send).not.toHaveBeenCalled();
    // Bound to the key: a second call returns it without asking again.
    expect((await sendOnce(context, { key: KEY, send, recover: async () => undefined })).id).toBe('landed');
  });

  it('sends once when recover shows it was not posted (null), and binds the result', async () => {
    const { context } = await interrupted();
    const send = vi.fn(async () => message('sent-now'));
    const result = await sendOnce(context, { key: KEY, send, recover: async () => null });
    expect(result.id).toBe('sent-now');
    expect(send).toHaveBeenCalledTimes(1);
    expect((await sendOnce(context, { key: KEY, send, recover: async () => null })).id).toBe('sent-now');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('throws DeliveryUnknownError, sending nothing, when recover cannot tell (undefined) or is absent', async () => {
    for (const recover of [async () => undefined, undefined]) {
      const { context } = await interrupted();
      const send = vi.fn(async () => message('never'));
      await expect(sendOnce(context, { key: KEY, send, ...(recover ? { recover } : {}) })).rejects.toBeInstanceOf(DeliveryUnknownError);
      expect(send).not.toHaveBeenCalled();
    }
  });
});
