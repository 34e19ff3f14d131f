/** The day of YouTube's quota ends at midnight Pacific, daylight saving time included; the emulator refuses parameters the discovery document does not list. */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore, RateLimitError } from 'everywhere';
import { youtube } from 'everywhere/youtube';
import { collect } from '../conformance/helpers.js';
import { nextPacificMidnight } from '../../src/youtube/youtube-quota.js';
import { SCHEMA_PROPERTIES } from '../../src/testing/youtube/youtube-facts.js';
import { API, CHANNEL_ID, TOKEN, VIDEO, youtubeWorld } from './youtube-world.js';

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

describe('the emulator answers with documented properties only', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  /** Every key of `value` is a property `schema` documents, recursively along the references the emulator uses. */
  function undocumented(value: Record<string, unknown>, schema: string, path = schema): string[] {
    const references: Record<string, Record<string, string>> = {
      CommentThreadListResponse: { items: 'CommentThread', pageInfo: 'PageInfo' },
      CommentListResponse: { items: 'Comment', pageInfo: 'PageInfo' },
      VideoListResponse: { items: 'Video', pageInfo: 'PageInfo' },
      CommentThread: { snippet: 'CommentThreadSnippet', replies: 'CommentThreadReplies' },
      CommentThreadSnippet: { topLevelComment: 'Comment' },
      CommentThreadReplies: { comments: 'Comment' },
      Comment: { snippet: 'CommentSnippet' },
      Video: { snippet: 'VideoSnippet' },
    };
    const documented = SCHEMA_PROPERTIES[schema]!;
    return Object.entries(value).flatMap(([key, child]) => {
      if (!documented.includes(key)) return [`${path}.${key}`];
      const reference = references[schema]?.[key];
      if (!reference) return [];
      const children = Array.isArray(child) ? child : [child];
      return children.flatMap((item) => undocumented(item as Record<string, unknown>, reference, `${path}.${key}`));
    });
  }

  it('in commentThreads.list, comments.list, comments.insert and videos.list', async () => {
    const world = await youtubeWorld();
    close = world.close;
    const top = world.emulator.comment({ videoId: VIDEO, text: 'A question' });
    world.emulator.reply({ parentId: top.id, text: 'An answer' });
    const headers = { authorization: `Bearer ${TOKEN}` };
    const read = async (path: string) => (await (await fetch(`${API}/youtube/v3/${path}`, { headers })).json()) as Record<string, unknown>;
    const inserted = (await (await fetch(`${API}/youtube/v3/comments?part=snippet`, { method: 'POST', headers, body: JSON.stringify({ snippet: { parentId: top.id, textOriginal: 'Thanks!' } }) })).json()) as Record<string, unknown>;
    expect(undocumented(await read(`commentThreads?part=snippet,replies&allThreadsRelatedToChannelId=${world.emulator.channelId}`), 'CommentThreadListResponse')).toEqual([]);
    expect(undocumented(await read(`comments?part=snippet&parentId=${top.id}`), 'CommentListResponse')).toEqual([]);
    expect(undocumented(await read(`videos?part=snippet&id=${VIDEO}`), 'VideoListResponse')).toEqual([]);
    expect(undocumented(inserted, 'Comment')).toEqual([]);
    expect(undocumented({ ...inserted, likes: 1 }, 'Comment')).toEqual(['Comment.likes']); // the check itself can fail
  });
});

describe('channels of one Google Cloud project', () => {
  let close: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of close.splice(0).reverse()) await step();
  });

  it('share its units in one store when they name the project, and keep their own otherwise', async () => {
    const world = await youtubeWorld();
    const store = new MemoryStore();
    const create = (channelId: string, project?: string) =>
      youtube({ channelId, accessToken: TOKEN, store, dailyQuota: 100, rateLimit: { onLimit: 'throw' }, ...(project ? { project } : {}) });
    const first = create(CHANNEL_ID, 'acme-support');
    const second = create('UCsecondChannel000000001', 'acme-support');
    const alone = create('UCthirdChannel0000000001');
    close.push(world.close, () => first.close(), () => second.close(), () => alone.close());
    world.emulator.comment({ videoId: VIDEO, text: 'A question' });
    const [inbound] = await collect(first.messages()); // 2 units of the project's 100
    await first.reply(inbound!, { text: 'An answer for 50 units.' }); // 52
    const refused = await second.reply({ ...inbound!, channel: second.id }, { text: 'Another answer for 50 units.' }).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(RateLimitError); // 52 + 50 > 100: refused before the wire
    expect(await alone.reply({ ...inbound!, channel: alone.id }, { text: 'Its own 100 units.' })).toMatchObject({ parentId: inbound!.id });
    expect(world.emulator.requests.filter((request) => request.method === 'POST')).toHaveLength(2);
  });
});
