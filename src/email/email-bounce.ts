/**
 * Delivery status notifications (bounces): a `multipart/report; report-type=delivery-status` mail
 * (RFC 6522) whose `message/delivery-status` part (RFC 3464 §2, https://www.rfc-editor.org/rfc/rfc3464#section-2)
 * holds one block of per-message fields, then one block per recipient (`Final-Recipient`, `Action`,
 * `Status`, `Diagnostic-Code`), and whose third part is the original mail or its headers
 * (`message/rfc822` or `text/rfc822-headers`), which names the mail that bounced. The report's parts
 * are read from the source here: mailparser folds a `message/delivery-status` part into the text.
 */
import { messageIds } from './email-threading.js';

export interface BouncedRecipient {
  /** The address the mail could not be delivered to (`Final-Recipient`, else `Original-Recipient`). */
  recipient: string;
  /** `failed`, `delayed`, `delivered`, `relayed` or `expanded` (RFC 3464 §2.3.3). */
  action: string;
  /** The RFC 3463 status, e.g. `5.1.1`. */
  status: string;
  /** The remote server's reply, e.g. `smtp; 550 5.1.1 user unknown`, when the report has one. */
  diagnostic?: string;
}

export interface DeliveryReport {
  recipients: BouncedRecipient[];
  /** Message-ID (without brackets) of the mail that bounced, from the returned original. */
  originalMessageId?: string;
  /** From of the mail that bounced. */
  originalFrom?: string;
}

const STATUS_PART = /^message\/(global-)?delivery-status$/i;
const ORIGINAL_PART = /^(message\/(rfc822|global)|text\/(rfc822|global)-headers|message\/global-headers)$/i;

/** The report of a DSN, or undefined for any other mail (a report of another type, a malformed one). */
export function deliveryReport(source: Buffer | string, contentType: string | undefined): DeliveryReport | undefined {
  if (!/^\s*multipart\/report\b/i.test(contentType ?? '') || !/report-type\s*=\s*"?delivery-status/i.test(contentType ?? '')) return undefined;
  const boundary = contentType!.match(/boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i);
  if (!boundary) return undefined;
  const parts = topLevelParts(source.toString(), boundary[1] ?? boundary[2]!);
  const statusPart = parts.find((part) => STATUS_PART.test(part.type));
  if (!statusPart) return undefined;
  const recipients = fieldBlocks(statusPart.body)
    .slice(1)
    .flatMap((fields): BouncedRecipient[] => {
      const recipient = addressOf(fields.get('final-recipient') ?? fields.get('original-recipient'));
      const action = fields.get('action')?.toLowerCase();
      const status = fields.get('status')?.match(/\d\.\d{1,3}\.\d{1,3}/)?.[0];
      if (!recipient || !action || !status) return [];
      const diagnostic = fields.get('diagnostic-code');
      return [{ recipient, action, status, ...(diagnostic ? { diagnostic } : {}) }];
    });
  const original = parts.find((part) => ORIGINAL_PART.test(part.type));
  const originalHeaders = original ? fieldBlocks(original.body)[0] : undefined;
  const originalMessageId = messageIds(originalHeaders?.get('message-id'))[0];
  const originalFrom = addressOf(originalHeaders?.get('from'));
  return { recipients, ...(originalMessageId ? { originalMessageId } : {}), ...(originalFrom ? { originalFrom } : {}) };
}

/** The parts of a multipart body (RFC 2046 §5.1.1): each one's Content-Type and body, without nested parsing. */
function topLevelParts(source: string, boundary: string): { type: string; body: string }[] {
  const delimiter = `--${boundary}`;
  const sections = source.split(new RegExp(`\\r?\\n${escapeRegExp(delimiter)}(?:--)?[ \\t]*(?=\\r?\\n|$)`));
  return sections.slice(1).flatMap((section) => {
    const text = section.replace(/^\r?\n/, '');
    const separator = text.search(/\r?\n\r?\n/);
    const head = separator >= 0 ? text.slice(0, separator) : text;
    const body = separator >= 0 ? text.slice(separator).replace(/^\r?\n\r?\n/, '') : '';
    const type = head.replace(/\r?\n[ \t]+/g, ' ').match(/^content-type:\s*([^;\s]+)/im)?.[1] ?? 'text/plain';
    return [{ type: type.toLowerCase(), body }];
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Blocks of `Name: value` fields separated by blank lines (RFC 3464 §2.1), continuation lines unfolded. */
function fieldBlocks(text: string): Map<string, string>[] {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((block) => {
      const fields = new Map<string, string>();
      for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        const name = line.slice(0, colon).trim().toLowerCase();
        if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
      }
      return fields;
    })
    .filter((fields) => fields.size > 0);
}

/** `rfc822; someone@example.org` (RFC 3464 §2.3.2), or a From line: the address alone. */
function addressOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const bracketed = value.match(/<([^<>\s]+@[^<>\s]+)>/)?.[1];
  if (bracketed) return bracketed;
  const bare = value.replace(/^\s*[\w-]+\s*;/, '').match(/[^\s<>;,"]+@[^\s<>;,"]+/)?.[0];
  return bare;
}
