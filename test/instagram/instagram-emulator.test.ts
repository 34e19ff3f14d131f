import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmac } from '../../src/core/hmac.js';
import { FacebookEmulator, facebookHandlers } from '../../src/testing/facebook/index.js';
import { InstagramEmulator, instagramHandlers } from '../../src/testing/instagram/index.js';

const DAY = 24 * 60 * 60 * 1000;
const instagram = new InstagramEmulator();
const facebook = new FacebookEmulator();
// Both emulators on graph.facebook.com in one msw server: Instagram answers what it claims, Facebook the rest.
const server = setupServer(...instagramHandlers(instagram, undefined, { shared: true }), ...facebookHandlers(facebook));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const token = { authorization: `Bearer ${instagram.pageAccessToken}` };
const graph = (path: string, init: RequestInit = {}) => fetch(`https://graph.facebook.com/v21.0${path}`, { ...init, headers: { ...token, ...init.headers } });
const postJson = (path: string, body: unknown) => graph(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const ig = instagram.instagramAccountId;

describe('InstagramEmulator (Graph shapes)', () => {
  const mediaId = instagram.media({ caption: 'Our new spring collection', at: new Date('2025-01-01T10:00:00Z') });
  const first = instagram.comment({ from: '6100000000000001', username: 'dana', text: 'Love it!', on: mediaId, at: new Date('2025-01-01T10:01:00Z') });
  const second = instagram.comment({ from: '6100000000000002', username: 'eli', text: 'Price?', on: mediaId, at: new Date('2025-01-01T10:02:00Z') });
  const reply = instagram.comment({ from: '6100000000000002', username: 'eli', text: 'me too', on: first, at: new Date('2025-01-01T10:03:00Z') });

  it("answers a comment's default fields only (id, text, timestamp), and the documented ones when asked", async () => {
    expect(await (await graph(`/${first}`)).json()).toEqual({ id: first, text: 'Love it!', timestamp: '2025-01-01T10:01:00+0000' });
    expect(await (await graph(`/${reply}?fields=from,parent_id,hidden,media`)).json()).toEqual({
      id: reply,
      from: { id: '6100000000000002', username: 'eli' },
      parent_id: first,
      hidden: false,
      media: { id: mediaId, media_product_type: 'FEED' },
    });
  });

  it('refuses an unknown field with a 400 (#100), at any depth', async () => {
    const response = await graph(`/${first}?fields=id,message`);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: 100, message: '(#100) Tried accessing nonexisting field (message) on node type (IGComment)' });
    expect((await graph(`/${ig}/media?fields=id,comments{id,message}`)).status).toBe(400);
    expect((await graph(`/${mediaId}/comments?limit=zero`)).status).toBe(400);
  });

  it('lists top-level comments newest first with cursor paging, replies by the replies field or edge', async () => {
    const page1 = await (await graph(`/${mediaId}/comments?fields=id,text,replies{id,text}&limit=1`)).json();
    expect(page1.data).toEqual([{ id: second, text: 'Price?' }]);
    expect(page1.paging.next).toContain('after=');
    const page2 = await (await fetch(page1.paging.next, { headers: token })).json();
    expect(page2.data).toEqual([{ id: first, text: 'Love it!', replies: { data: [{ id: reply, text: 'me too' }], paging: expect.any(Object) } }]);
    expect(page2.paging.next).toBeUndefined();
    expect((await (await graph(`/${first}/replies?fields=text`)).json()).data).toEqual([{ id: reply, text: 'me too' }]);
  });

  it('replies to top-level comments only, and comments on media; each write counted', async () => {
    const before = instagram.created;
    const answer = await (await graph(`/${first}/replies?message=${encodeURIComponent('Thank you!')}`, { method: 'POST' })).json();
    expect(answer).toEqual({ id: expect.stringMatching(/^\d{17}$/) });
    expect(instagram.commentRecord(answer.id)).toMatchObject({ parentId: first, text: 'Thank you!' });
    const refused = await graph(`/${reply}/replies?message=hi`, { method: 'POST' });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatchObject({ code: 100, message: '(#100) Replies can only be made to top-level comments' });
    expect((await graph(`/${mediaId}/comments?message=Welcome`, { method: 'POST' })).status).toBe(200);
    expect((await graph(`/${mediaId}/comments`, { method: 'POST' })).status).toBe(400); // no message
    expect(instagram.created - before).toBe(2);
  });

  it('refuses a reply to a hidden comment, a comment on a live video, and on media with comments turned off', async () => {
    const hidden = instagram.comment({ from: '6100000000000003', text: 'spam spam', on: mediaId });
    instagram.hideComment(hidden);
    expect((await (await graph(`/${hidden}/replies?message=no`, { method: 'POST' })).json()).error.message).toBe('(#100) You cannot reply to a hidden comment');
    const live = instagram.media({ caption: 'Live now', productType: 'LIVE' });
    expect((await (await graph(`/${live}/comments?message=hello`, { method: 'POST' })).json()).error.message).toBe('(#100) Comments on live video IG Media are not supported');
    const closed = instagram.media({ caption: 'No comments', commentEnabled: false });
    expect((await graph(`/${closed}/comments?message=hello`, { method: 'POST' })).status).toBe(400);
  });

  it('serves mentions: media tagging the account on /tags, mentioned_comment and mentioned_media, and a reply by /mentions', async () => {
    const tagged = instagram.media({ caption: 'With my new bag from @acme.support', owner: '6100000000000009', tagsAccount: true });
    const tags = await (await graph(`/${ig}/tags?fields=id,caption,username,timestamp`)).json();
    expect(tags.data.map((media: { id: string }) => media.id)).toEqual([tagged]);
    const mention = instagram.comment({ from: '6100000000000008', username: 'fay', text: '@acme.support is this in stock?', on: tagged });
    const found = await (await graph(`/${ig}?fields=mentioned_comment.comment_id(${mention}){id,text,timestamp}`)).json();
    expect(found).toEqual({ id: ig, mentioned_comment: { id: mention, text: '@acme.support is this in stock?', timestamp: expect.any(String) } });
    expect((await graph(`/${ig}?fields=mentioned_comment.comment_id(${first}){text}`)).status).toBe(400); // no mention there
    expect((await (await graph(`/${ig}?fields=mentioned_media.media_id(${tagged}){caption}`)).json()).mentioned_media.caption).toContain('@acme.support');
    expect((await graph(`/${ig}/mentions?media_id=${tagged}&comment_id=${mention}&message=Yes!`, { method: 'POST' })).status).toBe(200);
    // Comments of someone else's media are not the account's to read.
    expect((await graph(`/${tagged}/comments`)).status).toBe(400);
  });

  it('lists Instagram conversations (platform=instagram) and keeps the 24-hour and HUMAN_AGENT windows', async () => {
    const customer = '6100000000000020';
    instagram.directMessage({ from: customer, username: 'gus', text: 'Hi there', at: new Date(Date.now() - 2 * DAY) });
    const list = await (await graph(`/${instagram.pageId}/conversations?platform=instagram&user_id=${customer}&fields=id,messages{id,message,from}`)).json();
    expect(list.data[0].messages.data[0]).toEqual({ id: expect.any(String), message: 'Hi there', from: { username: 'gus', id: customer } });
    // Without platform=instagram the request is Messenger's (the Facebook emulator answers it here); asked of Instagram, a 400.
    const direct = await instagram.handle(new Request(`https://graph.facebook.com/v21.0/${instagram.pageId}/conversations`, { headers: token }), 'https://graph.facebook.com');
    expect(direct.status).toBe(400);
    const outside = await postJson(`/${instagram.pageId}/messages`, { recipient: { id: customer }, message: { text: 'late answer' } });
    expect((await outside.json()).error).toMatchObject({ code: 10, error_subcode: 2534022 });
    const untagged = await postJson(`/me/messages`, { recipient: { id: customer }, messaging_type: 'MESSAGE_TAG', message: { text: 'x' } });
    expect(untagged.status).toBe(400);
    const tagged = await postJson(`/me/messages`, { recipient: { id: customer }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'A person here: sorry for the wait' } });
    expect(await tagged.json()).toEqual({ recipient_id: customer, message_id: expect.any(String) });
    const tooLong = await postJson(`/me/messages`, { recipient: { id: customer }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'é'.repeat(501) } });
    expect((await tooLong.json()).error.message).toContain('1000');
  });

  it('sends a private reply once per comment, within 7 days of it', async () => {
    const comment = instagram.comment({ from: '6100000000000030', username: 'hal', text: 'DM me the price', on: mediaId });
    const first = await postJson(`/${instagram.pageId}/messages`, { recipient: { comment_id: comment }, message: { text: 'Sent you the price' } });
    expect(await first.json()).toEqual({ recipient_id: '6100000000000030', message_id: expect.any(String) });
    expect(instagram.conversation('6100000000000030')?.messages.at(-1)?.text).toBe('Sent you the price');
    const again = await postJson(`/${instagram.pageId}/messages`, { recipient: { comment_id: comment }, message: { text: 'again' } });
    expect((await again.json()).error).toMatchObject({ code: 10900 });
    const old = instagram.comment({ from: '6100000000000031', text: 'old one', on: mediaId, at: new Date(Date.now() - 8 * DAY) });
    expect((await (await postJson(`/${instagram.pageId}/messages`, { recipient: { comment_id: old }, message: { text: 'late' } })).json()).error).toMatchObject({ code: 10903 });
  });

  it('refuses a bad, an expired or a rotated token (190, 463), and an unknown Graph version', async () => {
    expect((await (await fetch(`https://graph.facebook.com/v21.0/${ig}?access_token=wrong`)).json()).error).toMatchObject({ code: 190 });
    const expiring = new InstagramEmulator({ tokenLifetimeMs: 60_000 });
    const request = (bearer = expiring.pageAccessToken) => expiring.handle(new Request(`https://graph.facebook.com/v21.0/${expiring.instagramAccountId}`, { headers: { authorization: `Bearer ${bearer}` } }), 'https://graph.facebook.com');
    const old = expiring.pageAccessToken;
    expect((await request()).status).toBe(200);
    expiring.expireToken();
    expect((await (await request()).json()).error).toMatchObject({ code: 190, error_subcode: 463 });
    expiring.rotateToken('new-token');
    expect((await request()).status).toBe(200);
    expect((await (await request(old)).json()).error).toMatchObject({ code: 190 });
    const retired = await fetch(`https://graph.facebook.com/v19.0/${ig}`, { headers: token });
    expect(retired.status).toBe(200); // answered by the oldest version still available, which the header names
    expect(retired.headers.get('facebook-api-version')).toMatch(/^v(2\d)\.0$/);
    expect((await graph(`/${ig}`)).headers.get('facebook-api-version')).toBe('v21.0');
    const unknown = await fetch(`https://graph.facebook.com/v99.0/${ig}`, { headers: token });
    expect((await unknown.json()).error).toMatchObject({ code: 2500 });
  });

  it('sends usage headers: X-App-Usage, and the instagram business use case keyed by the IG user id', async () => {
    const response = await graph(`/${ig}/media`);
    expect(JSON.parse(response.headers.get('x-app-usage')!)).toEqual({ call_count: expect.any(Number), total_cputime: expect.any(Number), total_time: expect.any(Number) });
    expect(JSON.parse(response.headers.get('x-business-use-case-usage')!)).toEqual({ [ig]: [expect.objectContaining({ type: 'instagram', estimated_time_to_regain_access: 0 })] });
  });

  it('throttles with Graph codes, never 429: 80002 for the Instagram use case, 613 for the Conversations API pace', async () => {
    const limited = new InstagramEmulator({ limits: { instagram: { limit: 1, windowMs: 60_000 } } });
    const call = (path: string) => limited.handle(new Request(`https://graph.facebook.com/v21.0${path}`, { headers: { authorization: `Bearer ${limited.pageAccessToken}` } }), 'https://graph.facebook.com');
    expect((await call(`/${limited.instagramAccountId}`)).status).toBe(200);
    const refused = await call(`/${limited.instagramAccountId}`);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.code).toBe(80002);
    const conversations = () => call(`/${limited.pageId}/conversations?platform=instagram`);
    const statuses = [await conversations(), await conversations(), await conversations()].map((response) => response.status);
    expect(statuses).toContain(400); // 2 calls per second
  });

  it('signs webhooks with X-Hub-Signature-256 (object instagram: comments, mentions, messages)', async () => {
    let received: Request | undefined;
    await instagram.deliverWebhook(async (request) => ((received = request), new Response('ok')), instagram.commentsPayload(reply));
    const body = await received!.text();
    expect(received!.headers.get('x-hub-signature-256')).toBe(`sha256=${await hmac('SHA-256', instagram.appSecret, body, 'hex')}`);
    expect(JSON.parse(body)).toEqual({
      object: 'instagram',
      entry: [{ id: ig, time: expect.any(Number), changes: [{ field: 'comments', value: { from: { id: '6100000000000002', username: 'eli' }, media: { id: mediaId, media_product_type: 'FEED' }, id: reply, parent_id: first, text: 'me too' } }] }],
    });
    expect(instagram.mentionsPayload({ mediaId, commentId: first })).toMatchObject({ entry: [{ changes: [{ field: 'mentions', value: { media_id: mediaId, comment_id: first } }] }] });
    const mid = instagram.directMessage({ from: '6100000000000040', text: 'hello' });
    expect(instagram.messagesPayload(mid)).toMatchObject({ object: 'instagram', entry: [{ messaging: [{ sender: { id: '6100000000000040' }, recipient: { id: ig }, message: { mid, text: 'hello' } }] }] });
  });

  it('shares graph.facebook.com with the Facebook emulator: Page reads and Messenger go to Facebook', async () => {
    const postId = facebook.post({ message: 'A Facebook post' });
    const fb = (path: string, init: RequestInit = {}) => fetch(`https://graph.facebook.com/v21.0${path}`, { ...init, headers: { authorization: `Bearer ${facebook.pageAccessToken}`, ...init.headers } });
    expect((await (await fb(`/${postId}`)).json()).message).toBe('A Facebook post');
    expect((await fb(`/${facebook.pageId}/conversations?platform=messenger`)).status).toBe(200);
    const igBefore = instagram.requests.length;
    instagram.limiter.reset(); // the Conversations API's 2 calls a second: earlier tests' reads may share this second
    facebook.messengerMessage({ from: '7000000001', text: 'hi on Messenger' });
    const sent = await fb(`/${facebook.pageId}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ recipient: { id: '7000000001' }, messaging_type: 'RESPONSE', message: { text: 'hello' } }) });
    expect(sent.status).toBe(200);
    expect(instagram.requests.length).toBe(igBefore);
    expect((await graph(`/${instagram.pageId}/conversations?platform=instagram`)).status).toBe(200);
    expect(instagram.requests.length).toBe(igBefore + 1);
  });
});
