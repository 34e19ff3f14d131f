/** The day of YouTube's quota ends at midnight Pacific, daylight saving time included; the emulator refuses parameters the discovery document does not list. */
import { afterEach, describe, expect, it } from 'vitest';
import { nextPacificMidnight } from '../../src/youtube/youtube-quota.js';
import { API, TOKEN, youtubeWorld } from './youtube-world.js';

describe('the next midnight Pacific', () => {
  const cases: Array<[string, string]> = [
    ['2026-11-30T04:00:00Z', '2026-11-30T08:00:00.000Z'], // winter (PST, UTC-8), evening before
    ['2026-11-30T08:00:00Z', '2026-12-01T08:00:00.000Z'], // exactly midnight: the next one
    ['2026-07-01T06:59:59Z', '2026-07-01T07:00:00.000Z'], // summer (PDT, UTC-7)
    ['2026-03-08T07:30:00Z', '2026-03-08T08:00:00.000Z'], // the night DST starts: that midnight is still PST
    ['2026-03-08T12:00:00Z', '2026-03-09T07:00:00.000Z'], // the day DST starts: the next midnight is PDT
    ['2026-11-01T06:59:00Z', '2026-11-01T07:00:00.000Z'], // the night DST ends: that midnight is still PDT
    ['2026-11-01T08:00:00Z', '2026-11-02T08:00:00.000Z'], // the day DST ends: the next midnight is PST
  ];
  for (const [now, midnight] of cases) {
    it(`after ${now} is ${midnight}`, () => {
      expect(nextPacificMidnight(new Date(now)).toISOString()).toBe(midnight);
    });
  }
});

describe('the emulator as strict as the API', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());
  const get = (query: string) => fetch(`${API}/youtube/v3/commentThreads?${query}`, { headers: { authorization: `Bearer ${TOKEN}` } });

  it('answers 400 for an unknown parameter, a maxResults out of range, a bad enum or a missing part', async () => {
    const world = await youtubeWorld();
    close = world.close;
    const base = `part=snippet&allThreadsRelatedToChannelId=${world.emulator.channelId}`;
    expect((await get(base)).status).toBe(200);
    for (const query of [`${base}&since=2026-01-01`, `${base}&maxResults=101`, `${base}&maxResults=0`, `${base}&order=newest`, `allThreadsRelatedToChannelId=${world.emulator.channelId}`]) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { code: number } }).error.code).toBe(400);
    }
  });
});
