/**
 * OAuth 1.0a checks of a Flickr call, as Flickr makes them (https://www.flickr.com/services/api/auth.oauth.html):
 * the OAuth parameters come among the request parameters (query string or form body) or in an
 * `Authorization: OAuth` header, and the HMAC-SHA1 signature over the RFC 5849 §3.4.1 base string is
 * recomputed here with node:crypto (independently of the signing under test) and compared.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ERRORS, type FlickrError } from './flickr-methods.js';

export interface FlickrKeys {
  consumerKey: string;
  consumerSecret: string;
  token: string;
  tokenSecret: string;
}

const encode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);

/** An error when the call is not signed by these keys, undefined when it is. */
export function checkSignature(method: string, url: URL, parameters: Array<[string, string]>, header: string | null, keys: FlickrKeys): FlickrError | undefined {
  const all = [...parameters, ...(header?.startsWith('OAuth ') ? parseHeader(header) : [])];
  const get = (name: string) => all.find(([key]) => key === name)?.[1];
  const signature = get('oauth_signature');
  if (!signature) return ERRORS.missingSignature;
  if (get('oauth_consumer_key') !== keys.consumerKey) return ERRORS.invalidApiKey;
  if (get('oauth_signature_method') !== 'HMAC-SHA1' || !get('oauth_nonce') || !/^\d+$/.test(get('oauth_timestamp') ?? '')) return ERRORS.invalidSignature;
  if (get('oauth_token') !== keys.token) return ERRORS.invalidToken;
  const pairs = all.filter(([key]) => key !== 'oauth_signature' && key !== 'realm').map(([key, value]) => [encode(key), encode(value)] as const);
  pairs.sort(([keyA, valueA], [keyB, valueB]) => (keyA === keyB ? (valueA < valueB ? -1 : valueA > valueB ? 1 : 0) : keyA < keyB ? -1 : 1));
  const base = [method.toUpperCase(), encode(`${url.protocol}//${url.host.toLowerCase()}${url.pathname}`), encode(pairs.map(([key, value]) => `${key}=${value}`).join('&'))].join('&');
  const expected = createHmac('sha1', `${encode(keys.consumerSecret)}&${encode(keys.tokenSecret)}`).update(base).digest('base64');
  const given = Buffer.from(signature);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted) ? undefined : ERRORS.invalidSignature;
}

function parseHeader(header: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const match of header.slice('OAuth '.length).matchAll(/([A-Za-z0-9_.~%-]+)="([^"]*)"/g)) {
    try {
      pairs.push([decodeURIComponent(match[1]!), decodeURIComponent(match[2]!)]);
    } catch {
      return [];
    }
  }
  return pairs;
}
