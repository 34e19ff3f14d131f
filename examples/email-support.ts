/**
 * An email support bot: answers every new mail in its thread (In-Reply-To/References, "Re: " once) to
 * everyone on it (replyAll, never its own aliases), never its own mail, auto-replies, bounces or list
 * mail; logs the bounces of what it sent, and saves attachments only when asked. Run against your servers:
 *   EMAIL_ADDRESS=support@example.com IMAP_HOST=imap.example.com SMTP_HOST=smtp.example.com \
 *   EMAIL_USER=support EMAIL_PASS=... npx tsx examples/email-support.ts
 * With Gmail or Microsoft 365, give EMAIL_ACCESS_TOKEN (an OAuth 2.0 token, SASL XOAUTH2) instead of
 * EMAIL_PASS. Port 143/587 means STARTTLS, required before the login.
 */
import { email } from 'everywhere/email';

// Email has no emulator: it runs against real IMAP and SMTP servers (the tests start Dovecot for theirs).
const pass = process.env.EMAIL_PASS;
const accessToken = process.env.EMAIL_ACCESS_TOKEN;
if (!pass && !accessToken) {
  console.log('Set EMAIL_ADDRESS, EMAIL_USER, EMAIL_PASS (or EMAIL_ACCESS_TOKEN), IMAP_HOST and SMTP_HOST (and IMAP_PORT/SMTP_PORT) to run this bot.');
  process.exit(0);
}

const user = process.env.EMAIL_USER ?? 'support';
const auth = accessToken ? { user, accessToken } : { user, pass: pass! };
const channel = email({
  address: process.env.EMAIL_ADDRESS ?? 'support@example.com',
  name: 'Acme Support',
  imap: { host: process.env.IMAP_HOST ?? '127.0.0.1', port: Number(process.env.IMAP_PORT ?? 993), secure: process.env.IMAP_PORT !== '143', auth },
  smtp: { host: process.env.SMTP_HOST ?? '127.0.0.1', port: Number(process.env.SMTP_PORT ?? 465), secure: process.env.SMTP_PORT !== '587', auth },
  aliases: process.env.EMAIL_ALIASES?.split(',').filter(Boolean) ?? [], // other addresses of ours: never answered
  replyAll: true, // the customer and everyone they copied in
  headers: { 'X-Ticket-System': 'acme-support' },
});

// A bounce of a mail we sent is never delivered as a customer message: it comes as an 'error'.
channel.on('error', (error) => {
  const bounce = error as { platformSubcode?: string; platformCode?: string; details?: { recipient?: string } };
  if (bounce.platformSubcode === 'BOUNCED') console.log(`bounced: ${bounce.details?.recipient} (${bounce.platformCode})`);
  else console.error(error.message);
});
channel.on('resync', (event) => console.log(`mailbox renumbered: ${event.detail}`));

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());

for await (const message of channel.listen({ signal: controller.signal })) {
  // message.text is what they wrote, without the history their client quoted under it.
  console.log(`${message.author.handle}: ${message.subject ?? ''}\n${message.text}`);
  for (const attachment of message.attachments) {
    // Listed, not downloaded: fetch the bytes only when needed.
    if (attachment.mimeType === 'application/pdf') console.log(`${attachment.name}: ${(await channel.download(message, attachment)).length} bytes`);
  }
  await channel.reply(message, {
    text: `Hello ${message.author.name ?? ''},\n\nThanks for writing; we will get back to you within a day.\n\nAcme Support`,
  });
}
await channel.close();
