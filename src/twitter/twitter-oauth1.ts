/**
 * X's OAuth 1.0a user context: the core's signing (src/core/oauth1.ts) with X's names for the keys,
 * the parameters sent in the `Authorization` header.
 * https://docs.x.com/resources/fundamentals/authentication/oauth-1-0a/creating-a-signature
 */
import { oauth1Header as coreOAuth1Header, type OAuth1Request } from '../core/oauth1.js';

export interface OAuth1Credentials {
  consumerKey: string;
  consumerSecret: string;
  accessToken: string;
  accessTokenSecret: string;
}

/** The `Authorization` header value for one request. */
export function oauth1Header(credentials: OAuth1Credentials, request: OAuth1Request): Promise<string> {
  const { consumerKey, consumerSecret, accessToken, accessTokenSecret } = credentials;
  return coreOAuth1Header({ consumerKey, consumerSecret, token: accessToken, tokenSecret: accessTokenSecret }, request);
}
