/**
 * Every Flickr call signed with OAuth 1.0a (HMAC-SHA1), the OAuth parameters sent as request
 * parameters: in the query string of a GET and in the form body of a POST, as Flickr's own SDK
 * (flickr/flickr-sdk) sends them and https://www.flickr.com/services/api/auth.oauth.html shows.
 */
import type { AdapterContext } from '../core/adapter-context.js';
import type { Authorization, AuthorizeRequest } from '../core/http/platform-http.js';
import { oauth1Parameters } from '../core/oauth1.js';
import type { FlickrOAuth1 } from './flickr-options.js';

export function createFlickrAuthorizer(keys: FlickrOAuth1, context: AdapterContext) {
  context.addSecret(keys.consumerSecret);
  context.addSecret(keys.token);
  context.addSecret(keys.tokenSecret);
  return async (request: AuthorizeRequest): Promise<Authorization> => {
    const parameters = await oauth1Parameters(keys, { method: request.method, url: request.url, ...(request.form ? { form: request.form } : {}) });
    return request.form ? { form: parameters } : { searchParams: parameters };
  };
}
