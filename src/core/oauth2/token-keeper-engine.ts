/**
 * The token keeper's work, loaded by token-keeper.ts on the first token asked for: a channel's OAuth 2.0
 * tokens kept fresh for every process that shares its store.
 *
 * - The current set lives in the channel's store under "<id>:oauth2:tokens" (AES-GCM sealed with `encryptionKey`).
 * - An access token with less than 60 s left is refreshed first (RFC 6749 §6); a token the platform
 *   refused (401) is refreshed once, unless another process has already replaced it.
 * - One refresh at a time across processes: the refresher holds a claim with a lease in the store;
 *   the others poll until the set changes or the claim ends. Only the claim holder sends the refresh
 *   token, after checking the store still holds it, and the new set is in the store before anyone uses
 *   it; so a refresh token is sent again only when the answer to it was lost (a network failure, or a
 *   holder that died mid-request), and one the endpoint refused is never sent again by this process.
 * - The stored set wins over the options, unless the options carry a refresh token the store has never
 *   seen (a person signed in again): then the options replace it. The store keeps a SHA-256 per refresh
 *   token it has held, never the token itself, to tell the two apart.
 */
import type { AdapterContext } from '../adapter-context.js';
import { AuthError } from '../errors.js';
import { sha256Hex } from '../hex.js';
import { sleep } from '../sleep.js';
import { refreshGrant } from './refresh-grant.js';
import { createTokenCipher, isEncrypted } from './token-cipher.js';
import type { TokenKeeper, TokenKeeperOptions } from './token-keeper.js';
import { deserializeTokens, type KeptTokens, type TokenSet } from './token-set.js';

const EARLY_MS = 60_000;
const WAIT_STEP_MS = 100;
// Long enough for any refresh token still in use to be recognized as one the store has held.
const SEEN_TTL_MS = 400 * 24 * 60 * 60 * 1000;

export function keepTokens(options: TokenKeeperOptions): TokenKeeper {
  const { oauth2, context } = options;
  const { store, closed: signal } = context;
  const key = `${context.id}:oauth2:tokens`;
  const cipher = options.encryptionKey !== undefined ? createTokenCipher(options.encryptionKey) : undefined;
  const claimKey = `${key}:refresh`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const addSecret = (value: string | undefined) => context.addSecret(value);
  const unusable = (why: string) => new AuthError(`the token set of ${key} in the store ${why}`, context.errorOptions());
  for (const secret of [oauth2.clientSecret, oauth2.refreshToken, oauth2.accessToken]) addSecret(secret);

  let current: KeptTokens | undefined;
  let loading: Promise<KeptTokens> | undefined;
  let refreshing: Promise<TokenSet> | undefined;
  /** A refresh token the endpoint refused, with its error: never sent again. */
  let refusedGrant: { refreshToken: string; error: unknown } | undefined;

  const seenKey = async (refreshToken: string) => `${key}:seen:${await sha256Hex(refreshToken)}`;
  const fresh = (tokens: KeptTokens): tokens is TokenSet =>
    tokens.accessToken !== undefined && !(tokens.expiresAt && tokens.expiresAt.getTime() - Date.now() < EARLY_MS);

  async function read(): Promise<KeptTokens | undefined> {
    let stored = await store.get(key);
    if (stored === undefined) return undefined;
    if (isEncrypted(stored)) {
      if (!cipher) throw unusable('is encrypted: give the encryptionKey it was written with');
      stored = await cipher.decrypt(stored, key);
      if (stored === undefined) throw unusable('does not decrypt with this encryptionKey');
    }
    const tokens = deserializeTokens(stored);
    if (!tokens) throw unusable('is not a token set');
    addSecret(tokens.accessToken);
    addSecret(tokens.refreshToken);
    return tokens;
  }

  /** The seen mark first, so a set in the store is always one the store knows it has held. */
  async function write(tokens: KeptTokens): Promise<void> {
    await store.set(await seenKey(tokens.refreshToken), '1', { ttlMs: SEEN_TTL_MS });
    const plain = JSON.stringify(tokens);
    await store.set(key, cipher ? await cipher.encrypt(plain, key) : plain);
  }

  /** `done()`'s answer once there is one; else `work()` under the claim, one process at a time. */
  async function withClaim<T>(work: () => Promise<T>, done: () => Promise<T | undefined>): Promise<T> {
    for (;;) {
      const finished = await done();
      if (finished) return finished;
      // The lease outlives the longest refresh request, and lapses if its holder dies.
      if (await store.claim(claimKey, timeoutMs + 30_000)) {
        try {
          return (await done()) ?? (await work()); // looked at again: another holder may have finished just before
        } finally {
          await store.delete(claimKey);
        }
      }
      await sleep(WAIT_STEP_MS, signal); // another process holds the claim: wait for its set or its lease to lapse
    }
  }

  /** The set to start from: the store's, unless the options bring an authorization the store has never held. */
  const load = () =>
    withClaim(
      async () => {
        const { clientId, clientSecret, tokenUrl, ...fromOptions } = oauth2;
        await write(fromOptions);
        return fromOptions;
      },
      async () => {
        const stored = await read();
        if (stored && (stored.refreshToken === oauth2.refreshToken || (await store.get(await seenKey(oauth2.refreshToken))))) return stored;
        return undefined;
      },
    );

  async function redeem(tokens: KeptTokens): Promise<TokenSet> {
    if (refusedGrant?.refreshToken === tokens.refreshToken) throw refusedGrant.error;
    let next: TokenSet;
    try {
      next = await refreshGrant({ oauth2, tokens, context, fetch: options.fetch, timeoutMs });
    } catch (error) {
      if ((error as AuthError | undefined)?.reauthorize) {
        refusedGrant = { refreshToken: tokens.refreshToken, error };
        current = undefined; // the next call reads the store again: a set written after a new sign-in is picked up
        context.emit('error', error as AuthError); // once: later calls throw it again without a request
      }
      throw error;
    }
    addSecret(next.accessToken);
    addSecret(next.refreshToken);
    await write(next); // in the store before anyone uses it: a rotated refresh token is never lost
    context.emit('tokens', { ...(current = next) });
    return next;
  }

  /** Replace `stale` (expiring, or refused): one refresh in this process, and one across processes. */
  const refresh = (stale: KeptTokens) =>
    (refreshing ??= withClaim(
      async () => redeem((await read()) ?? stale),
      async () => {
        const stored = await read();
        const replaced = stored && (stored.refreshToken !== stale.refreshToken || stored.accessToken !== stale.accessToken);
        return replaced && fresh(stored) ? (current = stored) : undefined;
      },
    ).finally(() => (refreshing = undefined)));

  /** A fresh token, never `refused` (a token the platform refused: another one, or a refresh). */
  async function accessToken(refused?: string): Promise<string> {
    if (refreshing) return (await refreshing).accessToken;
    const tokens = (current ??= await (loading ??= load().finally(() => (loading = undefined))));
    if (fresh(tokens) && tokens.accessToken !== refused) return tokens.accessToken;
    return (await refresh(refused === undefined ? tokens : { ...tokens, accessToken: refused })).accessToken;
  }

  return { accessToken: () => accessToken(), refused: (token) => accessToken(token) };
}
