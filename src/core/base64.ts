/** Base64 for bytes (Web APIs only, so it runs on every runtime): signatures, keys, sealed values. */

/** The bytes in base64. For short values only (keys, digests, token sets): the bytes go through one call's arguments. */
export const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));

/** The bytes of a base64 text, or undefined when it is not base64 (or is empty). */
export function fromBase64(text: string | undefined): Uint8Array<ArrayBuffer> | undefined {
  try {
    return text ? Uint8Array.from(atob(text), (character) => character.charCodeAt(0)) : undefined;
  } catch {
    return undefined; // atob throws on what is not base64
  }
}
