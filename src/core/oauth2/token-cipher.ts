/**
 * AES-GCM (Web Crypto, so it runs on every runtime) for credentials kept in a shared store. The key
 * is 32 bytes in base64 (`encryptionKey`); every write draws a fresh 12-byte IV, and the store key is
 * bound as additional data, so a value copied under another key does not decrypt. The stored text
 * is `aes-gcm:<iv>:<ciphertext>`, both base64: it reveals nothing of what it holds.
 */
import { fromBase64, toBase64 } from '../base64.js';

const PREFIX = 'aes-gcm:';

/** The 32 key bytes of a base64 `encryptionKey`, or undefined when it is not one. */
export function decodeEncryptionKey(text: string): Uint8Array<ArrayBuffer> | undefined {
  const bytes = fromBase64(text.trim());
  return bytes?.length === 32 ? bytes : undefined;
}

export const isEncrypted = (stored: string): boolean => stored.startsWith(PREFIX);

export interface TokenCipher {
  encrypt(plain: string, storeKey: string): Promise<string>;
  /** The plain text, or undefined when the value was not sealed with this key under this store key. */
  decrypt(stored: string, storeKey: string): Promise<string | undefined>;
}

export function createTokenCipher(encryptionKey: string): TokenCipher {
  const bytes = decodeEncryptionKey(encryptionKey);
  if (!bytes) throw new TypeError('encryptionKey: expected 32 bytes in base64'); // the options said so first: a factory checks them
  const key = crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']);
  const algorithm = (iv: Uint8Array<ArrayBuffer>, storeKey: string) => ({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(storeKey) });
  return {
    async encrypt(plain, storeKey) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const sealed = await crypto.subtle.encrypt(algorithm(iv, storeKey), await key, new TextEncoder().encode(plain));
      return `${PREFIX}${toBase64(iv)}:${toBase64(new Uint8Array(sealed))}`;
    },
    async decrypt(stored, storeKey) {
      const [iv, sealed] = stored.slice(PREFIX.length).split(':').map(fromBase64);
      try {
        return new TextDecoder().decode(await crypto.subtle.decrypt(algorithm(iv!, storeKey), await key, sealed!));
      } catch {
        return undefined; // another key, a value altered in the store (GCM's tag refuses both), or not base64
      }
    },
  };
}
