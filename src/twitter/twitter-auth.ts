/**
 * Authorization per request: an OAuth 2.0 bearer (read lazily, so a refresh function works) or an
 * OAuth 1.0a signature. The secrets are registered with the context so no error can carry them.
 */
import type { AdapterContext } from '../core/adapter-context.js';
import type { Authorization, AuthorizeRequest } from '../core/http/platform-http.js';
import { resolveSecret } from '../core/options.js';
import { oauth1Header } from './twitter-oauth1.js';
import type { NormalizedTwitterOptions } from './twitter-options.js';

export function createTwitterAuthorizer(options: NormalizedTwitterOptions, context: AdapterContext) {
  if (options.oauth1) {
    context.addSecret(options.oauth1.consumerSecret);
    context.addSecret(options.oauth1.accessToken);
    context.addSecret(options.oauth1.accessTokenSecret);
  }
  context.addSecret(options.consumerSecret);
  return async (request: AuthorizeRequest): Promise<Authorization> => {
    if (options.accessToken !== undefined) {
      const token = await resolveSecret(options.accessToken);
      context.addSecret(token);
      return { headers: { authorization: `Bearer ${token}` } };
    }
    const header = await oauth1Header(options.oauth1!, { method: request.method, url: request.url, ...(request.form ? { form: request.form } : {}) });
    return { headers: { authorization: header } };
  };
}
