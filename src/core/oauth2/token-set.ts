/**
 * The token set a channel keeps: what a token endpoint answers (RFC 6749 §5.1, checked with a minimal
 * schema) and the set as it lives in the store and in the `'tokens'` event.
 */
import * as z from 'zod/mini';

// A refine rather than z.minLength: it keeps zod's length checks out of the browser bundle.
const filled = () => z.string().check(z.refine((value) => value !== '', 'must not be empty'));

/** The successful answer of a token endpoint, only the fields we read (https://www.rfc-editor.org/rfc/rfc6749#section-5.1). */
export const tokenResponseSchema = z.object({
  access_token: filled(),
  token_type: z.string(),
  /** Seconds; optional in the RFC (X and Google always send it). */
  expires_in: z.nullish(z.number()),
  /** Absent when the server keeps the old refresh token (Google); X rotates it on every refresh. */
  refresh_token: z.nullish(filled()),
  scope: z.nullish(z.string()),
});

/** An error answer of a token endpoint (https://www.rfc-editor.org/rfc/rfc6749#section-5.2). */
export const tokenErrorSchema = z.object({ error: z.string(), error_description: z.nullish(z.string()) });

/** The current tokens of a channel, as the `'tokens'` event gives them. */
export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires; unknown when the server did not say. */
  expiresAt?: Date;
  scope?: string;
}

/** The options' or the store's set before its first refresh may lack an access token. */
export type KeptTokens = Omit<TokenSet, 'accessToken'> & { accessToken?: string };

/** The set as the store keeps it (before encryption): dates as epoch milliseconds. */
const storedSchema = z.object({
  accessToken: z.optional(z.string()),
  refreshToken: filled(),
  expiresAt: z.optional(z.number()),
  scope: z.optional(z.string()),
});

export function serializeTokens(tokens: KeptTokens): string {
  return JSON.stringify({
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: tokens.expiresAt?.getTime(),
    scope: tokens.scope,
  });
}

/** The stored set, or undefined when the text is not one (a foreign or damaged value). */
export function deserializeTokens(text: string): KeptTokens | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = z.safeParse(storedSchema, json);
  if (!parsed.success) return undefined;
  const { accessToken, refreshToken, expiresAt, scope } = parsed.data;
  return {
    refreshToken,
    ...(accessToken !== undefined ? { accessToken } : {}),
    ...(expiresAt !== undefined ? { expiresAt: new Date(expiresAt) } : {}),
    ...(scope !== undefined ? { scope } : {}),
  };
}

/** The set a token endpoint's answer makes; a server that sends no new refresh token keeps the old one. */
export function tokensFromResponse(response: z.infer<typeof tokenResponseSchema>, previous: KeptTokens, now: number): TokenSet {
  const scope = response.scope ?? previous.scope;
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? previous.refreshToken,
    ...(typeof response.expires_in === 'number' ? { expiresAt: new Date(now + response.expires_in * 1000) } : {}),
    ...(scope ? { scope } : {}),
  };
}
