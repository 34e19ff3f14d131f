/**
 * A mentions backlog larger than the 800 mentions X serves: listen() emits an 'error' naming the gap it
 * cannot read, and delivers what X does serve once each.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError } from 'everywhere';
import { take } from '../conformance/helpers.js';
import { listening, stopListening } from './twitter-listening.js';

afterEach(stopListening);

describe('X listen beyond the 800 mentions X serves', () => {
  it('a backlog beyond the 800 mentions X serves emits an error naming the gap; the 800 come once each', async () => {
    const setup = await listening();
    const backlog = Array.from({ length: 805 }, (_, index) => setup.emulator.mention({ from: `fan${index % 9}`, text: `Backlog question ${index}` }).id);
    const delivered = await take(setup.iterator, 800, 20_000);
    expect(new Set(delivered.map((message) => message.id)).size).toBe(800);
    expect(delivered.map((message) => message.id)).toEqual(backlog.slice(5));
    expect(setup.errors).toHaveLength(1);
    const gap = setup.errors[0]!;
    expect(ChannelError.isInstance(gap)).toBe(true);
    expect(gap.message).toContain('800 most recent mentions');
    expect(gap.message).toContain(`before ${backlog[5]}`);
  });
});
