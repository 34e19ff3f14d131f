/**
 * listen() against history as X serves it: pages that come empty while a next_token remains do not end
 * the walk (nothing behind them is lost). The 800-mention limit: twitter-mentions-gap.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from 'everywhere';
import { take } from '../conformance/helpers.js';
import { listening, stopListening } from './twitter-listening.js';

afterEach(stopListening);

describe('X listen over history as X serves it', () => {
  it('an empty page with a next_token is not the end: the mentions behind it are delivered', async () => {
    const setup = await listening();
    const locked = setup.emulator.addUser({ username: 'locked_account' });
    locked.protected = true;
    const visible = [0, 1, 2].map((index) => setup.emulator.mention({ from: 'customer', text: `Visible question ${index}` }).id);
    // More hidden mentions than one page holds, newer than the visible ones: the first page is empty.
    for (let index = 0; index < 120; index++) setup.emulator.mention({ from: 'locked_account', text: `hidden ${index}` });
    // Up to 30 s: two full test runs share CI's two cores, and this walk reads several pages.
    const delivered = await take(setup.iterator, 3, 30_000);
    expect(delivered.map((message: Message) => message.id)).toEqual(visible);
    expect(setup.errors).toEqual([]);
  });
});
