/**
 * Media upload in the X emulator, as X's OpenAPI document (specs/openapi.json 2.167) defines it:
 * initialize, append (base64 segments), finalize, GET status; X's size, type and chunk limits; the
 * media.write scope; media ids that must exist and be the uploader's where posts and DMs name them.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TwitterEmulator, twitterHandlers } from '../../src/testing/twitter/index.js';

const BASE = 'https://api.x.com';
const TOKEN = 'media-test-token';
const MB = 1024 * 1024;
const server = setupServer();
let emulator: TwitterEmulator;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  emulator = new TwitterEmulator({ accessToken: TOKEN, mediaProcessing: { checkAfterSecs: 0 } });
  server.resetHandlers(...twitterHandlers(emulator));
});

async function call(path: string, json?: unknown, token = TOKEN) {
  const init: RequestInit = { headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, method: 'POST' };
  if (json !== undefined) init.body = JSON.stringify(json);
  const response = await fetch(BASE + path, init);
  return { status: response.status, body: (await response.json()) as any };
}
const get = async (path: string) => {
  const response = await fetch(BASE + path, { headers: { authorization: `Bearer ${TOKEN}` } });
  return { status: response.status, body: (await response.json()) as any };
};
const base64 = (size: number) => Buffer.alloc(size, 7).toString('base64');

async function upload(mediaType: string, size: number, category: string): Promise<string> {
  const init = await call('/2/media/upload/initialize', { media_type: mediaType, total_bytes: size, media_category: category });
  expect(init.status).toBe(200);
  const id = init.body.data.id as string;
  expect((await call(`/2/media/upload/${id}/append`, { media: base64(size), segment_index: 0 })).status).toBe(200);
  expect((await call(`/2/media/upload/${id}/finalize`)).status).toBe(200);
  return id;
}

describe('media upload', () => {
  it('uploads an image in segments: initialize, append, finalize; the post that names it shows the media', async () => {
    const init = await call('/2/media/upload/initialize', { media_type: 'image/png', total_bytes: 6, media_category: 'tweet_image' });
    expect(init.status).toBe(200);
    expect(init.body.data).toEqual({ id: expect.stringMatching(/^\d+$/), media_key: `3_${init.body.data.id}`, expires_after_secs: 86400 });
    const id = init.body.data.id;
    expect((await call(`/2/media/upload/${id}/append`, { media: base64(3), segment_index: 0 })).body.data.expires_at).toBeGreaterThan(Date.now() / 1000);
    expect((await call(`/2/media/upload/${id}/append`, { media: base64(3), segment_index: 1 })).status).toBe(200);
    const done = await call(`/2/media/upload/${id}/finalize`);
    expect(done.body.data).toMatchObject({ id, media_key: `3_${id}`, size: 6, image: { image_type: 'image/png' } });
    expect(done.body.data.processing_info).toBeUndefined();
    const posted = await call('/2/tweets', { text: 'with a picture', media: { media_ids: [id] } });
    expect(posted.status).toBe(201);
    expect(emulator.tweets.at(-1)!.attachments).toEqual({ media_keys: [`3_${id}`] });
  });

  it('processes a video: finalize answers processing_info, STATUS goes pending → in_progress → succeeded, and only then may a post use it', async () => {
    const init = await call('/2/media/upload/initialize', { media_type: 'video/mp4', total_bytes: 10, media_category: 'tweet_video' });
    const id = init.body.data.id;
    expect(init.body.data.media_key).toBe(`7_${id}`);
    await call(`/2/media/upload/${id}/append`, { media: base64(10), segment_index: 0 });
    const done = await call(`/2/media/upload/${id}/finalize`);
    expect(done.body.data.processing_info).toEqual({ state: 'pending', check_after_secs: 0, progress_percent: 0 });
    expect((await call('/2/tweets', { text: 'too early', media: { media_ids: [id] } })).status).toBe(400);
    const first = await get(`/2/media/upload?media_id=${id}&command=STATUS`);
    expect(first.body.data.processing_info.state).toBe('in_progress');
    const second = await get(`/2/media/upload?media_id=${id}&command=STATUS`);
    expect(second.body.data).toMatchObject({ id, processing_info: { state: 'succeeded', progress_percent: 100 }, video: { video_type: 'video/mp4' } });
    expect((await call('/2/tweets', { text: 'now', media: { media_ids: [id] } })).status).toBe(201);
  });

  it("refuses with 400 media ids that do not exist, are another user's, or were uploaded for the other use; nothing is stored", async () => {
    const dmImage = await upload('image/jpeg', 4, 'dm_image');
    const tweetImage = await upload('image/jpeg', 4, 'tweet_image');
    const theirs = emulator.uploadedBy('someone');
    for (const ids of [['1234567890123456789'], [theirs], [dmImage]]) {
      const answer = await call('/2/tweets', { text: 'x', media: { media_ids: ids } });
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0]).toEqual({ parameters: { 'media.media_ids': ids }, message: 'Your media IDs are invalid.' });
    }
    const customer = emulator.addUser({ username: 'customer' });
    expect((await call(`/2/dm_conversations/with/${customer.id}/messages`, { text: 'x', attachments: [{ media_id: tweetImage }] })).status).toBe(400);
    expect((await call(`/2/dm_conversations/with/${customer.id}/messages`, { text: 'x', attachments: [{ media_id: '42' }] })).status).toBe(400);
    const group = emulator.groupConversation(['customer', 'other']);
    expect((await call(`/2/dm_conversations/${group}/messages`, { attachments: [{ media_id: theirs }] })).status).toBe(400);
    expect(emulator.tweets).toHaveLength(0);
    expect(emulator.dmEvents).toHaveLength(0);
    const sent = await call(`/2/dm_conversations/with/${customer.id}/messages`, { attachments: [{ media_id: dmImage }] });
    expect(sent.status).toBe(201);
    expect(emulator.dmEvents.at(-1)!.attachments).toEqual({ media_keys: [`3_${dmImage}`] });
  });

  it("keeps X's limits: type, size per kind, segment size and count, total bytes, and the order of the steps", async () => {
    const init = (body: unknown) => call('/2/media/upload/initialize', body);
    expect((await init({ media_type: 'image/png', total_bytes: 5 * MB + 1, media_category: 'tweet_image' })).status).toBe(400);
    expect((await init({ media_type: 'image/gif', total_bytes: 15 * MB + 1, media_category: 'tweet_gif' })).status).toBe(400);
    expect((await init({ media_type: 'image/gif', total_bytes: 15 * MB, media_category: 'tweet_gif' })).status).toBe(200);
    expect((await init({ media_type: 'video/mp4', total_bytes: 512 * MB + 1, media_category: 'tweet_video' })).status).toBe(400);
    expect((await init({ media_type: 'video/mp4', total_bytes: 512 * MB, media_category: 'tweet_video' })).status).toBe(200);
    expect((await init({ media_type: 'video/mp4', total_bytes: 10, media_category: 'tweet_image' })).status).toBe(400);
    expect((await init({ media_type: 'application/pdf', total_bytes: 10 })).status).toBe(400);
    expect((await init({ media_type: 'image/png' })).status).toBe(400);
    expect((await init({ media_type: 'image/png', total_bytes: 10, colour: 'red' })).status).toBe(400);
    const id = (await init({ media_type: 'video/mp4', total_bytes: 6 * MB, media_category: 'tweet_video' })).body.data.id;
    expect((await call(`/2/media/upload/${id}/append`, { media: base64(5 * MB + 4), segment_index: 0 })).status).toBe(400);
    expect((await call(`/2/media/upload/${id}/append`, { media: base64(3), segment_index: 1000 })).status).toBe(400);
    expect((await call(`/2/media/upload/${id}/append`, { media: 'not base64!', segment_index: 0 })).status).toBe(400);
    expect((await call(`/2/media/upload/${id}/append`, { media: base64(4 * MB), segment_index: 0 })).status).toBe(200);
    expect((await call(`/2/media/upload/${id}/append`, { media: base64(3 * MB), segment_index: 1 })).status).toBe(400); // beyond total_bytes
    expect((await call(`/2/media/upload/${id}/finalize`)).status).toBe(400); // 4 MB of 6
    expect((await call('/2/media/upload/1234567890/append', { media: base64(3), segment_index: 0 })).status).toBe(400);
    expect((await get('/2/media/upload?media_id=1234567890')).status).toBe(400);
    expect((await get(`/2/media/upload?media_id=${id}&command=FINALIZE`)).status).toBe(400);
  });

  it('needs the media.write scope of an OAuth 2.0 token (403 without it)', async () => {
    const without = emulator.authorizeOAuth2('tweet.read tweet.write users.read offline.access');
    const refused = await call('/2/media/upload/initialize', { media_type: 'image/png', total_bytes: 4 }, without.accessToken);
    expect(refused.status).toBe(403);
    const granted = emulator.authorizeOAuth2();
    expect(granted.scope.split(' ')).toContain('media.write');
    expect((await call('/2/media/upload/initialize', { media_type: 'image/png', total_bytes: 4 }, granted.accessToken)).status).toBe(200);
  });

  it('a failed processing leaves media no post may use', async () => {
    emulator.failNextMediaProcessing();
    const init = await call('/2/media/upload/initialize', { media_type: 'image/gif', total_bytes: 8, media_category: 'tweet_gif' });
    const id = init.body.data.id;
    await call(`/2/media/upload/${id}/append`, { media: base64(8), segment_index: 0 });
    await call(`/2/media/upload/${id}/finalize`);
    let state = 'pending';
    for (let checks = 0; checks < 5 && (state === 'pending' || state === 'in_progress'); checks++) state = (await get(`/2/media/upload?media_id=${id}&command=STATUS`)).body.data.processing_info.state;
    expect(state).toBe('failed');
    expect((await call('/2/tweets', { text: 'gif', media: { media_ids: [id] } })).status).toBe(400);
  });
});

describe('media upload in one request (POST /2/media/upload)', () => {
  const png = (size: number) => {
    const bytes = Buffer.alloc(size, 1);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    return bytes.toString('base64');
  };

  it('takes a whole image as base64 with its category, reads its type from its bytes, and answers MediaUploadResponse', async () => {
    const answer = await call('/2/media/upload', { media: png(300), media_category: 'tweet_image' });
    expect(answer.status).toBe(200);
    const id = answer.body.data.id;
    expect(answer.body.data).toEqual({ id, media_key: `3_${id}`, size: 300, expires_after_secs: 86400, image: { image_type: 'image/png', w: 1200, h: 800 } });
    expect((await call('/2/tweets', { text: 'one request', media: { media_ids: [id] } })).status).toBe(201);
  });

  it('refuses what X refuses: no category, an unknown file, too big, an undocumented field, a body that is not JSON', async () => {
    expect((await call('/2/media/upload', { media: png(30) })).status).toBe(400);
    expect((await call('/2/media/upload', { media: base64(30), media_category: 'tweet_image' })).status).toBe(400);
    expect((await call('/2/media/upload', { media: png(5 * MB + 1), media_category: 'tweet_image' })).status).toBe(400);
    expect((await call('/2/media/upload', { media: png(30), media_category: 'tweet_image', media_type: 'image/png' })).status).toBe(400);
    const multipart = await fetch(`${BASE}/2/media/upload`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: new URLSearchParams({ media_category: 'tweet_image' }) });
    expect(multipart.status).toBe(400);
  });
});
