/**
 * OAuth 1.0a user-context signing (RFC 5849 §3.4, HMAC-SHA1) with Web Crypto, so it runs on edge
 * runtimes. https://docs.x.com/resources/fundamentals/authentication/oauth-1-0a/creating-a-signature
 */
import { toHex } from '../core/hex.js';
import { hmac } from '../core/hmac.js';

export interface OAuth1Credentials {
  consumerKey: string;
  consumerSecret: string;
  accessToken: string;
  accessTokenSecret: string;
}

/** RFC 3986 percent-encoding, as OAuth requires (encodeURIComponent leaves !'()* alone). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface SignOptions {
  method: string;
  url: URL;
  /** Form body fields (JSON bodies are not signed). */
  form?: Record<string, string>;
  /** For tests: fixed nonce and timestamp. */
  nonce?: string;
  timestamp?: number;
}

/** The `Authorization` header value for one request. */
export async function oauth1Header(credentials: OAuth1Credentials, options: SignOptions): Promise<string> {
  const oauth: Record<string, string> = {
    oauth_consumer_key: credentials.consumerKey,
    oauth_nonce: options.nonce ?? randomNonce(),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
    oauth_token: credentials.accessToken,
    oauth_version: '1.0',
  };
  const pairs: Array<[string, string]> = [];
  options.url.searchParams.forEach((value, key) => pairs.push([percentEncode(key), percentEncode(value)]));
  for (const [key, value] of Object.entries({ ...options.form, ...oauth })) pairs.push([percentEncode(key), percentEncode(value)]);
  pairs.sort(([keyA, valueA], [keyB, valueB]) => (keyA === keyB ? compare(valueA, valueB) : compare(keyA, keyB)));
  const parameterString = pairs.map(([key, value]) => `${key}=${value}`).join('&');
  const baseUrl = `${options.url.protocol}//${options.url.host}${options.url.pathname}`;
  const baseString = [options.method.toUpperCase(), percentEncode(baseUrl), percentEncode(parameterString)].join('&');
  const signingKey = `${percentEncode(credentials.consumerSecret)}&${percentEncode(credentials.accessTokenSecret)}`;
  const signature = await hmac('SHA-1', signingKey, baseString, 'base64');
  const header = { ...oauth, oauth_signature: signature };
  return (
    'OAuth ' +
    Object.entries(header)
      .map(([key, value]) => `${percentEncode(key)}="${percentEncode(value)}"`)
      .join(', ')
  );
}

function randomNonce(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
