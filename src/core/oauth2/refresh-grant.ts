/**
 * The refresh_token grant of RFC 6749 §6 on ky: one POST to the token endpoint, form-encoded, the
 * client named by `client_id` and, when confidential, authenticated with HTTP Basic (§2.3.1). Never
 * retried here: a refresh token may work only once, so the keeper decides what happens next.
 */
import ky from 'ky';
import * as z from 'zod/mini';
import { AuthError, NetworkError, PlatformError, type ChannelErrorOptions } from '../errors.js';
import { parseJson } from '../json.js';
import { tokenAnswerSchema, type TokenAnswer } from './token-set.js';

export interface RefreshGrantRequest {
  tokenUrl: string;
  clientId: string;
  clientSecret?: string | undefined;
  refreshToken: string;
  fetch?: typeof globalThis.fetch | undefined;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Platform, channel and the secrets to scrub, for the errors. */
  errorOptions: (extra?: Partial<ChannelErrorOptions>) => ChannelErrorOptions;
}

// "This grant is over: a person must sign in again". X answers a spent or revoked refresh token with
// 400 invalid_request ("Value passed for the token was invalid.") rather than RFC 6749's invalid_grant;
// our request is always complete, so both mean the grant.
const GRANT_REFUSED = ['invalid_grant', 'invalid_request'];

/** `client_id:client_secret`, each form-encoded as RFC 6749 §2.3.1 asks, in base64. */
export function basicCredentials(clientId: string, clientSecret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return btoa(`${encode(clientId)}:${encode(clientSecret)}`); // ASCII once percent-encoded
}

export async function refreshGrant(request: RefreshGrantRequest): Promise<TokenAnswer & { access_token: string }> {
  const { clientId, clientSecret, signal } = request;
  const endpoint = new URL(request.tokenUrl).host;
  let response: Response;
  try {
    response = await ky.post(request.tokenUrl, {
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: request.refreshToken, client_id: clientId }),
      headers: { accept: 'application/json', ...(clientSecret !== undefined ? { authorization: `Basic ${basicCredentials(clientId, clientSecret)}` } : {}) },
      retry: 0,
      throwHttpErrors: false,
      timeout: request.timeoutMs,
      ...(request.fetch ? { fetch: request.fetch } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (cause) {
    if (signal?.aborted) throw signal.reason;
    throw new NetworkError(`${endpoint}: no answer to the refresh`, request.errorOptions({ cause }));
  }
  const answer = z.safeParse(tokenAnswerSchema, parseJson(await response.text())).data ?? {};
  const { access_token: accessToken, error, error_description: description } = answer;
  if (response.ok && accessToken) return { ...answer, access_token: accessToken };
  const options = request.errorOptions({ status: response.status });
  const message = `${endpoint} answered the refresh with ${response.status} ${error ?? 'and no access token'}${description ? ` (${description})` : ''}`;
  if (error && GRANT_REFUSED.includes(error)) throw new AuthError(`${message}: sign in again`, { ...options, reauthorize: true });
  // invalid_client, unauthorized_client: the app's own credentials, not the person's grant.
  if (error && response.status < 500) throw new AuthError(`${message}: check clientId and clientSecret`, options);
  throw new PlatformError(message, options); // an outage, or an answer we cannot read: the next call tries again
}
