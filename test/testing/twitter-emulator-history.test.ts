/**
 * History as X serves it (https://docs.x.com/x-api/posts/timelines/introduction, .../direct-messages/lookup,
 * .../fundamentals/pagination): only the 800 most recent mentions, 30 days of DM events, pages that come
 * short or empty while a next_token remains (posts filtered after the page is cut), since_id over start_time.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TwitterEmulator } from '../../src/testing/twitter/index.js';

const BASE = 'https://api.x.com';

async function get(emulator: TwitterEmulator, path: string): Promise<{ data?: Array<{ id: string; text: string }>; meta: { result_count: number; next_token?: string; oldest_id?: string } }> {
  const response = await emulator.handle(new Request(BASE + path, { headers: { authorization: `Bearer ${emulator.accessToken}` } }), BASE);
  expect(response.status).toBe(200);
  return (await response.json()) as never;
}

async function walk(emulator: TwitterEmulator, path: string): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page = await get(emulator, `${path}${path.includes('?') ? '&' : '?'}max_results=100${token ? `&pagination_token=${token}` : ''}`);
    ids.push(...(page.data ?? []).map((item) => item.id));
    token = page.meta.next_token;
  } while (token);
  return ids;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('X emulator history', () => {
  it('serves only the 800 most recent mentions, even to since_id below them', async () => {
    const emulator = new TwitterEmulator();
    const all = Array.from({ length: 805 }, (_, index) => emulator.mention({ from: `fan${index % 7}`, text: `question ${index}` }).id);
    const mentions = `/2/users/${emulator.self.id}/mentions`;
    const served = await walk(emulator, mentions);
    expect(served).toHaveLength(800);
    expect(served.at(-1)).toBe(all[5]);
    expect(await walk(emulator, `${mentions}?since_id=${all[0]}`)).toHaveLength(800);
    expect(await walk(emulator, `${mentions}?since_id=${all[799]}`)).toHaveLength(5);
  });

  it('serves DM events of the last 30 days only', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 31 * 24 * 60 * 60 * 1000);
    const emulator = new TwitterEmulator();
    emulator.directMessage({ from: 'customer', text: 'An old question' });
    vi.setSystemTime(Date.now() + 2 * 24 * 60 * 60 * 1000); // 29 days ago
    const recent = emulator.directMessage({ from: 'customer', text: 'A question from last month' });
    vi.useRealTimers();
    const page = await get(emulator, '/2/dm_events');
    expect((page.data ?? []).map((event) => event.id)).toEqual([recent.id]);
    expect(emulator.dmEvents).toHaveLength(2);
  });

  it('a page can come short or empty while its next_token remains; the walk finds everything visible', async () => {
    const emulator = new TwitterEmulator();
    const hidden = emulator.addUser({ username: 'locked_account' });
    hidden.protected = true;
    const visible = Array.from({ length: 3 }, (_, index) => emulator.mention({ from: 'customer', text: `visible ${index}` }).id);
    for (let index = 0; index < 10; index++) emulator.mention({ from: 'locked_account', text: `hidden ${index}` });
    const mentions = `/2/users/${emulator.self.id}/mentions`;
    const first = await get(emulator, `${mentions}?max_results=5`);
    expect(first.data).toBeUndefined();
    expect(first.meta.result_count).toBe(0);
    expect(first.meta.next_token).toBeDefined();
    const ids: string[] = [];
    let token = first.meta.next_token;
    while (token) {
      const page = await get(emulator, `${mentions}?max_results=5&pagination_token=${token}`);
      ids.push(...(page.data ?? []).map((item) => item.id));
      token = page.meta.next_token;
    }
    expect(ids).toEqual([...visible].reverse());
  });

  it('since_id wins over start_time', async () => {
    const emulator = new TwitterEmulator();
    const older = emulator.mention({ from: 'customer', text: 'first' });
    const newer = emulator.mention({ from: 'customer', text: 'second' });
    const longAgo = new Date(Date.now() - 60 * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const future = new Date(Date.now() + 60 * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const mentions = `/2/users/${emulator.self.id}/mentions`;
    expect((await get(emulator, `${mentions}?since_id=${older.id}&start_time=${longAgo}`)).data?.map((item) => item.id)).toEqual([newer.id]);
    // A start_time after every post would leave nothing; with since_id it is not applied.
    expect((await get(emulator, `${mentions}?since_id=${older.id}&start_time=${future}`)).data?.map((item) => item.id)).toEqual([newer.id]);
  });
});
