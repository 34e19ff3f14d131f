/**
 * Threading headers, per RFC 5322 §3.6.4 (https://www.rfc-editor.org/rfc/rfc5322#section-3.6.4):
 * a reply's In-Reply-To is the parent's Message-ID; its References are the parent's References
 * (or, lacking those, the parent's In-Reply-To) followed by the parent's Message-ID. Gmail, Outlook
 * and Thunderbird group mail by these headers (Gmail also wants the subject kept, hence `Re: ` once).
 */

/** Ids without their angle brackets, from a header value (string) or mailparser's string-or-array. */
export function messageIds(value: string | readonly string[] | undefined | null): string[] {
  if (!value) return [];
  const joined = typeof value === 'string' ? value : value.join(' ');
  const bracketed = [...joined.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1]!);
  if (bracketed.length > 0) return bracketed;
  // Some senders omit the brackets; take the whitespace-separated tokens that look like ids.
  return joined.split(/[\s,]+/).filter((token) => token.includes('@'));
}

export function bracket(id: string): string {
  return `<${id}>`;
}

export interface ThreadHeaders {
  inReplyTo: string;
  references: string[];
}

export interface ParentThreading {
  id: string;
  references: readonly string[];
  inReplyTo: readonly string[];
}

/** In-Reply-To and References of a reply to `parent` (ids without brackets). */
export function replyThreading(parent: ParentThreading): ThreadHeaders {
  const earlier = parent.references.length > 0 ? parent.references : parent.inReplyTo.slice(0, 1);
  const references = [...earlier.filter((id) => id !== parent.id), parent.id];
  return { inReplyTo: parent.id, references };
}

// "Re:" and the common localized forms (Outlook writes "AW:" in German, "SV:" in Nordic languages).
const REPLY_PREFIX = /^\s*(re|aw|sv|antw)\s*(\[\d+\])?\s*:/i;

/** `Re: ` once: never `Re: Re:` (RFC 5322 §3.6.5 suggests the prefix, once). */
export function replySubject(subject: string | undefined): string {
  const base = (subject ?? '').trim();
  if (REPLY_PREFIX.test(base)) return base;
  return base === '' ? 'Re:' : `Re: ${base}`;
}

/** The conversation root: the first id of References, else the parent (In-Reply-To), else the message itself. */
export function threadIdOf(own: string, references: readonly string[], inReplyTo: readonly string[]): string {
  return references[0] ?? inReplyTo[0] ?? own;
}
