/** Lower-case hex, two digits per byte: digests, signatures and ids derived from them. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** The SHA-256 of a text's UTF-8 bytes, in hex (Web Crypto, so it runs on edge runtimes too). */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}
