/** everywhere/email: IMAP in, SMTP out, as a Channel (Node only: imapflow, nodemailer, mailparser). */
export { email } from './email-channel.js';
export type { EmailManagedAuth, EmailOAuth2, EmailOptions, EmailPasswordAuth, EmailServer, EmailServerAuth, EmailTokenAuth } from './email-options.js';
export type { EmailRaw } from './normalize-mail.js';
