/**
 * `download(message, attachment)`: the content of an attachment (or an inline `cid:` image) of a mail
 * the channel read, fetched on demand from where the mail is on the server (mailbox, UIDVALIDITY, UID
 * and the section BODYSTRUCTURE gave it, RFC 3501 §6.4.5), decoded from its transfer encoding.
 */
import type { Attachment, Message } from '../core/channel.js';
import type { ChannelContext } from '../core/context.js';
import { NotFoundError } from '../core/errors.js';
import type { ImapConnection } from './email-imap.js';
import type { EmailRaw } from './normalize-mail.js';

export async function downloadAttachment(imap: ImapConnection, context: ChannelContext, message: Message, attachment: Attachment): Promise<Uint8Array> {
  const raw = (message.raw ?? {}) as Partial<EmailRaw>;
  // The same object, or (a message that went through JSON, e.g. a store) the same description.
  let index = message.attachments.indexOf(attachment);
  if (index < 0) index = message.attachments.findIndex((candidate) => candidate.name === attachment.name && candidate.mimeType === attachment.mimeType && candidate.size === attachment.size);
  const part = index >= 0 ? raw.parts?.[index] : undefined;
  if (message.channel !== context.id || !part || raw.mailbox === undefined || raw.uid === undefined) {
    throw new NotFoundError('this attachment is not one of a mail this channel read from its mailbox', context.errorOptions());
  }
  return imap.withMailbox(raw.mailbox, 'downloading an attachment', async (client, box) => {
    if (String(box.uidValidity) !== raw.uidValidity) {
      throw new NotFoundError(`the mailbox ${raw.mailbox} was renumbered (UIDVALIDITY changed) since the mail was read: read it again`, context.errorOptions());
    }
    const { content } = await client.download(String(raw.uid), part.part, { uid: true });
    if (!content) throw new NotFoundError(`the mail has no part ${part.part} any more`, context.errorOptions());
    const chunks: Buffer[] = [];
    for await (const chunk of content) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  });
}
