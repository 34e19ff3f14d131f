/**
 * Images and files: an image by URL is a Page photo (`POST /{page-id}/photos`,
 * https://developers.facebook.com/docs/pages-api/posts#publish-a-photo), not a link share; Messenger
 * sends images and files by URL and by data (the Attachment Upload API), the text first, then each attachment as a message of its own
 * (https://developers.facebook.com/docs/messenger-platform/send-messages#sending_attachments).
 */
import { describe, expect, it } from 'vitest';
import { InvalidDraftError, PlatformError } from '../../src/index.js';
import { FacebookEmulator } from '../../src/testing/facebook/index.js';
import { rejection } from '../conformance/helpers.js';
import { createFacebook, CUSTOMER } from './facebook-world.js';

describe('photos', () => {
  it('a post with an image URL is POST /{page-id}/photos with url= and the caption; the post id is returned', async () => {
    const emulator = new FacebookEmulator();
    const sent = await createFacebook(emulator).send({ text: 'Our new shop window', attachments: [{ url: 'https://cdn.example/window.jpg?v=2' }] });
    const request = emulator.requests.at(-1)!;
    expect(request.url.pathname).toBe(`/v26.0/${emulator.pageId}/photos`);
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({ url: 'https://cdn.example/window.jpg?v=2', message: 'Our new shop window' });
    expect(sent).toMatchObject({ kind: 'post', text: 'Our new shop window', attachments: [{ kind: 'image', url: 'https://cdn.example/window.jpg?v=2' }] });
    expect(emulator.graph.posts.get(sent.id)?.photoUrl).toBe('https://cdn.example/window.jpg?v=2');
  });

  it('a post with a page URL stays a link share on /feed', async () => {
    const emulator = new FacebookEmulator();
    await createFacebook(emulator).send({ text: 'Read our story', attachments: [{ url: 'https://acme.example/story' }] });
    expect(emulator.requests.at(-1)!.url.pathname).toBe(`/v26.0/${emulator.pageId}/feed`);
  });

  it('the emulator refuses a photo without a URL (code 324)', async () => {
    const emulator = new FacebookEmulator();
    const response = await emulator.handle(
      new Request(`https://graph.facebook.com/v26.0/${emulator.pageId}/photos`, { method: 'POST', headers: { authorization: `Bearer ${emulator.pageAccessToken}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'message=No+photo' }),
      'https://graph.facebook.com',
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: 324 });
    expect(emulator.created).toBe(0);
  });
});

describe('Messenger attachments', () => {
  it('the text, then an image and a file by URL, each its own Send API message of the right type', async () => {
    const emulator = new FacebookEmulator();
    emulator.messengerMessage({ from: CUSTOMER.id, text: 'Can I see the invoice?' });
    const sent = await createFacebook(emulator).send({
      text: 'Here it is',
      to: CUSTOMER.id,
      attachments: [{ url: 'https://cdn.example/receipt.png' }, { url: 'https://cdn.example/invoice.pdf' }],
    });
    const bodies = emulator.requests.filter((request) => request.method === 'POST').map((request) => JSON.parse(request.body));
    expect(bodies).toEqual([
      { recipient: { id: CUSTOMER.id }, messaging_type: 'RESPONSE', message: { text: 'Here it is' } },
      { recipient: { id: CUSTOMER.id }, messaging_type: 'RESPONSE', message: { attachment: { type: 'image', payload: { url: 'https://cdn.example/receipt.png', is_reusable: true } } } },
      { recipient: { id: CUSTOMER.id }, messaging_type: 'RESPONSE', message: { attachment: { type: 'file', payload: { url: 'https://cdn.example/invoice.pdf', is_reusable: true } } } },
    ]);
    expect(sent).toMatchObject({ kind: 'direct', text: 'Here it is', attachments: [{ kind: 'image' }, { kind: 'file' }] });
    expect(emulator.conversation(CUSTOMER.id)!.messages.map((message) => message.attachment?.type)).toEqual([undefined, undefined, 'image', 'file']);
  });

  it('the emulator refuses an attachment of an unknown type or without a URL (400, nothing sent)', async () => {
    const emulator = new FacebookEmulator();
    emulator.messengerMessage({ from: CUSTOMER.id, text: 'Hi' });
    const send = (message: unknown) =>
      emulator.handle(
        new Request(`https://graph.facebook.com/v26.0/${emulator.pageId}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${emulator.pageAccessToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ recipient: { id: CUSTOMER.id }, messaging_type: 'RESPONSE', message }),
        }),
        'https://graph.facebook.com',
      );
    expect((await send({ attachment: { type: 'hologram', payload: { url: 'https://cdn.example/a' } } })).status).toBe(400);
    expect((await send({ attachment: { type: 'image', payload: {} } })).status).toBe(400);
    expect(emulator.created).toBe(0);
  });

  it('data goes up through the Attachment Upload API (multipart, /me/message_attachments), then the Send API names its attachment_id', async () => {
    const emulator = new FacebookEmulator();
    emulator.messengerMessage({ from: CUSTOMER.id, text: 'Send me the label please' });
    const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
    const sent = await createFacebook(emulator).send({ text: 'Your return label:', to: CUSTOMER.id, attachments: [{ name: 'label.png', mimeType: 'image/png', data: png }] });
    const posts = emulator.requests.filter((request) => request.method === 'POST');
    expect(posts.map((request) => request.url.pathname)).toEqual([`/v26.0/${emulator.pageId}/messages`, '/v26.0/me/message_attachments', `/v26.0/${emulator.pageId}/messages`]);
    expect(posts[1]!.headers.get('content-type')).toMatch(/^multipart\/form-data/);
    const [id] = [...emulator.graph.uploads.keys()];
    expect(emulator.graph.uploads.get(id!)).toEqual({ type: 'image', name: 'label.png', mimeType: 'image/png' });
    expect(JSON.parse(posts[2]!.body).message).toEqual({ attachment: { type: 'image', payload: { attachment_id: id } } });
    expect(sent.attachments).toEqual([{ kind: 'image', name: 'label.png', mimeType: 'image/png', size: 8 }]);
  });

  it('the emulator refuses an upload without filedata and an attachment_id it never gave', async () => {
    const emulator = new FacebookEmulator();
    emulator.messengerMessage({ from: CUSTOMER.id, text: 'Hi' });
    const form = new FormData();
    form.append('message', JSON.stringify({ attachment: { type: 'file', payload: { is_reusable: true } } }));
    const upload = await emulator.handle(new Request('https://graph.facebook.com/v26.0/me/message_attachments', { method: 'POST', headers: { authorization: `Bearer ${emulator.pageAccessToken}` }, body: form }), 'https://graph.facebook.com');
    expect(upload.status).toBe(400);
    const send = await emulator.handle(
      new Request(`https://graph.facebook.com/v26.0/${emulator.pageId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${emulator.pageAccessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ recipient: { id: CUSTOMER.id }, messaging_type: 'RESPONSE', message: { attachment: { type: 'image', payload: { attachment_id: '424242' } } } }),
      }),
      'https://graph.facebook.com',
    );
    expect(send.status).toBe(400);
    expect(emulator.created).toBe(0);
  });

  it('uploaded data on a post or a comment, or over 25 MB, is refused before any request', async () => {
    const emulator = new FacebookEmulator();
    const channel = createFacebook(emulator);
    const file = { name: 'a.png', mimeType: 'image/png', data: new Uint8Array([1]) };
    expect(await rejection(channel.send({ text: 'Photo', attachments: [file] }))).toBeInstanceOf(InvalidDraftError);
    const huge = { name: 'huge.mov', mimeType: 'video/quicktime', data: new Uint8Array(25 * 1024 * 1024 + 1) };
    const error = await rejection(channel.send({ text: 'Video', to: CUSTOMER.id, attachments: [huge] }));
    expect(error).toBeInstanceOf(InvalidDraftError);
    expect(error).not.toBeInstanceOf(PlatformError);
    expect(emulator.requests).toHaveLength(0);
  });
});
