/**
 * Authorization per request: the Page token, read lazily (so a refresh function works), sent as
 * `Authorization: Bearer` so it never sits in a URL that Graph or a proxy could echo; and, when the
 * app secret is set, `appsecret_proof` = hex HMAC-SHA256(app secret, token) on every call
 * (https://developers.facebook.com/docs/graph-api/securing-requests#appsecret_proof).
 * Graph takes the token as the `access_token` parameter or a bearer header
 * (https://developers.facebook.com/docs/facebook-login/guides/access-tokens); secrets are registered
 * with the context so no error can carry them.
 */
import type { AdapterContext } from '../core/adapter-context.js';
import { hmac } from '../core/hmac.js';
import type { Authorization } from '../core/http/platform-http.js';
import { resolveSecret, type Secret } from '../core/options.js';

export interface GraphCredentials {
  /** The Page access token (Facebook Pages and the Instagram account linked to the Page alike). */
  pageAccessToken: Secret;
  appSecret: string | undefined;
  verifyToken: string | undefined;
}

export function createGraphAuthorizer(options: GraphCredentials, context: AdapterContext) {
  context.addSecret(options.appSecret);
  context.addSecret(options.verifyToken);
  // One proof per token: the HMAC is the same for every call until the token changes.
  let proofFor: { token: string; proof: Promise<string> } | undefined;
  return async (): Promise<Authorization> => {
    const token = await resolveSecret(options.pageAccessToken);
    context.addSecret(token);
    const authorization: Authorization = { headers: { authorization: `Bearer ${token}` } };
    if (options.appSecret) {
      if (proofFor?.token !== token) proofFor = { token, proof: appSecretProof(options.appSecret, token) };
      authorization.searchParams = { appsecret_proof: await proofFor.proof };
    }
    return authorization;
  };
}

export function appSecretProof(appSecret: string, token: string): Promise<string> {
  return hmac('SHA-256', appSecret, token, 'hex');
}
