/**
 * What of a mail to download, from its BODYSTRUCTURE (RFC 3501 §7.4.2), read before any content: the
 * text parts (text/plain and text/html that are not attachments, and a report's status and returned
 * headers) are fetched, each up to a size cap; every other part (attachments, inline `cid:` images) is
 * only listed, with the section number that `download()` fetches later. A 25 MB attachment never
 * crosses the wire, nor the heap, until someone asks for it.
 */
import type { MessageStructureObject } from 'imapflow';
import type { Attachment } from '../core/channel.js';

/** A mail up to this size is read whole in the first FETCH; a bigger one, its text parts only. */
export const SMALL_MAIL = 64 * 1024;

/** Bytes of one text part fetched at most (`BODY.PEEK[n]<0.cap>`); the rest of a larger part is left on the server. */
export const TEXT_PART_CAP = 1024 * 1024;

export interface AttachmentPart {
  /** IMAP section number, e.g. `2` or `1.2`. */
  part: string;
  /** Content-ID without brackets, for an inline image an HTML part shows as `cid:`. */
  contentId?: string;
}

export interface PartPlan {
  /** Sections fetched with their MIME headers and content. */
  text: string[];
  /** message/rfc822 parts of a report: only their header section is fetched (the original of a bounce). */
  returnedHeaders: string[];
  attachments: { attachment: Attachment; part: AttachmentPart }[];
  /** A single-part mail: its body is `BODY[TEXT]`. */
  single: boolean;
}

const ALWAYS_TEXT = /^(message\/(global-)?delivery-status|text\/(rfc822|global)-headers|message\/disposition-notification)$/i;

export function planParts(structure: MessageStructureObject): PartPlan {
  const plan: PartPlan = { text: [], returnedHeaders: [], attachments: [], single: !structure.childNodes };
  if (plan.single) {
    if (isText(structure)) plan.text.push('TEXT');
    else plan.attachments.push(attachmentOf(structure, '1'));
    return plan;
  }
  const walk = (node: MessageStructureObject, inReport: boolean) => {
    if (node.childNodes) {
      const report = inReport || /^multipart\/report$/i.test(node.type);
      for (const child of node.childNodes) walk(child, report);
      return;
    }
    const part = node.part ?? '1';
    if (isText(node) || ALWAYS_TEXT.test(node.type)) plan.text.push(part);
    else {
      if (inReport && /^message\/(rfc822|global)$/i.test(node.type)) plan.returnedHeaders.push(part);
      plan.attachments.push(attachmentOf(node, part));
    }
  };
  walk(structure, false);
  return plan;
}

function isText(node: MessageStructureObject): boolean {
  return /^text\/(plain|html)$/i.test(node.type) && (node.disposition ?? '').toLowerCase() !== 'attachment';
}

function attachmentOf(node: MessageStructureObject, part: string): { attachment: Attachment; part: AttachmentPart } {
  const mimeType = node.type.toLowerCase();
  const family = mimeType.split('/')[0];
  const kind = family === 'image' || family === 'video' || family === 'audio' ? family : 'file';
  const name = node.dispositionParameters?.filename ?? node.parameters?.name;
  const contentId = node.id?.replace(/^<|>$/g, '');
  return {
    attachment: { kind, ...(name ? { name } : {}), mimeType, size: decodedSize(node) },
    part: { part, ...(contentId ? { contentId } : {}) },
  };
}

/** The size once decoded: BODYSTRUCTURE gives the encoded octets; base64 is 4 characters for 3 bytes, in 76-character lines. */
function decodedSize(node: MessageStructureObject): number {
  const size = node.size ?? 0;
  if ((node.encoding ?? '').toLowerCase() !== 'base64') return size;
  const characters = size - 2 * Math.ceil(size / 78);
  return Math.max(0, Math.floor((characters * 3) / 4));
}

/**
 * The mail rebuilt from its header and the fetched text parts only (each with its own MIME header), for
 * the parser: the top Content-Type becomes a multipart of those parts (a report stays a report).
 */
export function rebuildSource(header: string, plan: PartPlan, fetched: ReadonlyMap<string, Buffer>): Buffer {
  const head = header.replace(/\r?\n\r?\n[\s\S]*$/, '').replace(/\r?\n$/, '');
  if (plan.single) return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), fetched.get('TEXT') ?? Buffer.alloc(0)]);
  const topType = /^content-type:\s*([^;\s]+)([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/im.exec(head);
  const report = topType && /^multipart\/report$/i.test(topType[1]!) ? topType[2]!.match(/report-type\s*=\s*"?([\w-]+)"?/i)?.[1] : undefined;
  const boundary = `=_everywhere_${Math.random().toString(36).slice(2)}`;
  const withoutType = head.replace(/^content-(type|transfer-encoding):[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*\r?\n?/gim, '').replace(/\r?\n$/, '');
  const type = report ? `multipart/report; report-type=${report}; boundary="${boundary}"` : `multipart/alternative; boundary="${boundary}"`;
  const chunks: Buffer[] = [Buffer.from(`${withoutType}\r\nContent-Type: ${type}\r\n\r\n`, 'latin1')];
  for (const part of plan.text) {
    const mime = (fetched.get(`${part}.MIME`)?.toString('latin1') ?? 'Content-Type: text/plain\r\n\r\n').replace(/(\r?\n)*$/, '\r\n\r\n');
    chunks.push(Buffer.from(`--${boundary}\r\n${mime}`, 'latin1'), fetched.get(part) ?? Buffer.alloc(0), Buffer.from('\r\n', 'latin1'));
  }
  for (const part of plan.returnedHeaders) {
    const headers = fetched.get(`${part}.HEADER`)?.toString('latin1') ?? '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Type: text/rfc822-headers\r\n\r\n${headers}\r\n`, 'latin1'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  return Buffer.concat(chunks);
}
