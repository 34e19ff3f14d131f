/**
 * Authorization per request by an OAuth 2.0 bearer: a fixed access token, a function read per request, or a
 * managed `oauth2` grant the token keeper refreshes (its work still loaded on the first token asked for).
 * After a 401, `reauthorize` gives the next one: the keeper's refresh of the refused token, or the function
 * called again (a fixed token gives the same, so the refusal stands). Every token is registered as a secret.
 */
import type { AdapterContext } from '../adapter-context.js';
import type { Authorization, AuthorizeRequest } from '../http/platform-http.js';
import { resolveSecret, type Secret } from '../options.js';
import { createTokenKeeper, type OAuth2Refresh } from './token-keeper.js';

export interface BearerAuthorizer {
  authorize(request: AuthorizeRequest): Promise<Authorization>;
  reauthorize(request: AuthorizeRequest, refused: Authorization): Promise<Authorization>;
}

/** What an adapter's normalized options give: `oauth2` (with its token endpoint) or else `accessToken`. */
export interface BearerCredentials {
  accessToken?: Secret | undefined;
  oauth2?: (OAuth2Refresh & { tokenUrl: string }) | undefined;
  encryptionKey?: string | undefined;
  fetch?: typeof globalThis.fetch | undefined;
  timeoutMs?: number | undefined;
}

const bearer = (token: string): Authorization => ({ headers: { authorization: `Bearer ${token}` } });

export function createBearerAuthorizer(options: BearerCredentials, context: AdapterContext): BearerAuthorizer {
  if (options.oauth2) {
    // The keeper takes its encryptionKey, fetch and timeoutMs from the credentials (and reads nothing else of them).
    const keeper = createTokenKeeper({ ...options, oauth2: options.oauth2, context });
    return {
      authorize: async () => bearer(await keeper.accessToken()),
      // `refused` is what authorize() gave: 'Bearer ' and the token.
      reauthorize: async (_request, refused) => bearer(await keeper.refused(refused.headers!.authorization!.slice(7))),
    };
  }
  const accessToken = options.accessToken!; // the adapter's options checked that one of the two is given
  const current = async () => {
    const token = await resolveSecret(accessToken);
    context.addSecret(token);
    return bearer(token);
  };
  return { authorize: current, reauthorize: current };
}
