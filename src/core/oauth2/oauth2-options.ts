/** The `oauth2` option of every adapter with managed OAuth 2.0 tokens, checked once with zod. */
import * as z from 'zod/mini';
import { httpUrlSchema, nonEmptyString } from '../options.js';
import type { OAuth2Refresh } from './token-keeper.js';

const dateSchema = z.custom<Date>((value) => value instanceof Date && !Number.isNaN(value.getTime()), 'expected a valid Date');

export const oauth2RefreshSchema = z.strictObject({
  clientId: nonEmptyString(),
  clientSecret: z.optional(nonEmptyString()),
  refreshToken: nonEmptyString(),
  accessToken: z.optional(nonEmptyString()),
  expiresAt: z.optional(dateSchema),
  tokenUrl: z.optional(httpUrlSchema),
  scope: z.optional(z.string()),
});

/** The option as given, with the token endpoint filled in (the platform's own when absent). */
export function withTokenUrl(oauth2: OAuth2Refresh, defaultTokenUrl: string): OAuth2Refresh & { tokenUrl: string } {
  return { ...oauth2, tokenUrl: oauth2.tokenUrl ?? defaultTokenUrl };
}
