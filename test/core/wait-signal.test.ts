/**
 * The channel's waits (quota resets) end at close() with the closed error, or with their own signal,
 * and many at once add no listener to the channel's own signal (Node warned of a "possible memory
 * leak" past ten concurrent waits when each wait listened to it).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/index.js';
import { ChannelContext } from '../../src/core/context.js';
import { normalizeCommonOptions } from '../../src/core/options.js';

const warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);
afterEach(() => {
  process.off('warning', onWarning);
  warnings.length = 0;
});

const context = () => new ChannelContext('test:acme', 'test', normalizeCommonOptions({ store: new MemoryStore() }, { pollIntervalMs: 1000 }));

describe('ChannelContext.waitSignal', () => {
  it('ends every open wait at close() with the closed error, and warns of nothing for fifty at once', async () => {
    process.on('warning', onWarning);
    const channel = context();
    const waits = Array.from({ length: 50 }, () => channel.waitSignal());
    channel.markClosed();
    for (const wait of waits) {
      expect(wait.signal.aborted).toBe(true);
      expect(wait.signal.reason).toMatchObject({ code: 'closed' });
    }
    await new Promise((resolve) => setImmediate(resolve)); // Node emits 'warning' on a later turn
    expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
  });

  it('ends a wait with its own signal, and a disposed wait is left alone by close()', () => {
    const channel = context();
    const request = new AbortController();
    const own = channel.waitSignal(request.signal);
    const disposed = channel.waitSignal();
    disposed.dispose();
    request.abort(new Error('the caller gave up'));
    expect(own.signal.reason).toMatchObject({ message: 'the caller gave up' });
    channel.markClosed();
    expect(disposed.signal.aborted).toBe(false);
    expect(channel.waitSignal().signal.reason).toMatchObject({ code: 'closed' }); // after close(): ended at once
  });
});
