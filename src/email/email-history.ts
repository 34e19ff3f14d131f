/**
 * Reading mail: `messages()` walks the mailbox newest first, one sequence range per page (sequence
 * numbers are dense, UIDs may have gaps: RFC 3501 §2.3.1); `thread()` searches INBOX and Sent for
 * the ids of a conversation (HEADER search is a substring match, RFC 3501 §6.4.4).
 */
import type { ImapFlow, SearchObject } from 'imapflow';
import type { Message } from '../core/channel.js';
import type { ChannelContext } from '../core/context.js';
import { NotFoundError } from '../core/errors.js';
import { isGmailClient, type ImapConnection } from './email-imap.js';
import type { Mailboxes } from './email-mailboxes.js';
import { bracket, messageIds } from './email-threading.js';
import { normalizeMail, type EmailRaw, type NormalizeContext, type NormalizedMail } from './normalize-mail.js';

const PAGE_SIZE = 20;

export interface HistoryParts {
  imap: ImapConnection;
  mailboxes: Mailboxes;
  context: ChannelContext;
  mailbox: string;
  normalize: NormalizeContext;
}

/** Fetch and normalize the given UIDs (or sequence numbers) of the selected mailbox, in server order. */
export async function fetchMails(client: ImapFlow, mailbox: string, range: string | number[], byUid: boolean, normalize: NormalizeContext): Promise<NormalizedMail[]> {
  const uidValidity = String(client.mailbox && typeof client.mailbox === 'object' ? client.mailbox.uidValidity : '0');
  // On Gmail the conversation is X-GM-THRID, as Gmail shows it; elsewhere the headers' root.
  const gmail = isGmailClient(client);
  const fetched: { source: Buffer; uid: number; internalDate?: Date; threadId?: string }[] = [];
  for await (const item of client.fetch(range, { uid: true, source: true, internalDate: true, ...(gmail ? { threadId: true } : {}) }, { uid: byUid })) {
    if (item.source) fetched.push({ source: item.source, uid: item.uid, ...(item.internalDate ? { internalDate: new Date(item.internalDate) } : {}), ...(item.threadId ? { threadId: item.threadId } : {}) });
  }
  const mails: NormalizedMail[] = [];
  for (const item of fetched) {
    const mail = await normalizeMail(item.source, { mailbox, uidValidity, uid: item.uid, ...(item.internalDate ? { internalDate: item.internalDate } : {}) }, normalize);
    if (item.threadId) {
      mail.message.threadId = item.threadId;
      mail.message.raw.gmailThreadId = item.threadId;
    }
    mails.push(mail);
  }
  if (!gmail) await normalize.roots?.resolve(mails, client);
  return mails;
}

export async function* history(parts: HistoryParts, signal?: AbortSignal): AsyncGenerator<Message, void, undefined> {
  let top: number | undefined; // sequence number of the newest message not yet read
  let below = Number.POSITIVE_INFINITY; // UIDs already yielded are above this
  for (;;) {
    signal?.throwIfAborted();
    const page = await parts.imap.withMailbox(parts.mailbox, 'reading the mailbox', async (client, box) => {
      // A mailbox that stays selected learns of new mail only from the server's next answer:
      // NOOP asks for it (RFC 3501 §6.1.2), so the first page starts at the newest message.
      if (top === undefined) await client.noop();
      top ??= box.exists;
      if (top < 1) return [];
      const low = Math.max(1, top - PAGE_SIZE + 1);
      const mails = await fetchMails(client, parts.mailbox, `${low}:${top}`, false, parts.normalize);
      top = low - 1;
      return mails;
    });
    // Newest first by INTERNALDATE (arrival), not by the sender's Date:; UID breaks ties.
    const newestFirst = page
      .filter((mail) => (mail.message.raw.uid ?? 0) < below)
      .sort((a, b) => b.message.createdAt.getTime() - a.message.createdAt.getTime() || (b.message.raw.uid ?? 0) - (a.message.raw.uid ?? 0));
    for (const mail of newestFirst) {
      below = Math.min(below, mail.message.raw.uid ?? below);
      yield mail.message;
    }
    if (top === undefined || top < 1) return;
  }
}

