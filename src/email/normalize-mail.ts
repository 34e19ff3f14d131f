/**
 * A mail (raw RFC 5322 source, parsed by mailparser) → Message. Never throws on a malformed mail:
 * whatever could be parsed is kept, and the id falls back to the mail's place on the server.
 */
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Attachment, Message } from '../core/channel.js';
import { htmlToText } from '../core/html-text.js';
import { sameAddress } from './email-address.js';
import { deliveryReport, type DeliveryReport } from './email-bounce.js';
import { newPart } from './email-quote.js';
import type { ThreadRoots } from './email-thread-roots.js';
import type { AttachmentPart } from './email-parts.js';
import { messageIds, threadIdOf } from './email-threading.js';

/** Where a mail was read: its (mailbox, UIDVALIDITY, UID) names it on the server (RFC 3501 §2.3.1.1). */
export interface MailPlace {
  mailbox: string;
  /** imapflow gives UIDVALIDITY as a BigInt; kept as a decimal string so a Message stays JSON-safe. */
  uidValidity: string;
  uid: number;
  internalDate?: Date;
}

/** `Message.raw` of an email: the headers and the place on the server, JSON-safe. */
export interface EmailRaw {
  mailbox?: string;
  uidValidity?: string;
  uid?: number;
  /** INTERNALDATE, ISO 8601: when the server received it (RFC 3501 §2.3.3). */
  internalDate?: string;
  /** Message-ID without brackets, when the mail had one. */
  messageId?: string;
  inReplyTo: string[];
  references: string[];
  from?: string;
  replyTo: string[];
  /** To and Cc recipients. */
  to: string[];
  /** The Cc recipients alone. */
  cc: string[];
  /** On Gmail: the conversation's X-GM-THRID (also the message's `threadId` there). */
  gmailThreadId?: string;
  /** Where each of `Message.attachments` is on the server (same order): for `download()`. */
  parts?: AttachmentPart[];
  /** Every header, by lower-cased name (first occurrence), as sent. */
  headers: Record<string, string>;
}

export interface NormalizeContext {
  channel: string;
  address: string;
  /** Other addresses of the channel's own (the `aliases` option): mail from them is `isSelf` too. */
  aliases?: readonly string[];
  /** Where roots of mails without References are found (see email-thread-roots.ts). */
  roots?: ThreadRoots;
}

export interface NormalizedMail {
  message: Message & { raw: EmailRaw };
  headers: Map<string, string>;
  /** The delivery status report of a bounce (RFC 3464), when the mail is one. */
  report?: DeliveryReport;
}

/** The id of a mail without a Message-ID (RFC 5322 makes it optional): its place on the server. */
export function placeId(place: MailPlace): string {
  return `${place.mailbox}/${place.uidValidity}/${place.uid}`;
}

/**
 * `parts`: the attachments as BODYSTRUCTURE lists them, when the source holds only the text parts
 * (fetchMails); without it they are the parser's.
 */
export async function normalizeMail(source: Buffer | string, place: MailPlace | undefined, context: NormalizeContext, parts?: readonly { attachment: Attachment; part: AttachmentPart }[]): Promise<NormalizedMail> {
  let parsed: ParsedMail | undefined;
  try {
    // The text is the text/plain part as written; a mail with only HTML is read by our own htmlToText, the
    // same reading as every other channel's, so mailparser need not convert it (skipHtmlToText).
    parsed = await simpleParser(source, { skipImageLinks: true, skipHtmlToText: true });
  } catch {
    parsed = undefined; // broken beyond mailparser: deliver the headers and body we can split ourselves
  }
  return fromParsed(parsed, source, place, context, parts);
}

