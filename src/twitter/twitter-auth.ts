/**
 * Authorization per request: an OAuth 2.0 bearer (a fixed token, a token function read per request,
 * or a managed `oauth2` grant the core's token keeper refreshes) or an OAuth 1.0a signature. After X
 * refuses a bearer (401), `reauthorize` gives the next one: the keeper's refresh, or the function
 * called again. The secrets are registered with the context so no error can carry them.
 */
import type { AdapterContext } from '../core/adapter-context.js';
import type { Authorization, AuthorizeRequest } from '../core/http/platform-http.js';
import { createBearerAuthorizer } from '../core/oauth2/bearer-authorizer.js';
import type { NormalizedTwitterOptions } from './twitter-options.js';

export interface TwitterAuthorizer {
  authorize(request: AuthorizeRequest): Promise<Authorization>;
  reauthorize?(request: AuthorizeRequest, refused: Authorization): Promise<Authorization>;
}

export function createTwitterAuthorizer(options: NormalizedTwitterOptions, context: AdapterContext): TwitterAuthorizer {
  context.addSecret(options.consumerSecret);
  // A bearer (fixed, a function, or the managed grant) when given; else the app signs with its consumer keys.
  if (options.oauth2 || options.accessToken !== undefined) return createBearerAuthorizer(options, context);
  const oauth1 = options.oauth1!;
  context.addSecret(oauth1.consumerSecret);
  context.addSecret(oauth1.accessToken);
  context.addSecret(oauth1.accessTokenSecret);
  // Only apps with consumer keys sign (most bots hold a bearer): the signing is loaded on the first request.
  return {
    authorize: async (request) => {
      const { oauth1Header } = await import('./twitter-oauth1.js');
      return { headers: { authorization: await oauth1Header(oauth1, { method: request.method, url: request.url, ...(request.form ? { form: request.form } : {}) }) } };
    },
  };
}
