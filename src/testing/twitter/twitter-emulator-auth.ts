/**
 * Who may call the emulator: an OAuth 2.0 bearer token, or (when configured) OAuth 1.0a user context
 * whose HMAC-SHA1 signature is recomputed and compared, per RFC 5849 §3.4 and
 * https://docs.x.com/fundamentals/authentication/oauth-1-0a/creating-a-signature.
 * The emulator runs in Node (tests, the sandbox), so node:crypto is fine here.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface OAuth1Keys {
  consumerKey: string;
  consumerSecret: string;
  accessToken: string;
  accessTokenSecret: string;
}

export interface AuthOptions {
  accessToken: string;
  oauth1: OAuth1Keys | undefined;
}

/** RFC 3986 percent-encoding (RFC 5849 §3.6). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** True when the request carries the bearer token or a valid OAuth 1.0a signature. */
export function isAuthorized(request: Request, body: string, options: AuthOptions): boolean {
  const header = request.headers.get('authorization') ?? '';
  if (header.startsWith('Bearer ')) return safeEqual(header.slice('Bearer '.length), options.accessToken);
  if (header.startsWith('OAuth ') && options.oauth1) return verifyOAuth1(request, body, header, options.oauth1);
  return false;
}

function verifyOAuth1(request: Request, body: string, header: string, keys: OAuth1Keys): boolean {
  const oauth = parseOAuthHeader(header);
  if (!oauth) return false;
  const signature = oauth.get('oauth_signature');
  if (
    !signature ||
    oauth.get('oauth_signature_method') !== 'HMAC-SHA1' ||
    oauth.get('oauth_consumer_key') !== keys.consumerKey ||
    oauth.get('oauth_token') !== keys.accessToken ||
    !oauth.get('oauth_nonce') ||
    !/^\d+$/.test(oauth.get('oauth_timestamp') ?? '') ||
    (oauth.has('oauth_version') && oauth.get('oauth_version') !== '1.0')
  ) {
    return false;
  }
  const url = new URL(request.url);
  // §3.4.1.3: query parameters, oauth_* from the header (not the signature), and a form body's fields.
  const pairs: Array<[string, string]> = [];
  url.searchParams.forEach((value, key) => pairs.push([percentEncode(key), percentEncode(value)]));
  for (const [key, value] of oauth) if (key !== 'oauth_signature' && key !== 'realm') pairs.push([percentEncode(key), percentEncode(value)]);
  if ((request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
    new URLSearchParams(body).forEach((value, key) => pairs.push([percentEncode(key), percentEncode(value)]));
  }
  pairs.sort(([keyA, valueA], [keyB, valueB]) => (keyA === keyB ? order(valueA, valueB) : order(keyA, keyB)));
  const normalized = pairs.map(([key, value]) => `${key}=${value}`).join('&');
  const baseUri = `${url.protocol}//${url.host.toLowerCase()}${url.pathname}`; // §3.4.1.2: no query, default port dropped by URL
  const base = [request.method.toUpperCase(), percentEncode(baseUri), percentEncode(normalized)].join('&');
  const key = `${percentEncode(keys.consumerSecret)}&${percentEncode(keys.accessTokenSecret)}`;
  const expected = createHmac('sha1', key).update(base).digest('base64');
  return safeEqual(signature, expected);
}

/** `OAuth k="v", ...` into its decoded parameters (RFC 5849 §3.5.1). */
function parseOAuthHeader(header: string): Map<string, string> | undefined {
  const parameters = new Map<string, string>();
  const pattern = /\s*([A-Za-z0-9_.~%-]+)="([^"]*)"\s*(?:,|$)/gy;
  const rest = header.slice('OAuth '.length);
  pattern.lastIndex = 0;
  while (pattern.lastIndex < rest.length) {
    const match = pattern.exec(rest);
    if (!match) return undefined;
    try {
      parameters.set(decodeURIComponent(match[1]!), decodeURIComponent(match[2]!));
    } catch {
      return undefined;
    }
  }
  return parameters;
}

function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