/** Every message of the conversation `of` belongs to, from the mailbox and Sent, oldest first. */
export async function* thread(parts: HistoryParts, of: Message | string, signal?: AbortSignal): AsyncGenerator<Message, void, undefined> {
  const known = typeof of === 'string' ? await lookup(parts, of) : of;
  if (!known) throw new NotFoundError(`no mail with Message-ID <${of as string}>`, parts.context.errorOptions());
  if (await parts.imap.isGmail(signal)) {
    yield* gmailThread(parts, known, signal);
    return;
  }
  const raw = known.raw as Partial<EmailRaw> | undefined;
  const ids = new Set([known.threadId, known.id, ...(raw?.references ?? []), ...(raw?.inReplyTo ?? [])]);
  const found = new Map<string, Message>();
  for (const mailbox of await mailboxesToSearch(parts)) {
    signal?.throwIfAborted();
    const mails = await parts.imap.withMailbox(mailbox, 'searching a thread', async (client) => {
      const criteria: SearchObject[] = [...ids].flatMap((id): SearchObject[] => [{ header: { 'message-id': bracket(id) } }, { header: { references: bracket(id) } }, { header: { 'in-reply-to': bracket(id) } }]);
      const uids = await client.search({ or: criteria }, { uid: true });
      return uids && uids.length > 0 ? fetchMails(client, mailbox, uids, true, parts.normalize) : [];
    });
    for (const mail of mails) if (!found.has(mail.message.id)) found.set(mail.message.id, mail.message);
  }
  if (typeof of !== 'string' && !found.has(of.id)) found.set(of.id, of);
  const ordered = [...found.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || depth(a) - depth(b));
  for (const message of ordered) yield message;
}

/**
 * Gmail: the conversation is every mail with the X-GM-THRID of `known`, searched in `[Gmail]/All Mail`
 * (special-use \\All, RFC 6154), which holds each mail once whatever its labels (INBOX, Sent, archived).
 */
async function* gmailThread(parts: HistoryParts, known: Message, signal?: AbortSignal): AsyncGenerator<Message, void, undefined> {
  const all = await parts.mailboxes.all();
  const threadId = (known.raw as Partial<EmailRaw> | undefined)?.gmailThreadId ?? known.threadId;
  signal?.throwIfAborted();
  const mails = all
    ? await parts.imap.withMailbox(all, 'searching a thread', async (client) => {
        const uids = await client.search({ threadId }, { uid: true });
        return uids && uids.length > 0 ? fetchMails(client, all, uids, true, parts.normalize) : [];
      })
    : [];
  const found = new Map<string, Message>(mails.map((mail) => [mail.message.id, mail.message]));
  if (!found.has(known.id)) found.set(known.id, known);
  const ordered = [...found.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || depth(a) - depth(b));
  for (const message of ordered) yield message;
}

async function mailboxesToSearch(parts: HistoryParts): Promise<string[]> {
  const sent = await parts.mailboxes.existingSent();
  return sent && sent !== parts.mailbox ? [parts.mailbox, sent] : [parts.mailbox];
}

/** A message by its Message-ID, looked up in the mailbox and Sent. */
export async function lookup(parts: HistoryParts, id: string): Promise<Message | undefined> {
  const wanted = messageIds(id.includes('<') ? id : bracket(id))[0] ?? id;
  for (const mailbox of await mailboxesToSearch(parts)) {
    const mails = await parts.imap.withMailbox(mailbox, 'looking a mail up', async (client) => {
      const uids = await client.search({ header: { 'message-id': bracket(wanted) } }, { uid: true });
      return uids && uids.length > 0 ? fetchMails(client, mailbox, uids, true, parts.normalize) : [];
    });
    const match = mails.find((mail) => mail.message.id === wanted);
    if (match) return match.message;
  }
  return undefined;
}

function depth(message: Message): number {
  return ((message.raw as Partial<EmailRaw> | undefined)?.references ?? []).length;
}
