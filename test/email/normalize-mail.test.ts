/** A mail's source → Message, with mailparser, including mail that breaks the rules (RFC 5322 §3.6 makes Message-ID optional). */
import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { normalizeMail } from '../../src/email/normalize-mail.js';

const context = { channel: 'email:support@example.test', address: 'Support@Example.test' };
const place = { mailbox: 'INBOX', uidValidity: String(1_700_000_000n), uid: 7, internalDate: new Date('2026-01-02T03:04:05Z') };

function compose(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

describe('normalizeMail', () => {
  it('reads ids, threading, author and text', async () => {
    const source = await compose({
      from: 'Ann Customer <Ann@Example.test>',
      to: 'support@example.test',
      subject: 'Re: Order',
      text: 'Plain words',
      messageId: '<c@example.test>',
      inReplyTo: '<b@example.test>',
      references: '<a@example.test> <b@example.test>',
    });
    const { message } = await normalizeMail(source, place, context);
    expect(message).toMatchObject({ id: 'c@example.test', threadId: 'a@example.test', parentId: 'b@example.test', subject: 'Re: Order', kind: 'email' });
    expect(message.author).toMatchObject({ id: 'ann@example.test', handle: expect.stringMatching(/^ann@example\.test$/i), name: 'Ann Customer', isSelf: false });
    expect(message.text.trim()).toBe('Plain words');
    expect(message.raw).toMatchObject({ uidValidity: '1700000000', uid: 7, references: ['a@example.test', 'b@example.test'], inReplyTo: ['b@example.test'] });
  });

  it('takes a single References id (mailparser gives a string) the same as several (an array)', async () => {
    const one = await normalizeMail(await compose({ from: 'a@example.test', text: 'x', messageId: '<b@x>', references: '<a@x>' }), place, context);
    expect(one.message.raw.references).toEqual(['a@x']);
    expect(one.message.threadId).toBe('a@x');
  });

  it('marks the channel’s own mail as isSelf, whatever the case of the address', async () => {
    const { message } = await normalizeMail(await compose({ from: 'support@EXAMPLE.test', text: 'ours' }), place, context);
    expect(message.author.isSelf).toBe(true);
  });

  it('takes the text from the HTML when there is no text part', async () => {
    const { message } = await normalizeMail(await compose({ from: 'a@example.test', html: '<p>Hello <b>there</b></p><p>Bye &amp; thanks</p>' }), place, context);
    expect(message.html).toContain('<b>there</b>');
    expect(message.text).toContain('Hello there');
    expect(message.text).toContain('Bye & thanks');
  });

  it('lists attachments with name, type and size', async () => {
    const source = await compose({
      from: 'a@example.test',
      text: 'see attached',
      attachments: [{ filename: 'photo.png', content: Buffer.from([137, 80, 78, 71]), contentType: 'image/png' }, { filename: 'notes.txt', content: 'hello', contentType: 'text/plain' }],
    });
    const { message } = await normalizeMail(source, place, context);
    expect(message.attachments).toEqual([
      { kind: 'image', name: 'photo.png', mimeType: 'image/png', size: 4 },
      { kind: 'file', name: 'notes.txt', mimeType: 'text/plain', size: 5 },
    ]);
  });

  it('names a mail without Message-ID by its mailbox, UIDVALIDITY and UID, and keeps what it could parse', async () => {
    const broken = Buffer.concat([Buffer.from('From: x@example.test\r\nSubject: caf'), Buffer.from([0xe9, 0xff]), Buffer.from('\r\nContent-Type: multipart/mixed; boundary="q"\r\n\r\n--q\r\nContent-Type: text/plain\r\n\r\nhalf a mail\r\n')]);
    const { message } = await normalizeMail(broken, place, context);
    expect(message.id).toBe('INBOX/1700000000/7');
    expect(message.threadId).toBe('INBOX/1700000000/7');
    expect(message.text).toContain('half a mail');
    expect(message.author.id).toBe('x@example.test');
    expect(message.createdAt).toEqual(place.internalDate); // no Date header: INTERNALDATE
  });

  it('does not throw on bytes that are not a mail at all', async () => {
    const { message } = await normalizeMail(Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10, 65]), place, context);
    expect(message.id).toBe('INBOX/1700000000/7');
    expect(message.author.isSelf).toBe(false);
  });

  it('reads an HTML-only body with the core htmlToText: style dropped, paragraphs and line breaks kept', async () => {
    const { message } = await normalizeMail(await compose({ from: 'a@example.test', html: '<style>p{}</style><p>a&lt;b</p><br>c' }), place, context);
    expect(message.text).toBe('a<b\n\nc');
  });

  it('keeps the text part as written when the mail has one, rather than reading its HTML alternative', async () => {
    const { message } = await normalizeMail(await compose({ from: 'a@example.test', text: 'Plain *words*', html: '<p>Plain <b>words</b></p>' }), place, context);
    expect(message.text.trim()).toBe('Plain *words*');
  });
});
