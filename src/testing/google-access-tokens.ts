/**
 * Google's OAuth 2.0 access tokens as the Google emulators (YouTube, Business Profile) hand them out, after
 * https://developers.google.com/identity/protocols/oauth2/web-server#offline (refreshing an access token):
 * a token endpoint (POST /token) for the refresh_token grant only, giving a `ya29.` token for one hour
 * (expires_in 3599) or 400 invalid_grant for a refresh token it does not know; a token is good until it expires.
 */
import { randomBytes } from 'node:crypto';

const HOUR_MS = 60 * 60 * 1000;

export interface GoogleOAuth2Client {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export class GoogleAccessTokens {
  readonly #expiry = new Map<string, number>(); // access token → expiry (epoch ms)
  readonly #client: GoogleOAuth2Client;
  readonly #scope: string;

  /** `first`: the access token the emulator starts with (good for an hour); `scope`: what the endpoint says it grants. */
  constructor(client: GoogleOAuth2Client, first: string, scope: string) {
    this.#client = client;
    this.#scope = scope;
    this.#expiry.set(first, Date.now() + HOUR_MS);
  }

  /** Whether a request's Authorization header carries a token that has not expired. */
  accepts(authorization: string | null): boolean {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    const expiresAt = token === undefined ? undefined : this.#expiry.get(token);
    return expiresAt !== undefined && expiresAt > Date.now();
  }

  /** Every token handed out so far expires now (a refresh gives a new one). */
  expireAll(): void {
    for (const token of this.#expiry.keys()) this.#expiry.set(token, 0);
  }

  /** The token endpoint's answer to a form body. */
  answer(body: string): Response {
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== this.#client.refreshToken) {
      return Response.json({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }, { status: 400 });
    }
    const accessToken = `ya29.${randomGoogleId(40)}`;
    this.#expiry.set(accessToken, Date.now() + HOUR_MS);
    return Response.json({ access_token: accessToken, expires_in: 3599, scope: this.#scope, token_type: 'Bearer' });
  }
}

/** `length` characters of base64url, as Google's ids and tokens look. */
export function randomGoogleId(length: number): string {
  return randomBytes(length).toString('base64url').slice(0, length);
}
