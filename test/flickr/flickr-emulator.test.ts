/**
 * The FlickrEmulator is as strict as Flickr: unsigned, badly signed or unknown-key calls refused with
 * their codes, a missing required argument with its documented error, writes by POST with write
 * permission, answers in format=json only. Calls are made here by hand, signed with the core's OAuth 1.0a.
 */
import { describe, expect, it } from 'vitest';
import { oauth1Parameters } from '../../src/core/oauth1.js';
import { FlickrEmulator } from 'everywhere/testing';

const BASE = 'https://api.flickr.com/services';

async function call(emulator: FlickrEmulator, method: 'GET' | 'POST', args: Record<string, string>, options: { sign?: boolean; tamper?: boolean; keys?: Partial<FlickrEmulator['keys']> } = {}) {
  const url = new URL(`${BASE}/rest`);
  const keys = { ...emulator.keys, ...options.keys };
  const all: Record<string, string> = { format: 'json', nojsoncallback: '1', ...args };
  let body: string | undefined;
  if (method === 'GET') for (const [key, value] of Object.entries(all)) url.searchParams.set(key, value);
  const oauth = options.sign === false ? {} : await oauth1Parameters(keys, { method, url, ...(method === 'POST' ? { form: all } : {}) });
  if (options.tamper) oauth.oauth_signature = 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=';
  if (method === 'GET') for (const [key, value] of Object.entries(oauth)) url.searchParams.set(key, value);
  else body = new URLSearchParams({ ...all, ...oauth }).toString();
  const response = await emulator.handle(new Request(url, { method, ...(body ? { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}) }), BASE);
  expect(response.status).toBe(200);
  return (await response.json()) as { stat: string; code?: number; message?: string } & Record<string, unknown>;
}

describe('FlickrEmulator', () => {
  it('serves a signed read, and a signed write by POST', async () => {
    const emulator = new FlickrEmulator();
    const photoId = emulator.photo('A photo');
    expect(await call(emulator, 'GET', { method: 'flickr.photos.recentlyUpdated', min_date: '1', extras: 'last_update' })).toMatchObject({ stat: 'ok', photos: { page: 1, pages: 1, photo: [{ id: photoId, title: 'A photo' }] } });
    const added = await call(emulator, 'POST', { method: 'flickr.photos.comments.addComment', photo_id: photoId, comment_text: 'Hi' });
    expect(added).toMatchObject({ stat: 'ok', comment: { id: expect.stringContaining(photoId) } });
    expect(await call(emulator, 'GET', { method: 'flickr.photos.comments.getList', photo_id: photoId })).toMatchObject({ stat: 'ok', comments: { photo_id: photoId, comment: [{ _content: 'Hi', author: emulator.userId }] } });
  });

  it.each<[string, 'GET' | 'POST', Record<string, string>, Parameters<typeof call>[3], number]>([
    ['an unsigned call: 97', 'GET', { method: 'flickr.photos.recentlyUpdated', min_date: '1' }, { sign: false }, 97],
    ['a bad signature: 96', 'GET', { method: 'flickr.photos.recentlyUpdated', min_date: '1' }, { tamper: true }, 96],
    ['a signature by another secret: 96', 'POST', { method: 'flickr.photos.comments.addComment', photo_id: 'PHOTO', comment_text: 'x' }, { keys: { tokenSecret: 'other' } }, 96],
    ['an unknown token: 98', 'GET', { method: 'flickr.photos.recentlyUpdated', min_date: '1' }, { keys: { token: 'unknown' } }, 98],
    ['an unknown key: 100', 'GET', { method: 'flickr.photos.recentlyUpdated', min_date: '1' }, { keys: { consumerKey: 'unknown' } }, 100],
    ['an unknown method: 112', 'GET', { method: 'flickr.photos.nope' }, {}, 112],
    ['recentlyUpdated without min_date: 1', 'GET', { method: 'flickr.photos.recentlyUpdated' }, {}, 1],
    ['getList without photo_id: 1', 'GET', { method: 'flickr.photos.comments.getList' }, {}, 1],
    ['getList of an unknown photo: 1', 'GET', { method: 'flickr.photos.comments.getList', photo_id: '404' }, {}, 1],
    ['addComment without photo_id: 1', 'POST', { method: 'flickr.photos.comments.addComment', comment_text: 'x' }, {}, 1],
    ['addComment without comment_text: 8', 'POST', { method: 'flickr.photos.comments.addComment', photo_id: 'PHOTO' }, {}, 8],
    ['addComment with a blank text: 8', 'POST', { method: 'flickr.photos.comments.addComment', photo_id: 'PHOTO', comment_text: '  ' }, {}, 8],
    ['addComment by GET: 112', 'GET', { method: 'flickr.photos.comments.addComment', photo_id: 'PHOTO', comment_text: 'x' }, {}, 112],
  ])('refuses %s', async (_name, method, args, options, code) => {
    const emulator = new FlickrEmulator();
    const photoId = emulator.photo('A photo');
    const withPhoto = Object.fromEntries(Object.entries(args).map(([key, value]) => [key, value === 'PHOTO' ? photoId : value]));
    expect(await call(emulator, method, withPhoto, options)).toMatchObject({ stat: 'fail', code });
    expect(emulator.photos.get(photoId)!.comments).toHaveLength(0);
  });

  it('refuses a write with a read-only token: 99', async () => {
    const emulator = new FlickrEmulator({ perms: 'read' });
    const photoId = emulator.photo('A photo');
    expect(await call(emulator, 'POST', { method: 'flickr.photos.comments.addComment', photo_id: photoId, comment_text: 'x' })).toMatchObject({ stat: 'fail', code: 99 });
  });

  it('answers only format=json&nojsoncallback=1: 111', async () => {
    const emulator = new FlickrEmulator();
    expect(await call(emulator, 'GET', { method: 'flickr.photos.recentlyUpdated', min_date: '1', format: 'rest' })).toMatchObject({ stat: 'fail', code: 111 });
  });

  it('pages recentlyUpdated: per_page at most 500, newest change first', async () => {
    const emulator = new FlickrEmulator();
    const ids = [1, 2, 3].map((index) => emulator.photo(`Photo ${index}`, 1_700_000_000_000 + index * 1000));
    const first = await call(emulator, 'GET', { method: 'flickr.photos.recentlyUpdated', min_date: '1700000002', per_page: '1' });
    expect(first).toMatchObject({ photos: { page: 1, pages: 2, total: 2, photo: [{ id: ids[2] }] } });
    const big = await call(emulator, 'GET', { method: 'flickr.photos.recentlyUpdated', min_date: '1', per_page: '9000' });
    expect(big).toMatchObject({ photos: { perpage: 500 } });
  });
});