function fromParsed(parsed: ParsedMail | undefined, source: Buffer | string, place: MailPlace | undefined, context: NormalizeContext, parts?: readonly { attachment: Attachment; part: AttachmentPart }[]): NormalizedMail {
  const headers = headerMap(parsed, source);
  const messageId = messageIds(parsed?.messageId ?? headers.get('message-id'))[0];
  const id = messageId ?? (place ? placeId(place) : `unplaced/${Date.now()}`);
  const references = messageIds(parsed?.references ?? headers.get('references'));
  const inReplyTo = messageIds(parsed?.inReplyTo ?? headers.get('in-reply-to'));
  const from = firstAddress(parsed?.from);
  const html = typeof parsed?.html === 'string' ? parsed.html : undefined;
  const full = parsed ? (parsed.text?.trim() ? parsed.text : html ? htmlToText(html) : (parsed.text ?? '')) : bodyOf(source);
  // What the customer wrote: without the history their client quoted under it (html and raw keep it).
  const text = newPart(full);
  const date = parsed?.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : undefined;
  const raw: EmailRaw = {
    ...(place ? { mailbox: place.mailbox, uidValidity: place.uidValidity, uid: place.uid } : {}),
    ...(place?.internalDate ? { internalDate: place.internalDate.toISOString() } : {}),
    ...(messageId ? { messageId } : {}),
    inReplyTo,
    references,
    ...(from?.address ? { from: from.address } : {}),
    replyTo: addresses(parsed?.replyTo),
    to: [...addresses(parsed?.to), ...addresses(parsed?.cc)],
    cc: addresses(parsed?.cc),
    headers: Object.fromEntries(headers),
    ...(parts?.length ? { parts: parts.map((entry) => entry.part) } : {}),
  };
  const parentId = inReplyTo[0] ?? references.at(-1);
  const message: Message & { raw: EmailRaw } = {
    id,
    channel: context.channel,
    platform: 'email',
    kind: 'email',
    threadId: threadIdOf(id, references, inReplyTo),
    ...(parentId && parentId !== id ? { parentId } : {}),
    author: {
      id: from?.address?.toLowerCase() ?? '',
      ...(from?.address ? { handle: from.address } : {}),
      ...(from?.name ? { name: from.name } : {}),
      isSelf: [context.address, ...(context.aliases ?? [])].some((own) => sameAddress(from?.address, own)),
    },
    text,
    ...(html ? { html } : {}),
    ...(parsed?.subject !== undefined ? { subject: parsed.subject } : {}),
    attachments: parts ? listed(parts, parsed) : (parsed?.attachments ?? []).map(toAttachment),
    // INTERNALDATE, when the server received it (RFC 3501 §2.3.3), orders a mailbox: the sender's Date: is
    // their clock, or anything they wrote. Date: only for a mail not read from a server (one just sent).
    createdAt: place?.internalDate ?? date ?? new Date(0),
    raw,
  };
  const report = deliveryReport(source, headers.get('content-type'));
  return { message, headers, ...(report ? { report } : {}) };
}

function headerMap(parsed: ParsedMail | undefined, source: Buffer | string): Map<string, string> {
  const lines = parsed?.headerLines ?? splitHeaderLines(source);
  const headers = new Map<string, string>();
  for (const { key, line } of lines) {
    if (headers.has(key)) continue;
    const colon = line.indexOf(':');
    headers.set(key, (colon >= 0 ? line.slice(colon + 1) : '').replace(/\r?\n[ \t]+/g, ' ').trim());
  }
  return headers;
}

function splitHeaderLines(source: Buffer | string): { key: string; line: string }[] {
  const text = typeof source === 'string' ? source : source.toString('utf8');
  const head = text.split(/\r?\n\r?\n/, 1)[0] ?? '';
  return head
    .split(/\r?\n(?![ \t])/)
    .filter((line) => line.includes(':'))
    .map((line) => ({ key: line.slice(0, line.indexOf(':')).trim().toLowerCase(), line }));
}

function bodyOf(source: Buffer | string): string {
  const text = typeof source === 'string' ? source : source.toString('utf8');
  const separator = text.search(/\r?\n\r?\n/);
  return separator >= 0 ? text.slice(separator).trim() : '';
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): { address?: string; name?: string } | undefined {
  const object = Array.isArray(value) ? value[0] : value;
  const first = object?.value[0];
  return first ? { ...(first.address ? { address: first.address } : {}), ...(first.name ? { name: first.name } : {}) } : undefined;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return objects.flatMap((object) => object.value.flatMap((entry) => (entry.address ? [entry.address] : [])));
}

/**
 * The attachments as BODYSTRUCTURE lists them; when the parser read the whole mail and found the same
 * parts (a small mail), with their exact decoded sizes instead of the estimate from the encoded one.
 */
function listed(parts: readonly { attachment: Attachment }[], parsed: ParsedMail | undefined): Attachment[] {
  const found = parsed?.attachments ?? [];
  const same = found.length === parts.length && found.every((attachment, index) => attachment.contentType.toLowerCase() === parts[index]!.attachment.mimeType);
  return parts.map(({ attachment }, index) => (same ? { ...attachment, size: found[index]!.size } : attachment));
}

function toAttachment(attachment: ParsedMail['attachments'][number]): Attachment {
  const mimeType = attachment.contentType || 'application/octet-stream';
  const family = mimeType.split('/')[0];
  const kind = family === 'image' || family === 'video' || family === 'audio' ? family : 'file';
  return {
    kind,
    ...(attachment.filename ? { name: attachment.filename } : {}),
    mimeType,
    size: attachment.size,
  };
}
