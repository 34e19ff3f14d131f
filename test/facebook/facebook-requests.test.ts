import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InvalidDraftError, type Message } from '../../src/index.js';
import { FacebookEmulator } from '../../src/testing/facebook/index.js';
import { collect, rejection } from '../conformance/helpers.js';
import { createFacebook, CUSTOMER } from './facebook-world.js';

const proof = (emulator: FacebookEmulator) => createHmac('sha256', emulator.appSecret).update(emulator.pageAccessToken).digest('hex');

describe('requests on the wire', () => {
  it('posts to /{page-id}/feed with message=, the token as a bearer and appsecret_proof on the URL', async () => {
    const emulator = new FacebookEmulator({ requireAppSecretProof: true });
    const channel = createFacebook(emulator);
    const sent = await channel.send({ text: 'We are back up & running.' });
    const request = emulator.requests.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.url.origin + request.url.pathname).toBe('https://graph.facebook.com/v26.0/1000000001/feed');
    expect(request.url.searchParams.get('appsecret_proof')).toBe(proof(emulator));
    expect(request.url.searchParams.has('access_token')).toBe(false);
    expect(request.headers.get('authorization')).toBe(`Bearer ${emulator.pageAccessToken}`);
    expect(request.headers.get('content-type')).toContain('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({ message: 'We are back up & running.' });
    expect(sent).toMatchObject({ kind: 'post', threadId: sent.id, author: { id: '1000000001', isSelf: true }, text: 'We are back up & running.' });
    expect(sent.id).toMatch(/^1000000001_\d+$/);
  });

  it('without appSecret sends no appsecret_proof; the API version is an option', async () => {
    const emulator = new FacebookEmulator();
    const channel = createFacebook(emulator, { appSecret: undefined, verifyToken: undefined, apiVersion: 'v25.0' });
    await channel.send({ text: 'Hello' });
    const request = emulator.requests.at(-1)!;
    expect(request.url.pathname).toBe('/v25.0/1000000001/feed');
    expect(request.url.searchParams.has('appsecret_proof')).toBe(false);
  });

  it('a Messenger send is JSON { recipient, messaging_type: RESPONSE, message: { text } }', async () => {
    const emulator = new FacebookEmulator();
    emulator.messengerMessage({ from: CUSTOMER.id, text: 'Hi' });
    const channel = createFacebook(emulator);
    const sent = await channel.send({ text: 'Hello Dana', to: CUSTOMER.id });
    const request = emulator.requests.at(-1)!;
    expect(request.url.pathname).toBe('/v26.0/1000000001/messages');
    expect(request.headers.get('content-type')).toContain('application/json');
    expect(JSON.parse(request.body)).toEqual({ recipient: { id: CUSTOMER.id }, messaging_type: 'RESPONSE', message: { text: 'Hello Dana' } });
    expect(sent).toMatchObject({ kind: 'direct', threadId: CUSTOMER.id, author: { isSelf: true } });
  });

  it('replies to a comment with POST /{comment-id}/comments in the thread of the post', async () => {
    const emulator = new FacebookEmulator();
    const postId = emulator.post({ message: 'Sale starts today' });
    const commentId = emulator.comment({ from: CUSTOMER, message: 'Which items?', on: postId });
    const channel = createFacebook(emulator);
    const [inbound] = await collect(channel.messages({ limit: 1 }));
    expect(inbound).toMatchObject({ id: commentId, kind: 'comment', threadId: postId, parentId: postId });
    const answer = await channel.reply(inbound!, { text: 'All shoes.', attachments: [{ url: 'https://cdn.example/shoes.jpg' }] });
    const request = emulator.requests.at(-1)!;
    expect(request.url.pathname).toBe(`/v26.0/${commentId}/comments`);
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({ message: 'All shoes.', attachment_url: 'https://cdn.example/shoes.jpg' });
    expect(answer).toMatchObject({ kind: 'comment', threadId: postId, parentId: commentId, author: { isSelf: true } });
    const thread = await collect(channel.thread(inbound!));
    expect(thread.map((message) => message.text)).toEqual(['Sale starts today', 'Which items?', 'All shoes.']);
    expect(thread[2]!.attachments).toEqual([{ kind: 'image', url: 'https://cdn.example/shoes.jpg' }]);
  });

  it('asks only for the fields it reads, with comments nested, and reads page 2 only when reached', async () => {
    const emulator = new FacebookEmulator();
    for (let index = 0; index < 30; index++) {
      emulator.post({ message: `post ${index}`, at: new Date(Date.now() - (60 - index) * 60_000) });
    }
    const last = [...emulator.graph.posts.keys()].at(-1)!;
    emulator.comment({ from: CUSTOMER, message: 'newest comment', on: last });
    const channel = createFacebook(emulator);
    const [first] = await collect(channel.messages({ limit: 1 }));
    expect(first!.text).toBe('newest comment');
    const feedRead = emulator.requests.find((request) => request.url.pathname.endsWith('/feed'))!;
    expect(feedRead.url.searchParams.get('fields')).toBe(
      'id,message,from,created_time,updated_time,permalink_url,comments.filter(stream).order(reverse_chronological).limit(25){id,message,from,created_time,parent,attachment,permalink_url}',
    );
    expect(emulator.count('GET', '/v26.0/1000000001/feed')).toBe(1);
    await collect(channel.messages());
    expect(emulator.count('GET', '/v26.0/1000000001/feed')).toBe(3); // page 2 followed its `after` cursor
  });
});

describe('draft checks before any request', () => {
  async function refused(draft: Parameters<ReturnType<typeof createFacebook>['send']>[0], to?: Message) {
    const emulator = new FacebookEmulator();
    const channel = createFacebook(emulator);
    const error = await rejection(to ? channel.reply({ ...to, channel: channel.id }, draft) : channel.send(draft));
    expect(error).toBeInstanceOf(InvalidDraftError);
    expect(emulator.requests).toHaveLength(0);
  }
  const comment: Message = { id: '1_2', channel: '', platform: 'facebook', kind: 'comment', threadId: '1000000001_1', author: { id: '7', isSelf: false }, text: 'hi', attachments: [], createdAt: new Date(), raw: {} };
  const direct: Message = { ...comment, id: 'm_1', kind: 'direct', threadId: '7000000001' };

  it('refuses two attachments on a comment', () => refused({ text: 'Two pictures', attachments: [{ url: 'https://a.example/1.jpg' }, { url: 'https://a.example/2.jpg' }] }, comment));
  it('refuses uploaded data on a comment (only URLs are taken there)', () => refused({ text: 'Data', attachments: [{ name: 'a.png', mimeType: 'image/png', data: new Uint8Array([1]) }] }, comment));
  it('refuses a Messenger text over 2000 characters', () => refused({ text: 'a'.repeat(2001), to: '7000000001' }));
  it('refuses a comment over 8000 characters', () => refused({ text: 'a'.repeat(8001) }, comment));
  it('refuses an empty text', () => refused({ text: '  ' }, comment));
});
