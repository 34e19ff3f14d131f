/**
 * Reading mail downloads no attachment: a fetch reads BODYSTRUCTURE first and then only the text
 * parts, so a 25 MB attachment never crosses the wire until `download(message, attachment)` asks for
 * it (an inline `cid:` image too). Real Dovecot, behind the proxy that counts the bytes it sends.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EmailChannel } from '../../src/email/index.js';
import { NotFoundError } from '../../src/index.js';
import { findInHistory, rejection } from '../conformance/helpers.js';
import { emailTestScope } from './email-test-scope.js';
import { composeCustomerMail } from './email-world.js';
import { requireDovecot } from './requires-dovecot.js';

const MiB = 1024 * 1024;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

if (requireDovecot()) {
  const { servers, botChannel } = emailTestScope();

  describe('email attachments on demand', () => {
    it('lists a 25 MB attachment and an inline image without fetching them, and downloads each on demand', async () => {
      const { bot, customer, channel: plain } = await botChannel();
      const channel = plain as EmailChannel;
      const big = randomBytes(25 * MiB);
      const logo = randomBytes(2000);
      const mail = await composeCustomerMail({
        from: customer.address,
        to: bot.address,
        text: 'The logs are attached.',
        html: '<p>The logs are attached. <img src="cid:logo@example.test"></p>',
        attachments: [
          { filename: 'logs.tar', content: big, contentType: 'application/x-tar' },
          { filename: 'logo.png', content: logo, contentType: 'image/png', cid: 'logo@example.test' } as never,
        ],
      });
      await servers.appendTo(bot.user, mail.raw);
      const before = servers.proxy.bytesFromServer;
      const message = await findInHistory(channel, mail.id);
      expect(servers.proxy.bytesFromServer - before).toBeLessThan(MiB); // the 25 MB part was never fetched
      expect(message.text).toBe('The logs are attached.');
      expect(message.html).toContain('cid:logo@example.test');
      const logs = message.attachments.find((attachment) => attachment.name === 'logs.tar');
      const image = message.attachments.find((attachment) => attachment.mimeType === 'image/png');
      expect(message.attachments).toHaveLength(2);
      expect(logs).toMatchObject({ kind: 'file', name: 'logs.tar', mimeType: 'application/x-tar' });
      expect(Math.abs(logs!.size! - big.length)).toBeLessThan(4);
      expect(image).toMatchObject({ kind: 'image', name: 'logo.png', mimeType: 'image/png' });

      expect(sha(await channel.download(message, image!))).toBe(sha(logo));
      expect(sha(await channel.download(JSON.parse(JSON.stringify(message)), logs!))).toBe(sha(big));
    }, 60_000);

    it('gives the exact size of the attachments of a small mail, read whole, and downloads them too', async () => {
      const { bot, customer, channel: plain } = await botChannel();
      const channel = plain as EmailChannel;
      const note = Buffer.from('hello'); // 5 bytes: base64 "aGVsbG8=", whose size an estimate from the encoding gets wrong
      const mail = await composeCustomerMail({ from: customer.address, to: bot.address, text: 'See the note.', attachments: [{ filename: 'note.bin', content: note, contentType: 'application/octet-stream' }] });
      await servers.appendTo(bot.user, mail.raw);
      const message = await findInHistory(channel, mail.id);
      expect(message.attachments).toEqual([{ kind: 'file', name: 'note.bin', mimeType: 'application/octet-stream', size: 5 }]);
      expect(Buffer.from(await channel.download(message, message.attachments[0]!)).toString()).toBe('hello');
    });

    it('refuses an attachment of a message it did not read, with NotFoundError', async () => {
      const { customer, channel: plain } = await botChannel();
      const channel = plain as EmailChannel;
      const sent = await channel.send({ to: customer.address, text: 'hi', attachments: [{ name: 'a.txt', mimeType: 'text/plain', data: new TextEncoder().encode('a') }] });
      expect(await rejection(channel.download(sent, { kind: 'file', name: 'a.txt' }))).toBeInstanceOf(NotFoundError);
    });
  });
}
