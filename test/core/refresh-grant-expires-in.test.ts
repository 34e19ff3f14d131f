/**
 * A token endpoint that writes `expires_in` as a string of digits (Trustpilot answers
 * `"expires_in": "359999"`) is read like one that writes a number: the set expires then, not never.
 * Anything else in that field is no expiry at all, as before.
 */
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/index.js';
import { ChannelContext } from '../../src/core/context.js';
import { normalizeCommonOptions } from '../../src/core/options.js';
import { refreshGrant } from '../../src/core/oauth2/refresh-grant.js';

function grant(answer: unknown) {
  const context = new ChannelContext('test:acme', 'test', normalizeCommonOptions({ store: new MemoryStore() }, { pollIntervalMs: 1000 }));
  const fetch = async () => Response.json(answer);
  return refreshGrant({ oauth2: { tokenUrl: 'https://auth.example/token', clientId: 'key', clientSecret: 'secret' }, tokens: { refreshToken: 'r1' }, context, fetch, timeoutMs: 5000 });
}

describe('refreshGrant expires_in', () => {
  it('takes a string of digits as seconds', async () => {
    const before = Date.now();
    const set = await grant({ access_token: 'a2', refresh_token: 'r2', expires_in: '359999' });
    expect(set.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 359_999_000);
    expect(set.expiresAt!.getTime()).toBeLessThan(before + 360_000_000 + 5000);
  });

  it('still takes a number, and leaves the expiry unknown for text that is no number', async () => {
    expect((await grant({ access_token: 'a2', expires_in: 3599 })).expiresAt).toBeInstanceOf(Date);
    expect((await grant({ access_token: 'a2', expires_in: 'soon' })).expiresAt).toBeUndefined();
  });
});
