import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facebook } from '../../src/facebook/index.js';
import { collect } from '../conformance/helpers.js';
import { facebookHandlers, FacebookEmulator } from '../../src/testing/facebook/index.js';
import { serveEmulators } from '../../src/testing/serve-emulators.js';

const emulator = new FacebookEmulator();
const server = setupServer(...facebookHandlers(emulator));
beforeAll(() => server.listen({
    // The sandbox test talks to 127.0.0.1 over a real socket; anything else unhandled is a mistake.
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname !== '127.0.0.1') print.error();
    },
  }));
afterAll(() => server.close());

const token = { authorization: `Bearer ${emulator.pageAccessToken}` };
const graph = (path: string, init: RequestInit = {}) => fetch(`https://graph.facebook.com/v21.0${path}`, { ...init, headers: { ...token, ...init.headers } });

describe('FacebookEmulator (Graph shapes)', () => {
  const postId = emulator.post({ message: 'Hello world', at: new Date('2025-01-01T10:00:00Z') });
  const first = emulator.comment({ from: { id: '7000000001', name: 'Dana' }, message: 'first', on: postId, at: new Date('2025-01-01T10:01:00Z') });
  emulator.comment({ from: { id: '7000000002', name: 'Eli' }, message: 'a reply', on: first, at: new Date('2025-01-01T10:02:00Z') });

  it("answers a node's default fields only, unless asked", async () => {
    expect(await (await graph(`/${postId}`)).json()).toEqual({ id: postId, message: 'Hello world', created_time: '2025-01-01T10:00:00+0000' });
    expect(await (await graph(`/${postId}?fields=from`)).json()).toEqual({ id: postId, from: { id: emulator.pageId, name: 'Acme Support' } });
  });

  it('refuses an unknown field or a bad parameter with a 400 in Graph error shape', async () => {
    const response = await graph(`/${postId}?fields=id,likes_count`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { message: '(#100) Tried accessing nonexisting field (likes_count) on node type (Post)', type: 'OAuthException', code: 100, fbtrace_id: expect.any(String) } });
    expect((await graph(`/${postId}/comments?limit=abc`)).status).toBe(400);
    expect((await graph(`/${postId}/comments?order=sideways`)).status).toBe(400);
  });

  it('answers code 190 for a bad token; a fresh app gets no usage headers yet', async () => {
    const response = await fetch(`https://graph.facebook.com/v26.0/${postId}?access_token=wrong`);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: 190, type: 'OAuthException' });
    expect(response.headers.get('x-app-usage')).toBeNull();
  });

  it('pages comments with cursors and a full `next` URL on its base; `stream` includes replies with their parent', async () => {
    const top = await (await graph(`/${postId}/comments?fields=id,message,parent&limit=1`)).json();
    expect(top.data).toEqual([{ id: first, message: 'first' }]);
    expect(top.paging.next).toBeUndefined(); // one top-level comment only
    const stream = await (await graph(`/${postId}/comments?fields=id,message,parent&filter=stream&limit=1`)).json();
    expect(stream.data).toEqual([{ id: first, message: 'first' }]);
    expect(stream.paging.cursors.after).toEqual(expect.any(String));
    expect(stream.paging.next).toMatch(/^https:\/\/graph\.facebook\.com\/v21\.0\/.+\/comments\?.*after=/);
    const next = await (await fetch(stream.paging.next, { headers: token })).json();
    expect(next.data).toEqual([{ id: expect.any(String), message: 'a reply', parent: { id: first, message: 'first', created_time: '2025-01-01T10:01:00+0000', from: { id: '7000000001', name: 'Dana' } } }]);
    expect(next.paging.next).toBeUndefined();
  });

  it('sends usage headers once enough calls were made, and throttles with Graph codes, not 429', async () => {
    const local = new FacebookEmulator({ limits: { pages: { limit: 2, windowMs: 60_000 } } });
    const base = 'https://graph.facebook.com';
    const call = () => local.handle(new Request(`${base}/v26.0/${local.pageId}/feed`, { headers: { authorization: `Bearer ${local.pageAccessToken}` } }), base);
    const answers = [await call(), await call(), await call()];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 400]);
    expect((await answers[2]!.json()).error).toMatchObject({ code: 80001 });
    const usage = JSON.parse(answers[2]!.headers.get('x-business-use-case-usage')!)[local.pageId];
    expect(usage[0]).toMatchObject({ type: 'pages', call_count: 100 });
    expect(usage[0].estimated_time_to_regain_access).toBe(1); // whole minutes, as Graph gives them
  });

  it('refuses a duplicate Page post and a RESPONSE outside the 24-hour window', async () => {
    const local = new FacebookEmulator();
    const post = (body: string, path = `/v26.0/${local.pageId}/feed`, type = 'application/x-www-form-urlencoded') =>
      local.handle(new Request(`https://graph.facebook.com${path}`, { method: 'POST', body, headers: { authorization: `Bearer ${local.pageAccessToken}`, 'content-type': type } }), 'https://graph.facebook.com');
    expect((await post('message=Same')).status).toBe(200);
    expect((await (await post('message=Same')).json()).error).toMatchObject({ code: 506 });
    local.messengerMessage({ from: '7000000009', text: 'old', at: new Date(Date.now() - 2 * 24 * 60 * 60 * 1000) });
    const late = await post(JSON.stringify({ recipient: { id: '7000000009' }, messaging_type: 'RESPONSE', message: { text: 'hi' } }), `/v26.0/${local.pageId}/messages`, 'application/json');
    expect((await late.json()).error).toMatchObject({ code: 10, error_subcode: 2018278 });
    expect(local.created).toBe(1);
  });

  it('serves a channel with the default base URL through msw', async () => {
    const channel = facebook({ pageId: emulator.pageId, pageAccessToken: emulator.pageAccessToken });
    const messages = await collect(channel.messages());
    expect(messages.map((message) => message.text)).toEqual(['a reply', 'first']);
  });

  it('runs behind the sandbox server at /facebook', async () => {
    const local = new FacebookEmulator();
    local.messengerMessage({ from: '7000000001', text: 'over a real socket' });
    const sandbox = await serveEmulators({ facebook: local });
    try {
      const channel = facebook({ pageId: local.pageId, pageAccessToken: local.pageAccessToken, baseUrl: sandbox.baseUrl('facebook') });
      const messages = await collect(channel.messages());
      expect(messages.map((message) => message.text)).toEqual(['over a real socket']);
    } finally {
      await sandbox.close();
    }
  });
});
