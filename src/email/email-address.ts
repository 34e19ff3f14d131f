/** Address checks and comparisons, without a round trip to any server. */

// A pragmatic addr-spec (RFC 5322 §3.4.1): one @, no spaces or specials, a non-empty local part and domain.
// The server has the last word; this only refuses what can never be delivered, before connecting.
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;

export function isEmailAddress(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 254 && ADDRESS.test(value.trim()) && !value.trim().endsWith('.');
}

/** Addresses compare case-insensitively in practice (the local part is case-sensitive only in theory, RFC 5321 §2.4). */
export function sameAddress(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The domain of an address, for the right side of the Message-IDs the channel generates (RFC 5322 §3.6.4). */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}
