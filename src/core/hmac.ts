/** HMAC with Web Crypto (so adapters run on edge runtimes) and a constant-time comparison for signatures. */
import { toBase64 } from './base64.js';
import { toHex } from './hex.js';

export type HmacHash = 'SHA-1' | 'SHA-256';

// A process signs with a few keys (a webhook secret, an app secret), many times each: each is imported once
// (an import is a round trip through the crypto thread pool). Past 32 keys the set starts again, so keys
// made per request (OAuth 1.0a token secrets) cannot grow it.
const importedKeys = new Map<string, Promise<CryptoKey>>();

export async function hmac(hash: HmacHash, key: string, message: string | Uint8Array, encoding: 'hex' | 'base64'): Promise<string> {
  const encoder = new TextEncoder();
  const id = `${hash} ${key}`;
  let cryptoKey = importedKeys.get(id);
  if (!cryptoKey) {
    if (importedKeys.size >= 32) importedKeys.clear();
    importedKeys.set(id, (cryptoKey = crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash }, false, ['sign'])));
  }
  const data: Uint8Array<ArrayBuffer> = typeof message === 'string' ? encoder.encode(message) : new Uint8Array(message);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', await cryptoKey, data));
  return encoding === 'hex' ? toHex(signature) : toBase64(signature);
}

/** Compares two strings in time that depends only on their length, so a signature cannot be guessed byte by byte. */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}
