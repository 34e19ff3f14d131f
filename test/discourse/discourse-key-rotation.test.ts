/** A Discourse API key rotated behind the channel's back: after the forum refuses it, the key function is called again once. */
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError } from 'everywhere';
import { discourse } from 'everywhere/discourse';
import { DiscourseEmulator, discourseHandlers } from 'everywhere/testing';
import { describeDiscourseError } from '../../src/discourse/discourse-errors.js';

const FORUM = 'https://forum.example.com';
let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function world(apiKey: () => string) {
  const emulator = new DiscourseEmulator({ apiKey: 'key-1', limits: { api: { limit: 100_000, windowMs: 60_000 } } });
  emulator.forum.user('customer', 'A Customer');
  const server = setupServer(...discourseHandlers(emulator, FORUM));
  server.listen({ onUnhandledRequest: 'error' });
  const channel = discourse({ baseUrl: FORUM, apiKey, apiUsername: emulator.botUsername });
  cleanup.push(() => server.close(), () => channel.close());
  return { emulator, channel };
}

async function readOne(channel: ReturnType<typeof discourse>): Promise<string[]> {
  const found: string[] = [];
  for await (const message of channel.messages({ limit: 1 })) found.push(message.id);
  return found;
}

describe('Discourse: a rotated API key', () => {
  it('after the forum refuses the key the function is called again and the read is sent again with its answer', async () => {
    const vault = { key: 'key-1', stale: [] as string[] };
    const { emulator, channel } = world(() => vault.stale.shift() ?? vault.key);
    emulator.topic({ by: 'customer', title: 'A question about my order', raw: 'Where is my order? It has been a week.' });
    const before = await readOne(channel);
    expect(before).toHaveLength(1);

    vault.stale.push('key-1'); // one answer still has the old key (a cache in front of the secret store)
    emulator.apiKey = vault.key = 'key-2';
    const count = emulator.requests.length;
    expect(await readOne(channel)).toEqual(before);
    const after = emulator.requests.slice(count);
    expect(after.filter((request) => request.status === 403)).toHaveLength(1);
    expect(after.every((request) => request.status === 200 || request.headers.get('api-key') === 'key-1')).toBe(true);
  });

  it('a key that stays refused is an AuthError, each request sent once', async () => {
    const { emulator, channel } = world(() => 'a-revoked-key');
    const error = await readOne(channel).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    const paths = emulator.requests.map((request) => request.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect((error as Error).message).not.toContain('a-revoked-key');
  });

  it('only a refused key counts: a 403 invalid_access for a permission is not sent again', () => {
    const headers = new Headers();
    const response = (status: number, errors: string[]) => ({ status, headers, body: { errors, error_type: 'invalid_access' }, text: '', bucket: 'b', method: 'POST', path: '/posts.json' });
    expect(describeDiscourseError(response(403, ['You are not permitted to view the requested resource. The API username or key is invalid.'])).credentialsRefused).toBe(true);
    expect(describeDiscourseError(response(401, ['Unauthorized'])).credentialsRefused).toBe(true);
    expect(describeDiscourseError(response(403, ['You are not permitted to view the requested resource.'])).credentialsRefused).toBeUndefined();
  });
});
