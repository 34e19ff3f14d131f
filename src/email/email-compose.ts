/**
 * The RFC 5322 source of a mail the channel sends, built once with nodemailer's MailComposer so the
 * bytes sent over SMTP and the copy APPENDed to Sent are the same mail, with a Message-ID we chose.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import type { DraftAttachment } from '../core/channel.js';
import { bracket } from './email-threading.js';

export interface OutgoingMail {
  from: { address: string; name: string | undefined };
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html: string | undefined;
  attachments: DraftAttachment[];
  /** Without brackets. */
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  date: Date;
  /** Extra headers (the user's own, and Auto-Submitted on answers). */
  headers?: Record<string, string>;
}

export async function composeMail(mail: OutgoingMail): Promise<Buffer> {
  const composer = new MailComposer({
    from: mail.from.name ? { name: mail.from.name, address: mail.from.address } : mail.from.address,
    to: mail.to,
    ...(mail.cc?.length ? { cc: mail.cc } : {}),
    subject: mail.subject,
    text: mail.text,
    ...(mail.html !== undefined ? { html: mail.html } : {}),
    messageId: bracket(mail.messageId),
    date: mail.date,
    ...(mail.headers && Object.keys(mail.headers).length > 0 ? { headers: mail.headers } : {}),
    ...(mail.inReplyTo ? { inReplyTo: bracket(mail.inReplyTo) } : {}),
    ...(mail.references?.length ? { references: mail.references.map(bracket).join(' ') } : {}),
    attachments: mail.attachments.flatMap((attachment) =>
      'data' in attachment ? [{ filename: attachment.name, contentType: attachment.mimeType, content: Buffer.from(attachment.data) }] : [],
    ),
  });
  return composer.compile().build();
}
