/** The WordPress emulator is as strict as the REST comments controller: parameters, headers, _fields, permissions, error shapes. */
import { describe, expect, it } from 'vitest';
import { WordpressEmulator } from 'everywhere/testing';

const BASE = 'https://blog.example.com';
const PASSWORD = 'abcd EFGH 1234 ijkl MNOP 6789';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function site() {
  const emulator = new WordpressEmulator({ applicationPassword: PASSWORD });
  const post = emulator.post({ title: 'Hello' });
  for (let index = 0; index < 25; index++) emulator.comment({ post: post.id, content: `c${index}`, by: 'Reader', dateGmt: Date.UTC(2026, 0, 1, 0, 0, index) });
  const get = (query: string, authorization: string | null = basic('support_bot', 'abcdEFGH1234ijklMNOP6789')) =>
    emulator.handle(new Request(`${BASE}/wp-json/wp/v2/comments${query}`, { headers: authorization ? { authorization } : {} }), BASE);
  return { emulator, post, get };
}

describe('WordpressEmulator', () => {
  it.each([
    ['?per_page=0', 'per_page', 'per_page must be between 1 (inclusive) and 100 (inclusive)'],
    ['?per_page=101', 'per_page', 'per_page must be between 1 (inclusive) and 100 (inclusive)'],
    ['?per_page=ten', 'per_page', 'per_page is not of type integer.'],
    ['?orderby=title', 'orderby', 'orderby is not one of date, date_gmt, id, include, post, parent and type.'],
    ['?order=up', 'order', 'order is not one of asc and desc.'],
    ['?after=yesterday', 'after', 'Invalid date.'],
    ['?exclude=1,x', 'exclude', 'exclude[0] is not of type integer.'],
  ])('answers %s with 400 rest_invalid_param naming %s', async (query, param, why) => {
    const response = await site().get(query);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 'rest_invalid_param', message: `Invalid parameter(s): ${param}`, data: { status: 400, params: { [param]: why } } });
  });

  it('pages with X-WP-Total, X-WP-TotalPages and Link; after is exclusive to the second; _fields trims', async () => {
    const { get } = site();
    const page = await get('?per_page=10&page=2&orderby=date_gmt&order=asc&_fields=id,content.rendered');
    expect(page.headers.get('x-wp-total')).toBe('25');
    expect(page.headers.get('x-wp-totalpages')).toBe('3');
    expect(page.headers.get('link')).toContain('rel="prev"');
    expect(page.headers.get('link')).toContain('rel="next"');
    const body = (await page.json()) as Array<Record<string, unknown>>;
    expect(body[0]).toEqual({ id: 11, content: { rendered: '<p>c10</p>\n' } });
    const after = (await (await get('?after=2026-01-01T00:00:20Z&order=asc')).json()) as Array<{ id: number }>;
    expect(after.map((comment) => comment.id)).toEqual([22, 23, 24, 25]);
  });

  it('status other than approve needs edit_posts: 401 for a visitor, 403 for a subscriber', async () => {
    const { emulator, get } = site();
    expect((await (await get('?status=hold', null)).json()) as object).toMatchObject({ code: 'rest_forbidden_param', data: { status: 401 } });
    emulator.site.user({ login: 'reader', role: 'subscriber' });
    emulator.applicationPassword = PASSWORD; // one password for every user of this emulator
    const response = await get('?status=hold', basic('reader', PASSWORD));
    expect(response.status).toBe(403);
  });

  it('refuses a wrong Application Password (401 incorrect_password) and an unknown user (401 invalid_username)', async () => {
    const { get } = site();
    expect((await (await get('', basic('support_bot', 'wrong'))).json()) as object).toMatchObject({ code: 'incorrect_password', data: { status: 401 } });
    expect((await (await get('', basic('nobody', PASSWORD))).json()) as object).toMatchObject({ code: 'invalid_username', data: { status: 401 } });
  });

  it('creates with 201 and Location; refuses an empty text, a missing post and a duplicate', async () => {
    const { emulator, post } = site();
    const create = (body: unknown) =>
      emulator.handle(new Request(`${BASE}/wp-json/wp/v2/comments`, { method: 'POST', headers: { authorization: basic('support_bot', PASSWORD), 'content-type': 'application/json' }, body: JSON.stringify(body) }), BASE);
    const created = await create({ post: post.id, content: 'Thanks!' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(/\/wp-json\/wp\/v2\/comments\/26$/);
    expect((await created.json()) as object).toMatchObject({ id: 26, content: { raw: 'Thanks!', rendered: '<p>Thanks!</p>\n' }, status: 'approved' });
    expect((await (await create({ post: post.id, content: 'Thanks!' })).json()) as object).toMatchObject({ code: 'comment_duplicate', data: { status: 409 } });
    expect((await (await create({ post: post.id, content: '' })).json()) as object).toMatchObject({ code: 'rest_comment_content_invalid', data: { status: 400 } });
    expect((await (await create({ content: 'No post' })).json()) as object).toMatchObject({ code: 'rest_comment_invalid_post_id', data: { status: 403 } });
    expect((await (await create({ post: 'one', content: 'x' })).json()) as object).toMatchObject({ code: 'rest_invalid_param', data: { status: 400, params: { post: 'post is not of type integer.' } } });
  });
});
