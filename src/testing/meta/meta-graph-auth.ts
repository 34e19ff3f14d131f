/**
 * How Graph checks a call's credentials (https://developers.facebook.com/docs/graph-api/guides/error-handling,
 * https://developers.facebook.com/docs/graph-api/securing-requests#appsecret_proof): the token as
 * `access_token` or `Authorization: Bearer`, none is code 2500 and a wrong one code 190 (OAuthException);
 * `appsecret_proof`, when sent (or required by the app setting "Require App Secret"), must be hex
 * HMAC-SHA256(app secret, token).
 */
import { hmac, timingSafeEqual } from '../../core/hmac.js';
import { GraphError } from './meta-graph-error.js';

export async function authorizeGraphCall(request: Request, url: URL, expected: { token: string; appSecret: string; requireProof: boolean }): Promise<void> {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  const token = bearer ?? url.searchParams.get('access_token');
  if (!token) throw new GraphError(400, 2500, 'An active access token must be used to query information about the current user.', { type: 'OAuthException' });
  if (!timingSafeEqual(token, expected.token)) {
    throw new GraphError(400, 190, 'Invalid OAuth access token - Cannot parse access token', { type: 'OAuthException' });
  }
  const proof = url.searchParams.get('appsecret_proof');
  if (proof === null) {
    if (expected.requireProof) throw new GraphError(400, 100, 'API calls from the server require an appsecret_proof argument', { type: 'GraphMethodException' });
    return;
  }
  if (!timingSafeEqual(proof, await hmac('SHA-256', expected.appSecret, token, 'hex'))) {
    throw new GraphError(400, 100, 'Invalid appsecret_proof provided in the API argument', { type: 'GraphMethodException' });
  }
}
