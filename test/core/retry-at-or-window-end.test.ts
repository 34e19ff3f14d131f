/** When a refused call may go again: Retry-After when sent (seconds or a date), else the end of the clock-aligned window. */
import { describe, expect, it } from 'vitest';
import { retryAtOrWindowEnd } from '../../src/core/http/retry-after.js';

const NOW = Date.UTC(2026, 0, 1, 12, 3, 20); // 12:03:20
const FIVE_MINUTES_MS = 5 * 60_000;

describe('retryAtOrWindowEnd', () => {
  it('without Retry-After: the end of the window now falls in (12:05:00 for five minutes, 12:04:00 for one)', () => {
    expect(retryAtOrWindowEnd(new Headers(), FIVE_MINUTES_MS, NOW).toISOString()).toBe('2026-01-01T12:05:00.000Z');
    expect(retryAtOrWindowEnd(new Headers(), 60_000, NOW).toISOString()).toBe('2026-01-01T12:04:00.000Z');
  });

  it('on a window boundary: the end of that window, not now', () => {
    const boundary = Date.UTC(2026, 0, 1, 12, 5, 0);
    expect(retryAtOrWindowEnd(new Headers(), FIVE_MINUTES_MS, boundary).toISOString()).toBe('2026-01-01T12:10:00.000Z');
  });

  it('Retry-After in seconds or as an HTTP date wins over the window', () => {
    expect(retryAtOrWindowEnd(new Headers({ 'retry-after': '7' }), FIVE_MINUTES_MS, NOW).toISOString()).toBe('2026-01-01T12:03:27.000Z');
    expect(retryAtOrWindowEnd(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 12:03:50 GMT' }), FIVE_MINUTES_MS, NOW).toISOString()).toBe('2026-01-01T12:03:50.000Z');
  });
});
