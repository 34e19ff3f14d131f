/**
 * Authorization per request: a bearer access token (fixed, a function read per request, or a managed
 * `oauth2` grant the core's token keeper refreshes; Google's access tokens live one hour). After a 401,
 * `reauthorize` gives the next one: the keeper's refresh, or the function called again.
 */
import type { AdapterContext } from '../core/adapter-context.js';
import type { Authorization, AuthorizeRequest } from '../core/http/platform-http.js';
import { createTokenKeeper } from '../core/oauth2/token-keeper.js';
import { resolveSecret } from '../core/options.js';
import type { NormalizedGoogleBusinessOptions } from './google-business-options.js';

export interface GoogleBusinessAuthorizer {
  authorize(request: AuthorizeRequest): Promise<Authorization>;
  reauthorize(request: AuthorizeRequest, refused: Authorization): Promise<Authorization>;
}

const bearer = (token: string): Authorization => ({ headers: { authorization: `Bearer ${token}` } });

export function createGoogleBusinessAuthorizer(options: NormalizedGoogleBusinessOptions, context: AdapterContext): GoogleBusinessAuthorizer {
  if (options.oauth2) {
    const keeper = createTokenKeeper({ oauth2: options.oauth2, context, encryptionKey: options.encryptionKey, fetch: options.fetch, timeoutMs: options.timeoutMs });
    return {
      authorize: async () => bearer(await keeper.accessToken()),
      reauthorize: async (_request, refused) => bearer(await keeper.refused(refused.headers?.authorization?.replace(/^Bearer /, '') ?? '')),
    };
  }
  const accessToken = options.accessToken!;
  const current = async () => {
    const token = await resolveSecret(accessToken);
    context.addSecret(token);
    return bearer(token);
  };
  return { authorize: current, reauthorize: current };
}
