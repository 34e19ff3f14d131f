/**
 * The refresh_token grant of RFC 6749 §6 on ky: one POST to the token endpoint, form-encoded, the
 * client identified by `client_id` and, for a confidential client, HTTP Basic (§2.3.1). Never
 * retried here: a refresh token may work only once, so the keeper decides what happens next.
 */
import ky from 'ky';
import * as z from 'zod/mini';
import { AuthError, InvalidResponseError, NetworkError, PlatformError, type ChannelErrorOptions } from '../errors.js';
import { parseJson } from '../json.js';
import { tokenErrorSchema, tokenResponseSchema } from './token-set.js';

export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export interface RefreshGrantRequest {
  tokenUrl: string;
  clientId: string;
  clientSecret?: string;
  refreshToken: string;
  fetch?: typeof globalThis.fetch;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Platform, channel and the secrets to scrub, for the errors. */
  errorOptions: (extra?: Partial<ChannelErrorOptions>) => ChannelErrorOptions;
}

// The token endpoint's answers that mean "this grant is over: a person must sign in again".
// X answers a spent or revoked refresh token with 400 invalid_request ("Value passed for the token
// was invalid.") rather than RFC 6749's invalid_grant; our request is always complete, so both mean the grant.
const GRANT_REFUSED = new Set(['invalid_grant', 'invalid_request']);

/** The form-encoded `client_id:client_secret` of RFC 6749 §2.3.1, in base64. */
export function basicCredentials(clientId: string, clientSecret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return btoa(`${encode(clientId)}:${encode(clientSecret)}`); // ASCII once percent-encoded
}

export async function refreshGrant(request: RefreshGrantRequest): Promise<TokenResponse> {
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: request.refreshToken, client_id: request.clientId });
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.clientSecret !== undefined) headers.authorization = `Basic ${basicCredentials(request.clientId, request.clientSecret)}`;
  const endpoint = new URL(request.tokenUrl).host;

  let response: Response;
  try {
    response = await ky.post(request.tokenUrl, {
      body,
      headers,
      retry: 0,
      throwHttpErrors: false,
      timeout: request.timeoutMs,
      ...(request.fetch ? { fetch: request.fetch } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    });
  } catch (cause) {
    if (request.signal?.aborted) throw request.signal.reason;
    throw new NetworkError(`the token endpoint ${endpoint} did not answer the refresh`, request.errorOptions({ cause }));
  }

  const json = parseJson(await response.text());
  if (response.ok) {
    const parsed = z.safeParse(tokenResponseSchema, json);
    if (parsed.success) return parsed.data;
    throw new InvalidResponseError(`the token endpoint ${endpoint} answered the refresh without a usable token set`, {
      ...request.errorOptions({ status: response.status }),
      issues: parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.code, code: issue.code })),
    });
  }

  const refusal = z.safeParse(tokenErrorSchema, json);
  const code = refusal.success ? refusal.data.error : undefined;
  const said = refusal.success ? `${code}${refusal.data.error_description ? `: ${refusal.data.error_description}` : ''}` : `status ${response.status}`;
  const options = request.errorOptions({ status: response.status });
  if (code !== undefined && GRANT_REFUSED.has(code)) {
    throw new AuthError(`the token endpoint ${endpoint} refused the refresh token (${said}); the grant is revoked, expired or already used: sign in again`, {
      ...options,
      reauthorize: true,
    });
  }
  if (response.status === 400 || response.status === 401 || response.status === 403) {
    // invalid_client, unauthorized_client: the app's own credentials, not the person's grant.
    throw new AuthError(`the token endpoint ${endpoint} refused the client's credentials (${said}): check clientId and clientSecret`, options);
  }
  throw new PlatformError(`the token endpoint ${endpoint} failed the refresh (${said})`, { ...options, ...(code ? { platformCode: code } : {}) });
}
