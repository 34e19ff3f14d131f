/** The options of `trustpilot()`, validated once with zod and normalized. */
import * as z from 'zod/mini';
import type { OAuth2Refresh } from '../core/oauth2/token-keeper.js';
import {
  commonOptionsShape,
  httpUrlSchema,
  matching,
  nonEmptyString,
  normalizeCommonOptions,
  parseOptions,
  secretSchema,
  withoutTrailingSlash,
  type CommonOptions,
  type NormalizedCommonOptions,
  type Secret,
} from '../core/options.js';

/** A business user's grant: the refresh token of the password (or authorization code) grant; the client is the API key and secret. */
export interface TrustpilotOAuth2 {
  refreshToken: string;
  accessToken?: string;
  expiresAt?: Date;
  /** @default the apiKey */
  clientId?: string;
  /** @default the apiSecret */
  clientSecret?: string;
  /** @default `${baseUrl}/v1/oauth/oauth-business-users-for-applications/refresh` */
  tokenUrl?: string;
}

export interface TrustpilotOptions extends CommonOptions {
  /** The business unit (domain) whose service reviews are read and answered: 24 hexadecimal characters. */
  businessUnitId: string;
  /** The business user the company's replies are written as (`authorBusinessUserId`). */
  businessUserId: string;
  /** The API key of your Trustpilot application (Integrations > Developers > API). */
  apiKey: string;
  /** The API secret: with `oauth2` the channel refreshes the business-user token with it. */
  apiSecret?: string;
  /** A business-user access token (they last 100 hours). A function is called per request. */
  accessToken?: Secret;
  /** A business-user grant the channel keeps fresh in its store (access tokens 100 hours, refresh tokens 30 days). */
  oauth2?: TrustpilotOAuth2;
  /** The secret your webhook subscription URL carries (a path segment, or the password of its user:password@): enables `webhook()`. */
  webhookSecret?: string;
  /** @default 'https://api.trustpilot.com' */
  baseUrl?: string;
}

export interface NormalizedTrustpilotOptions extends NormalizedCommonOptions {
  businessUnitId: string;
  businessUserId: string;
  apiKey: string;
  accessToken: Secret | undefined;
  oauth2: (OAuth2Refresh & { tokenUrl: string }) | undefined;
  webhookSecret: string | undefined;
  baseUrl: string;
}

const objectId = () => matching(/^[0-9a-f]{24}$/i);
const dateSchema = z.custom<Date>((value) => value instanceof Date && !Number.isNaN(value.getTime()), 'expected a valid Date');

const schema = z
  .strictObject({
    ...commonOptionsShape,
    businessUnitId: objectId(),
    businessUserId: objectId(),
    apiKey: nonEmptyString(),
    apiSecret: z.optional(nonEmptyString()),
    accessToken: z.optional(secretSchema),
    oauth2: z.optional(
      z.strictObject({
        refreshToken: nonEmptyString(),
        accessToken: z.optional(nonEmptyString()),
        expiresAt: z.optional(dateSchema),
        clientId: z.optional(nonEmptyString()),
        clientSecret: z.optional(nonEmptyString()),
        tokenUrl: z.optional(httpUrlSchema),
      }),
    ),
    webhookSecret: z.optional(z.string().check(z.minLength(16, 'use at least 16 characters: it is all that tells Trustpilot from anyone else'))),
    baseUrl: z.optional(httpUrlSchema),
  })
  .check(
    z.refine((options) => options.accessToken !== undefined || options.oauth2 !== undefined, { message: 'give accessToken or oauth2', path: ['accessToken'] }),
    z.refine((options) => options.accessToken === undefined || options.oauth2 === undefined, {
      message: 'give accessToken or oauth2, not both: with oauth2 the channel keeps the access token itself',
      path: ['oauth2'],
    }),
    z.refine((options) => options.oauth2 === undefined || options.oauth2.clientSecret !== undefined || options.apiSecret !== undefined, {
      message: 'refreshing the token needs the API secret: give apiSecret',
      path: ['apiSecret'],
    }),
  );

export function normalizeTrustpilotOptions(options: TrustpilotOptions): NormalizedTrustpilotOptions {
  const parsed = parseOptions('trustpilot', schema, options ?? {});
  const baseUrl = withoutTrailingSlash(parsed.baseUrl ?? 'https://api.trustpilot.com');
  const oauth2 = parsed.oauth2;
  return {
    // 833 calls in 5 minutes: a poll a minute leaves nearly all of them to replies and the rest of your app.
    ...normalizeCommonOptions(parsed, { pollIntervalMs: 60_000 }),
    businessUnitId: parsed.businessUnitId,
    businessUserId: parsed.businessUserId,
    apiKey: parsed.apiKey,
    accessToken: parsed.accessToken,
    oauth2: oauth2
      ? {
          clientId: oauth2.clientId ?? parsed.apiKey,
          clientSecret: (oauth2.clientSecret ?? parsed.apiSecret)!,
          refreshToken: oauth2.refreshToken,
          ...(oauth2.accessToken ? { accessToken: oauth2.accessToken } : {}),
          ...(oauth2.expiresAt ? { expiresAt: oauth2.expiresAt } : {}),
          tokenUrl: oauth2.tokenUrl ?? `${baseUrl}/v1/oauth/oauth-business-users-for-applications/refresh`,
        }
      : undefined,
    webhookSecret: parsed.webhookSecret,
    baseUrl,
  };
}
