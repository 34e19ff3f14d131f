/**
 * A result bound to an idempotency key comes back as it was sent: its dates are Dates again,
 * `editedAt` included (a review reply that replaced an earlier one says so in `editedAt`).
 */
import { describe, expect, it, vi } from 'vitest';
import { MemoryStore, type Message } from '../../src/index.js';
import { ChannelContext } from '../../src/core/context.js';
import { normalizeCommonOptions } from '../../src/core/options.js';
import { sendOnce } from '../../src/core/sent-once.js';

describe('sendOnce results', () => {
  it('revives editedAt as a Date, like createdAt', async () => {
    const context = new ChannelContext('test:acme', 'test', normalizeCommonOptions({ store: new MemoryStore() }, { pollIntervalMs: 1000 }));
    const sent: Message = {
      id: 'r1/reply', channel: 'test:acme', platform: 'test', kind: 'reply', threadId: 'r1', parentId: 'r1', author: { id: 'owner', isSelf: true },
      text: 'Thanks', attachments: [], createdAt: new Date(1000), editedAt: new Date(2000), raw: {},
    };
    const send = vi.fn(async () => sent);
    await sendOnce(context, { key: 'reply:r1:abc', send });
    const again = await sendOnce(context, { key: 'reply:r1:abc', send });
    expect(send).toHaveBeenCalledTimes(1);
    expect(again.editedAt).toBeInstanceOf(Date);
    expect(again.editedAt!.getTime()).toBe(2000);
  });
});
