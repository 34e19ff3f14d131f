/**
 * AES-GCM (Web Crypto, so it runs on every runtime) for credentials kept in a shared store. The key
 * is 32 bytes in base64 (`encryptionKey`); every write draws a fresh 12-byte IV, and the store key is
 * bound as additional data, so a value copied under another key does not decrypt. The stored text
 * is `aes-gcm:<iv>:<ciphertext>`, both base64: it reveals nothing of what it holds.
 */

const PREFIX = 'aes-gcm:';
const KEY_BYTES = 32;
const IV_BYTES = 12;

/** The 32 key bytes of a base64 `encryptionKey`, or undefined when it is not one. */
export function decodeEncryptionKey(text: string): Uint8Array<ArrayBuffer> | undefined {
  const bytes = fromBase64(text.trim());
  return bytes?.length === KEY_BYTES ? bytes : undefined;
}

export function isEncrypted(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export class TokenCipher {
  readonly #key: Promise<CryptoKey>;

  constructor(encryptionKey: string) {
    const bytes = decodeEncryptionKey(encryptionKey);
    if (!bytes) throw new TypeError('encryptionKey: expected 32 bytes in base64 (`openssl rand -base64 32`)');
    this.#key = crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']);
  }

  async encrypt(plain: string, storeKey: string): Promise<string> {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encode(storeKey) }, await this.#key, encode(plain));
    return `${PREFIX}${toBase64(iv)}:${toBase64(new Uint8Array(sealed))}`;
  }

  /** The plain text, or undefined when the value was not sealed with this key under this store key. */
  async decrypt(stored: string, storeKey: string): Promise<string | undefined> {
    const [iv, sealed] = stored.slice(PREFIX.length).split(':').map(fromBase64);
    if (!isEncrypted(stored) || !iv || !sealed) return undefined;
    try {
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: encode(storeKey) }, await this.#key, sealed);
      return new TextDecoder().decode(plain);
    } catch {
      return undefined; // another key, or a value altered in the store: GCM's tag refuses both
    }
  }
}

function encode(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string | undefined): Uint8Array<ArrayBuffer> | undefined {
  if (!text) return undefined;
  try {
    return Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
  } catch {
    return undefined; // not base64 (atob throws)
  }
}
