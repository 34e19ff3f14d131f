/**
 * The token keeper: a channel's OAuth 2.0 tokens kept fresh for every process that shares its store
 * (how: token-keeper-engine.ts). Only channels given `oauth2` use it, so its work is loaded on the first
 * token asked for (a dynamic import of a chunk the app bundled: no network call), not with the adapter;
 * what must hold from construction on (a bad encryptionKey is a TypeError, the secrets are registered) is here.
 */
import type { AdapterContext } from '../adapter-context.js';
import { decodeEncryptionKey } from './token-cipher.js';

/** A managed OAuth 2.0 authorization: the channel refreshes it and keeps the current set in its store. */
export interface OAuth2Refresh {
  clientId: string;
  /** Confidential clients: sent as HTTP Basic (RFC 6749 §2.3.1). */
  clientSecret?: string;
  /** The first refresh token; every later one lives in the store. */
  refreshToken: string;
  /** The current access token, if you have it. */
  accessToken?: string;
  expiresAt?: Date;
  /** The token endpoint. Default: the platform's. */
  tokenUrl?: string;
  scope?: string;
}

export interface TokenKeeper {
  /** A token with at least 60 s left, refreshing first when needed (one refresh at a time across processes). */
  accessToken(): Promise<string>;
  /** The platform refused `token` (401): refresh once unless another process already replaced it; the new token. */
  refused(token: string): Promise<string>;
}

export interface TokenKeeperOptions {
  oauth2: OAuth2Refresh & { tokenUrl: string };
  /**
   * The channel's: the set lives in its store under "<id>:oauth2:tokens" (the claim and the seen marks
   * beside it); 'tokens' after every refresh and 'error' for a refused one; every token, refresh token
   * and client secret is registered as a secret, so no error shows one; close() ends a wait for another
   * process's refresh.
   */
  context: AdapterContext;
  /** base64 of 32 bytes: the stored set is AES-GCM encrypted. */
  encryptionKey?: string | undefined;
  /** The fetch of the token request. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch | undefined;
  /** @default 30000 */
  timeoutMs?: number | undefined;
}

export function createTokenKeeper(options: TokenKeeperOptions): TokenKeeper {
  // The options said so first (a factory checks them): this holds for a keeper made without a factory.
  if (options.encryptionKey !== undefined && !decodeEncryptionKey(options.encryptionKey)) throw new TypeError('encryptionKey: expected 32 bytes in base64');
  for (const secret of [options.oauth2.clientSecret, options.oauth2.refreshToken, options.oauth2.accessToken]) options.context.addSecret(secret);
  let keeper: Promise<TokenKeeper> | undefined;
  // One keeper per channel, made once; an import that failed is tried again on the next call.
  const loaded = () =>
    (keeper ??= import('./token-keeper-engine.js').then(
      (engine) => engine.keepTokens(options),
      (error: unknown) => {
        keeper = undefined;
        throw error;
      },
    ));
  return { accessToken: async () => (await loaded()).accessToken(), refused: async (token) => (await loaded()).refused(token) };
}
