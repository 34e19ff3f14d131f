/** everywhere/email: IMAP in, SMTP out, as a Channel (Node only: imapflow, nodemailer, mailparser). */
export { email, type EmailChannel } from './email-channel.js';
export type { EmailOptions, EmailServerAuth } from './email-options.js';
export type { EmailRaw } from './normalize-mail.js';
