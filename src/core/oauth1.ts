/**
 * OAuth 1.0a request signing (RFC 5849 §3.4, HMAC-SHA1) with Web Crypto, so it runs on edge runtimes.
 * Generic: the parameters signed, the base string and the key are the RFC's; where the OAuth
 * parameters travel (an `Authorization` header or the query string) is the platform's choice.
 */
import { toHex } from './hex.js';
import { hmac } from './hmac.js';

export interface OAuth1Keys {
  consumerKey: string;
  consumerSecret: string;
  token: string;
  tokenSecret: string;
}

export interface OAuth1Request {
  method: string;
  /** The request URL with its query string (the query parameters are signed). */
  url: URL;
  /** Form body fields (an application/x-www-form-urlencoded body is signed; JSON bodies are not). */
  form?: Record<string, string>;
  /** For tests: fixed nonce and timestamp. */
  nonce?: string;
  timestamp?: number;
}

/** RFC 3986 percent-encoding, as OAuth requires (encodeURIComponent leaves !'()* alone). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The `oauth_*` parameters of one request, `oauth_signature` included (§3.1). */
export async function oauth1Parameters(keys: OAuth1Keys, request: OAuth1Request): Promise<Record<string, string>> {
  const oauth: Record<string, string> = {
    oauth_consumer_key: keys.consumerKey,
    oauth_nonce: request.nonce ?? randomNonce(),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(request.timestamp ?? Math.floor(Date.now() / 1000)),
    oauth_token: keys.token,
    oauth_version: '1.0',
  };
  const pairs: Array<[string, string]> = [];
  request.url.searchParams.forEach((value, key) => pairs.push([key, value]));
  for (const [key, value] of Object.entries({ ...request.form, ...oauth })) pairs.push([key, value]);
  const signature = await oauth1Signature(keys, request.method, request.url, pairs);
  return { ...oauth, oauth_signature: signature };
}

/** The `Authorization` header value for one request (§3.5.1). */
export async function oauth1Header(keys: OAuth1Keys, request: OAuth1Request): Promise<string> {
  const parameters = await oauth1Parameters(keys, request);
  return (
    'OAuth ' +
    Object.entries(parameters)
      .map(([key, value]) => `${percentEncode(key)}="${percentEncode(value)}"`)
      .join(', ')
  );
}

/**
 * The base64 HMAC-SHA1 signature of a request over its parameters (query, form body and `oauth_*`
 * except the signature itself, not yet encoded): the signature base string of §3.4.1.
 */
export async function oauth1Signature(keys: Pick<OAuth1Keys, 'consumerSecret' | 'tokenSecret'>, method: string, url: URL, parameters: ReadonlyArray<readonly [string, string]>): Promise<string> {
  const encoded = parameters.map(([key, value]) => [percentEncode(key), percentEncode(value)] as const);
  const sorted = [...encoded].sort(([keyA, valueA], [keyB, valueB]) => (keyA === keyB ? compare(valueA, valueB) : compare(keyA, keyB)));
  const parameterString = sorted.map(([key, value]) => `${key}=${value}`).join('&');
  const baseUrl = `${url.protocol}//${url.host.toLowerCase()}${url.pathname}`;
  const baseString = [method.toUpperCase(), percentEncode(baseUrl), percentEncode(parameterString)].join('&');
  const signingKey = `${percentEncode(keys.consumerSecret)}&${percentEncode(keys.tokenSecret)}`;
  return hmac('SHA-1', signingKey, baseString, 'base64');
}

function randomNonce(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
