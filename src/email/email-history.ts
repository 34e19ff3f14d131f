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
import { planParts, rebuildSource, SMALL_MAIL, TEXT_PART_CAP, type PartPlan } from './email-parts.js';
import { normalizeMail, type EmailRaw, type NormalizeContext, type NormalizedMail } from './normalize-mail.js';

const PAGE_SIZE = 20;

export interface HistoryParts {
  imap: ImapConnection;
  mailboxes: Mailboxes;
  context: ChannelContext;
  mailbox: string;
  normalize: NormalizeContext;
}

/**
 * Fetch and normalize the given UIDs (or sequence numbers) of the selected mailbox, in server order.
 * One FETCH reads each mail's BODYSTRUCTURE, header, size and the first SMALL_MAIL bytes of its body:
 * a mail that fits is whole. A bigger one is read again, its text parts only, each up to TEXT_PART_CAP:
 * attachments stay on the server (listed, for `download()`), so a 25 MB attachment is never read by a
 * poll or a page.
 */
export async function fetchMails(client: ImapFlow, mailbox: string, range: string | number[], byUid: boolean, normalize: NormalizeContext): Promise<NormalizedMail[]> {
  const uidValidity = String(client.mailbox && typeof client.mailbox === 'object' ? client.mailbox.uidValidity : '0');
  // On Gmail the conversation is X-GM-THRID, as Gmail shows it; elsewhere the headers' root.
  const gmail = isGmailClient(client);
  const heads: { uid: number; header: Buffer; body?: Buffer; plan: PartPlan; internalDate?: Date; threadId?: string }[] = [];
  const query = { uid: true, internalDate: true, size: true, bodyStructure: true, headers: true, bodyParts: [{ key: 'TEXT', maxLength: SMALL_MAIL }], ...(gmail ? { threadId: true } : {}) };
  for await (const item of client.fetch(range, query, { uid: byUid })) {
    const header = item.headers ?? Buffer.alloc(0);
    const body = [...(item.bodyParts ?? [])].find(([key]) => /^text/i.test(key))?.[1];
    heads.push({
      uid: item.uid,
      header,
      // Whole when the mail is no bigger than what was read (RFC822.SIZE counts the header too).
      ...(body && (item.size ?? Infinity) <= header.length + body.length ? { body } : {}),
      plan: item.bodyStructure ? planParts(item.bodyStructure) : { text: ['TEXT'], returnedHeaders: [], attachments: [], single: true },
      ...(item.internalDate ? { internalDate: new Date(item.internalDate) } : {}),
      ...(item.threadId ? { threadId: item.threadId } : {}),
    });
  }
  const fetched = await fetchParts(client, heads.filter((head) => !head.body));
  const mails: NormalizedMail[] = [];
  for (const head of heads) {
    const source = head.body ? Buffer.concat([head.header, head.body]) : rebuildSource(head.header.toString('latin1'), head.plan, fetched.get(head.uid) ?? new Map());
    const place = { mailbox, uidValidity, uid: head.uid, ...(head.internalDate ? { internalDate: head.internalDate } : {}) };
    const mail = await normalizeMail(source, place, normalize, head.plan.attachments);
    if (head.threadId) {
      mail.message.threadId = head.threadId;
      mail.message.raw.gmailThreadId = head.threadId;
    }
    mails.push(mail);
  }
  if (!gmail) await normalize.roots?.resolve(mails, client);
  return mails;
}

/**
 * The text parts (capped), their MIME headers, and the header sections of returned messages, by UID: one
 * FETCH for all the mails whose structure asks for the same sections (a page of plain mails: one).
 */
async function fetchParts(client: ImapFlow, heads: readonly { uid: number; plan: PartPlan }[]): Promise<Map<number, Map<string, Buffer>>> {
  const groups = new Map<string, { sections: (string | { key: string; maxLength: number })[]; uids: number[] }>();
  for (const { uid, plan } of heads) {
    const sections = [
      ...plan.text.map((part) => ({ key: part, maxLength: TEXT_PART_CAP })),
      ...plan.text.filter((part) => part !== 'TEXT').map((part) => `${part}.MIME`),
      ...plan.returnedHeaders.map((part) => `${part}.HEADER`),
    ];
    if (sections.length === 0) continue;
    const key = JSON.stringify(sections);
    const group = groups.get(key) ?? { sections, uids: [] };
    group.uids.push(uid);
    groups.set(key, group);
  }
  const fetched = new Map<number, Map<string, Buffer>>();
  for (const { sections, uids } of groups.values()) {
    for await (const item of client.fetch(uids, { uid: true, bodyParts: sections }, { uid: true })) {
      const parts = new Map<string, Buffer>();
      // imapflow names a part by its section, lower-cased, with a partial fetch's "]<0>" left on.
      for (const [key, value] of item.bodyParts ?? []) parts.set(key.replace(/\]?<\d+>$/, '').toUpperCase(), value);
      fetched.set(item.uid, parts);
    }
  }
  return fetched;
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
