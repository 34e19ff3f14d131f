/**
 * The refresh_token grant of RFC 6749 §6 on ky: one POST to the token endpoint, form-encoded, the
 * client named by `client_id` and, when confidential, authenticated with HTTP Basic (§2.3.1). Never
 * retried here: a refresh token may work only once, so the keeper decides what happens next.
 */
import ky from 'ky';
import * as z from 'zod/mini';
import type { AdapterContext } from '../adapter-context.js';
import { AuthError, NetworkError, PlatformError } from '../errors.js';
import { parseJson } from '../json.js';
import { expiresInSeconds, tokenAnswerSchema, type KeptTokens, type TokenSet } from './token-set.js';

export interface RefreshGrantRequest {
  oauth2: { tokenUrl: string; clientId: string; clientSecret?: string | undefined };
  /** The set to replace: its refresh token is sent, and its scope kept when the answer names none. */
  tokens: KeptTokens;
  /** The channel's: the Basic credentials become one of its secrets, its errors are raised, its close() aborts the request. */
  context: AdapterContext;
  fetch?: typeof globalThis.fetch | undefined;
  timeoutMs: number;
}

// "This grant is over: a person must sign in again". X answers a spent or revoked refresh token with
// 400 invalid_request ("Value passed for the token was invalid.") rather than RFC 6749's invalid_grant;
// our request is always complete, so both mean the grant.
const GRANT_REFUSED = ['invalid_grant', 'invalid_request'];

/** The new set; a server that sends no new refresh token (Google) keeps the old one. */
export async function refreshGrant({ oauth2: { tokenUrl, clientId, clientSecret }, tokens, context, fetch, timeoutMs }: RefreshGrantRequest): Promise<TokenSet> {
  const endpoint = new URL(tokenUrl).host;
  const signal = context.closed;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (clientSecret !== undefined) {
    // client_id:client_secret, each form-encoded as RFC 6749 §2.3.1 asks: ASCII then, so btoa takes it.
    const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
    const basic = btoa(`${encode(clientId)}:${encode(clientSecret)}`);
    context.addSecret(basic);
    headers.authorization = `Basic ${basic}`;
  }
  let response: Response;
  try {
    response = await ky.post(tokenUrl, {
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refreshToken, client_id: clientId }),
      headers,
      retry: 0,
      throwHttpErrors: false,
      timeout: timeoutMs,
      signal,
      ...(fetch ? { fetch } : {}),
    });
  } catch (cause) {
    if (signal.aborted) throw signal.reason;
    throw new NetworkError(`${endpoint}: no answer to the refresh`, context.errorOptions({ cause }));
  }
  const answer = z.safeParse(tokenAnswerSchema, parseJson(await response.text())).data ?? {};
  const { access_token: accessToken, error, error_description: description } = answer;
  const expiresIn = expiresInSeconds(answer.expires_in);
  if (response.ok && accessToken) {
    const scope = answer.scope ?? tokens.scope;
    return {
      accessToken,
      refreshToken: answer.refresh_token || tokens.refreshToken,
      ...(expiresIn != null ? { expiresAt: new Date(Date.now() + expiresIn * 1000) } : {}),
      ...(scope ? { scope } : {}),
    };
  }
  const options = context.errorOptions({ status: response.status });
  const message = `${endpoint} answered the refresh with ${response.status} ${error ?? 'and no access token'}${description ? ` (${description})` : ''}`;
  if (error && GRANT_REFUSED.includes(error)) throw new AuthError(`${message}: sign in again`, { ...options, reauthorize: true });
  // invalid_client, unauthorized_client: the app's own credentials, not the person's grant.
  if (error && response.status < 500) throw new AuthError(`${message}: check clientId and clientSecret`, options);
  throw new PlatformError(message, options); // an outage, or an answer we cannot read: the next call tries again
}
