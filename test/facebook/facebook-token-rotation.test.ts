/** A Page token rotated behind the channel's back: after Graph's code 190 the token function is called again once. */
import { describe, expect, it } from 'vitest';
import { AuthError } from '../../src/index.js';
import { FacebookEmulator } from '../../src/testing/facebook/index.js';
import { createFacebook } from './facebook-world.js';

/** How many requests each Graph path got (messages() reads the feed and the conversations). */
function requestsPerPath(emulator: FacebookEmulator): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const request of emulator.requests) counts[request.path.split('?')[0]!] = (counts[request.path.split('?')[0]!] ?? 0) + 1;
  return counts;
}

async function readOne(channel: ReturnType<typeof createFacebook>): Promise<unknown> {
  const found = [];
  for await (const message of channel.messages({ limit: 1 })) found.push(message.id);
  return found;
}

describe('Facebook: a rotated Page token', () => {
  it('after code 190 the function is called again and the read is sent again with its answer', async () => {
    const emulator = new FacebookEmulator();
    const postId = emulator.post({ message: 'Welcome', at: new Date(Date.now() - 60_000) });
    emulator.comment({ from: { id: '7000000001', name: 'Dana' }, message: 'hello there', on: postId });
    const vault = { token: emulator.pageAccessToken, stale: [] as string[] };
    // Like a cache in front of a secret store: one answer still has the old token, the next call the new one.
    const channel = createFacebook(emulator, { pageAccessToken: () => vault.stale.shift() ?? vault.token });
    const before = await readOne(channel);

    vault.stale.push(emulator.pageAccessToken);
    emulator.pageAccessToken = vault.token = 'EAAB-rotated-token';
    const requestsBefore = emulator.requests.length;
    expect(await readOne(channel)).toEqual(before);
    const after = emulator.requests.slice(requestsBefore);
    expect(after.filter((request) => request.status === 400)).toHaveLength(1);
    expect(after.filter((request) => request.status === 200)).toHaveLength(2); // the feed and the conversations
    const refused = after.find((request) => request.status === 400)!;
    const pathOf = (request: { path: string }) => request.path.split('?')[0];
    const resent = after.filter((request) => pathOf(request) === pathOf(refused) && request.status === 200);
    expect(resent.map((request) => request.headers.get('authorization'))).toEqual(['Bearer EAAB-rotated-token']);
    await channel.close();
  });

  it('a fixed token that Graph refuses stays an AuthError, each request sent once', async () => {
    const emulator = new FacebookEmulator();
    const channel = createFacebook(emulator, { pageAccessToken: 'EAAB-revoked-token' });
    const error = await readOne(channel).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect(Object.values(requestsPerPath(emulator)).every((count) => count === 1)).toBe(true);
    expect((error as Error).message).not.toContain('EAAB-revoked-token');
    await channel.close();
  });

  it('a function still answering the refused token: AuthError after one call more per request, not a loop', async () => {
    const emulator = new FacebookEmulator();
    let calls = 0;
    const channel = createFacebook(emulator, {
      pageAccessToken: () => {
        calls += 1;
        return 'EAAB-stale-token';
      },
    });
    const error = await readOne(channel).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'auth', status: 400 });
    const sent = emulator.requests.length;
    expect(Object.values(requestsPerPath(emulator)).every((count) => count === 1)).toBe(true);
    expect(calls).toBeGreaterThan(sent); // called again after a refusal
    expect(calls).toBeLessThanOrEqual(2 * sent); // but once per request at most
    await channel.close();
  });
});
