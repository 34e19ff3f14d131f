/**
 * Headers the user adds to every mail the channel sends (the `headers` option). A name is RFC 5322
 * §2.2 field-name characters (printable ASCII but the colon, https://www.rfc-editor.org/rfc/rfc5322#section-2.2);
 * a value has no line break (a CR or LF would start a header of its own: header injection). The
 * headers the channel writes itself (addresses, ids, threading, MIME structure, `Auto-Submitted`) are
 * not the user's to override.
 */
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

/** Lower-cased names of the headers the channel writes itself. */
export const STRUCTURAL_HEADERS = new Set([
  'from', 'sender', 'to', 'cc', 'bcc', 'subject', 'date', 'message-id', 'in-reply-to', 'references',
  'mime-version', 'content-type', 'content-transfer-encoding', 'content-disposition', 'content-id',
  'auto-submitted', 'return-path', 'received',
]);

/** Why `headers` is not valid, or undefined when it is. */
export function invalidHeaders(headers: Record<string, string>): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (!FIELD_NAME.test(name)) return `'${name}' is not a header name (printable ASCII without spaces or ':')`;
    if (STRUCTURAL_HEADERS.has(name.toLowerCase())) return `'${name}' is written by the channel itself and cannot be overridden`;
    if (typeof value !== 'string' || /[\r\n]/.test(value)) return `the value of '${name}' must be a string without line breaks`;
  }
  return undefined;
}
