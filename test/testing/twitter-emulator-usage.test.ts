/**
 * The X emulator's post cap by billing day, and GET /2/usage/tweets as X's OpenAPI document (2.167) and
 * docs.x.com "Usage" give it: an app-only bearer token only, `days` 1–90, `usage.fields` from the `Usage`
 * object's names, and the answer checked against the document when it is beside the clone.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TwitterEmulator } from '../../src/testing/twitter/index.js';
import { nextCapReset } from '../../src/testing/twitter/twitter-emulator-usage.js';
import { xDocument } from '../twitter/twitter-world.js';

const BASE = 'https://api.x.com';

function get(emulator: TwitterEmulator, path: string, token = emulator.appOnlyToken): Promise<Response> {
  return emulator.handle(new Request(BASE + path, { headers: { authorization: `Bearer ${token}` } }), BASE);
}

async function readMentions(emulator: TwitterEmulator): Promise<number> {
  return (await get(emulator, `/2/users/${emulator.self.id}/mentions`, emulator.accessToken)).status;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('X emulator: GET /2/usage/tweets', () => {
  it("answers an app-only token with the plan's cap, its billing day and the posts read, as the document describes", async () => {
    const emulator = new TwitterEmulator({ capResetDay: 10, monthlyPostReads: 500 });
    emulator.addUser({ username: 'customer' });
    emulator.mention({ from: 'customer', text: 'one' });
    emulator.mention({ from: 'customer', text: 'two' });
    expect(await readMentions(emulator)).toBe(200);
    const response = await get(emulator, '/2/usage/tweets');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-rate-limit-limit')).toBe('50');
    const body = (await response.json()) as { data: Record<string, unknown> };
    expect(body.data).toEqual({ cap_reset_day: 10, project_cap: '500', project_id: expect.stringMatching(/^\d+$/), project_usage: '2' });
    expect(xDocument()?.checkAnswer('GET', '/2/usage/tweets', 200, body) ?? []).toEqual([]);
  });

  it('gives the daily breakdown only when usage.fields asks, for `days` days', async () => {
    const emulator = new TwitterEmulator();
    const body = (await (await get(emulator, '/2/usage/tweets?days=3&usage.fields=daily_project_usage')).json()) as { data: { daily_project_usage: { usage: unknown[] } } };
    expect(body.data.daily_project_usage.usage).toHaveLength(3);
    expect(Object.keys(body.data).sort()).toEqual(['cap_reset_day', 'daily_project_usage', 'project_cap', 'project_id', 'project_usage']);
    expect(xDocument()?.checkAnswer('GET', '/2/usage/tweets', 200, body) ?? []).toEqual([]);
  });

  it('refuses a bad parameter with 400, and a user-context token with 403 unsupported-authentication', async () => {
    const emulator = new TwitterEmulator();
    for (const query of ['days=0', 'days=91', 'usage.fields=everything', 'since=yesterday']) expect((await get(emulator, `/2/usage/tweets?${query}`)).status).toBe(400);
    const refused = await get(emulator, '/2/usage/tweets', emulator.accessToken);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ type: 'https://api.twitter.com/2/problems/unsupported-authentication', detail: expect.stringContaining('User Context is forbidden') });
  });

  it('stays open when the usage cap is spent (it reads no posts)', async () => {
    const emulator = new TwitterEmulator();
    emulator.capUsage('Monthly');
    expect(await readMentions(emulator)).toBe(429);
    expect((await get(emulator, '/2/usage/tweets')).status).toBe(200);
  });
});

describe('X emulator: the post cap starts again on the billing day', () => {
  it('a spent monthly cap lifts at midnight UTC of the billing day, and the count starts from 0', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.UTC(2026, 10, 9, 23, 59)));
    const emulator = new TwitterEmulator({ capResetDay: 10, monthlyPostReads: 1 });
    emulator.addUser({ username: 'customer' });
    emulator.mention({ from: 'customer', text: 'the one post this plan may read' });
    expect(await readMentions(emulator)).toBe(200);
    expect(await readMentions(emulator)).toBe(429);
    vi.setSystemTime(new Date(Date.UTC(2026, 10, 10, 0, 0)));
    expect(emulator.access.postsRead).toBe(0);
    expect(await readMentions(emulator)).toBe(200);
  });

  it('the billing day of a month without it is its last day', () => {
    expect(nextCapReset(Date.UTC(2027, 1, 2), 31)).toBe(Date.UTC(2027, 1, 28));
    expect(nextCapReset(Date.UTC(2027, 1, 28), 31)).toBe(Date.UTC(2027, 2, 31));
    expect(nextCapReset(Date.UTC(2026, 10, 10), 10)).toBe(Date.UTC(2026, 11, 10));
  });

  it('a bad capResetDay is a TypeError at construction', () => {
    for (const capResetDay of [0, 32, 2.5]) expect(() => new TwitterEmulator({ capResetDay })).toThrow(/capResetDay must be a day of the month/);
  });
});
