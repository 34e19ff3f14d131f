/**
 * X's OAuth 2.0 user-context tokens in the emulator: the grants a person's sign-in starts, access
 * tokens that expire, and `POST /2/oauth2/token` with the refresh_token grant as X serves it
 * (https://docs.x.com/fundamentals/authentication/oauth-2-0/authorization-code, "Refresh tokens"):
 * a form body, `client_id` for a public client or HTTP Basic for a confidential one, an answer of
 * `token_type` bearer, `expires_in`, `access_token`, `scope` and a new `refresh_token` on every refresh;
 * a refresh token works once.
 *
 * Refusals: X answers a spent or unknown refresh token with 400 `{ error: 'invalid_request',
 * error_description: 'Value passed for the token was invalid.' }` (the text X client code in the wild
 * matches on); a missing parameter with invalid_request too. A grant revoked with `revoke()` answers
 * RFC 6749's `invalid_grant`, so a client is tested against both shapes.
 */
import { randomBytes } from 'node:crypto';

export interface TwitterOAuth2Client {
  clientId: string;
  /** A confidential client: the token endpoint then requires HTTP Basic. */
  clientSecret?: string;
}

/** A grant's first tokens, as the authorization code flow would hand them to the app. */
export interface TwitterOAuth2Tokens {
  clientId: string;
  clientSecret?: string;
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  scope: string;
}

const SCOPE = 'tweet.read tweet.write users.read dm.read dm.write media.write offline.access';

interface Grant {
  revoked: boolean;
  scope: string;
}

export class TwitterOAuth2Grants {
  /** Refreshes answered with new tokens. */
  refreshes = 0;
  /** Refresh requests refused (a spent, unknown or revoked refresh token). */
  refused = 0;
  readonly #refreshTokens = new Map<string, { grant: Grant; used: boolean }>();
  readonly #accessTokens = new Map<string, { grant: Grant; expiresAt: number }>();

  constructor(
    readonly client: TwitterOAuth2Client,
    readonly tokenLifetimeMs: number,
  ) {}

  /** A person authorizes the app: a new grant and its first tokens, for `scope` (space-separated). */
  authorize(scope = SCOPE): TwitterOAuth2Tokens {
    const grant: Grant = { revoked: false, scope };
    return { clientId: this.client.clientId, ...(this.client.clientSecret ? { clientSecret: this.client.clientSecret } : {}), ...this.#issue(grant) };
  }

  /** The person revokes the app: every token of the grant `refreshToken` belongs to stops working. */
  revoke(refreshToken: string): void {
    const entry = this.#refreshTokens.get(refreshToken);
    if (!entry) throw new TypeError('revoke(): not a refresh token this emulator issued');
    entry.grant.revoked = true;
  }

  /** 'valid', 'expired' (or revoked), or 'unknown' (not one of ours: the static token may still match). */
  check(accessToken: string): 'valid' | 'expired' | 'unknown' {
    const entry = this.#accessTokens.get(accessToken);
    if (!entry) return 'unknown';
    return entry.grant.revoked || entry.expiresAt <= Date.now() ? 'expired' : 'valid';
  }

  /** Whether an access token of a grant carries `scope`; undefined for a token not issued here. */
  hasScope(accessToken: string, scope: string): boolean | undefined {
    const entry = this.#accessTokens.get(accessToken);
    return entry ? entry.grant.scope.split(' ').includes(scope) : undefined;
  }

  /** `POST /2/oauth2/token`. */
  token(request: Request, body: string): Response {
    const form = new URLSearchParams(body);
    if (this.client.clientSecret !== undefined) {
      if (request.headers.get('authorization') !== `Basic ${basic(this.client.clientId, this.client.clientSecret)}`) {
        return Response.json({ error: 'unauthorized_client', error_description: 'Missing valid authorization header' }, { status: 401 });
      }
    } else if (form.get('client_id') !== this.client.clientId) {
      return form.has('client_id') ? refusal('invalid_client', 'Client authentication failed', 401) : missing('client_id');
    }
    const grantType = form.get('grant_type');
    if (grantType === null) return missing('grant_type');
    if (grantType !== 'refresh_token') return refusal('unsupported_grant_type', `Value passed for the grant type was invalid: ${grantType}`);
    const refreshToken = form.get('refresh_token');
    if (refreshToken === null) return missing('refresh_token');
    const entry = this.#refreshTokens.get(refreshToken);
    if (entry?.grant.revoked) {
      this.refused += 1;
      return refusal('invalid_grant', 'The grant was revoked.');
    }
    if (!entry || entry.used) {
      this.refused += 1;
      return refusal('invalid_request', 'Value passed for the token was invalid.');
    }
    entry.used = true;
    this.refreshes += 1;
    const tokens = this.#issue(entry.grant);
    return Response.json({
      token_type: 'bearer',
      expires_in: Math.round(this.tokenLifetimeMs / 1000),
      access_token: tokens.accessToken,
      scope: tokens.scope,
      refresh_token: tokens.refreshToken,
    });
  }

  #issue(grant: Grant): Omit<TwitterOAuth2Tokens, 'clientId' | 'clientSecret'> {
    const accessToken = `${randomBytes(24).toString('base64url')}:at`;
    const refreshToken = `${randomBytes(24).toString('base64url')}:rt`;
    const expiresAt = Date.now() + this.tokenLifetimeMs;
    this.#accessTokens.set(accessToken, { grant, expiresAt });
    this.#refreshTokens.set(refreshToken, { grant, used: false });
    return { accessToken, refreshToken, expiresAt: new Date(expiresAt), scope: grant.scope };
  }
}

function refusal(error: string, description: string, status = 400): Response {
  return Response.json({ error, error_description: description }, { status });
}

function missing(parameter: string): Response {
  return refusal('invalid_request', `Missing required parameter [${parameter}].`);
}

function basic(clientId: string, clientSecret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64');
}
