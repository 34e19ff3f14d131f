/**
 * The token set a channel keeps: what a token endpoint answers (RFC 6749 §5.1 and §5.2, the fields we
 * read) and the set as it lives in the store (JSON, the date as ISO text) and in the `'tokens'` event.
 */
import * as z from 'zod/mini';
import { parseJson } from '../json.js';

const text = z.nullish(z.string());

/**
 * A token endpoint's answer, success or error in one schema (https://www.rfc-editor.org/rfc/rfc6749#section-5.1):
 * no `refresh_token` when the server keeps the old one (Google); X rotates it on every refresh.
 */
export const tokenAnswerSchema = z.object({
  access_token: text,
  refresh_token: text,
  // A number by RFC 6749 §5.1; some endpoints write it as a string of digits (Trustpilot: "359999").
  // A custom check, not z.union: a union pulls zod's union parser into every browser bundle.
  expires_in: z.nullish(z.custom<number | string>((value) => typeof value === 'number' || typeof value === 'string')),
  scope: text,
  error: text,
  error_description: text,
});

/** The seconds of an `expires_in`, or undefined when it names none (absent, or text that is no number of seconds). */
export function expiresInSeconds(value: number | string | null | undefined): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
}

export type TokenAnswer = z.infer<typeof tokenAnswerSchema>;

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

/** The stored set, or undefined when the text is not one (a foreign or damaged value). */
export function deserializeTokens(stored: string): KeptTokens | undefined {
  const tokens = parseJson(stored) as (KeptTokens & { expiresAt?: string }) | undefined;
  if (typeof tokens?.refreshToken !== 'string') return undefined;
  return tokens.expiresAt ? { ...tokens, expiresAt: new Date(tokens.expiresAt) } : tokens;
}
