/**
 * Message.text is what the customer wrote, without the history their mail client quoted: replies as
 * Gmail, Outlook (new and classic, in German), Apple Mail and Thunderbird write them
 * (test/fixtures/email), read back from a real Dovecot. `html` and `raw` keep everything.
 */
import { describe, expect, it } from 'vitest';
import { findInHistory } from '../conformance/helpers.js';
import { emailFixture } from './email-fixtures.js';
import { emailTestScope } from './email-test-scope.js';
import { requireDovecot } from './requires-dovecot.js';

const REPLIES = [
  ['gmail-reply.eml', 'CAF3xYz8Q1u2V-fixture-gmail@mail.gmail.com', 'Thanks, the parcel arrived today.\nCan you send the invoice as well?', 'gmail_quote'],
  ['outlook-reply.eml', 'DB9PR02MB7356A1B2C3D4E5F6A7B8C9D0E1F2A3B4@DB9PR02MB7356.eurprd02.prod.outlook.com', 'Thank you, that solved it.\n\nBest regards\nJan', 'divRplyFwdMsg'],
  ['outlook-classic-de-reply.eml', '000001db4a2b$5c1e3a40$145aaec0$@firma.example', 'Vielen Dank, die Rechnung ist angekommen.\n\nGrüße\nPetra Kunde', undefined],
  ['apple-mail-reply.eml', '8E2B7C1D-4F3A-4B6E-9C5D-1A2B3C4D5E6F@icloud.example', 'Perfect, thank you!\nLee', 'blockquote type="cite"'],
  ['thunderbird-reply.eml', '4b7e2f1a-9c3d-4e5f-a6b7-c8d9e0f1a2b3@posteo.example', 'Hello,\n\nthe tracking link does not work.\nWhich order? I placed two.\n\nRegards, Eva', undefined],
] as const;

if (requireDovecot()) {
  const { servers, botChannel } = emailTestScope();

  describe('email: what the customer wrote', () => {
    it.each(REPLIES)('%s: text is the new part only; html keeps the quote', async (fixture, id, text, htmlQuote) => {
      const { bot, channel } = await botChannel();
      await servers.appendTo(bot.user, emailFixture(fixture));
      const message = await findInHistory(channel, id);
      expect(message.text).toBe(text);
      if (htmlQuote) {
        expect(message.html).toContain(htmlQuote);
        expect(message.html).toContain('We shipped your order this morning.');
      }
      expect(message.parentId).toMatch(/^ticket-\d@example\.test$/);
    });

    it('keeps a mail that is only a quote, and a sentence that merely mentions writing', async () => {
      const { bot, channel } = await botChannel();
      const raw = (id: string, body: string) => `From: a@example.org\r\nTo: ${bot.address}\r\nSubject: x\r\nMessage-ID: <${id}>\r\n\r\n${body}\r\n`;
      await servers.appendTo(bot.user, raw('only-quote@example.org', '> We shipped your order this morning.'));
      await servers.appendTo(bot.user, raw('mentions@example.org', 'I wrote to you on Monday.\nNobody answered.'));
      expect((await findInHistory(channel, 'only-quote@example.org')).text.trim()).toBe('> We shipped your order this morning.');
      expect((await findInHistory(channel, 'mentions@example.org')).text.trim()).toBe('I wrote to you on Monday.\nNobody answered.');
    });
  });
}
