/** The options of `googleBusiness()`, validated once with zod and normalized. */
import * as z from 'zod/mini';
import { oauth2RefreshSchema, withTokenUrl } from '../core/oauth2/oauth2-options.js';
import type { OAuth2Refresh } from '../core/oauth2/token-keeper.js';
import {
  commonOptionsShape,
  httpUrlSchema,
  matching,
  normalizeCommonOptions,
  parseOptions,
  secretSchema,
  withoutTrailingSlash,
  type CommonOptions,
  type NormalizedCommonOptions,
  type Secret,
} from '../core/options.js';

export interface GoogleBusinessOptions extends CommonOptions {
  /** The Business Profile account (the number in `accounts/{accountId}`). */
  accountId: string;
  /** The location (business) whose reviews the channel reads and answers: the number in `locations/{locationId}`. */
  locationId?: string;
  /**
   * Several locations of the account in one channel, read together with `locations:batchGetReviews`
   * (at most 200). Give `locationId` or `locationIds`.
   */
  locationIds?: string[];
  /** An OAuth 2.0 access token with the `business.manage` scope. A function is called per request, so a refreshed token is picked up. */
  accessToken?: Secret;
  /**
   * OAuth 2.0 that lasts: the channel refreshes the access token (Google's live one hour) and keeps the
   * current set in its store. `tokenUrl` defaults to https://oauth2.googleapis.com/token.
   */
  oauth2?: OAuth2Refresh;
  /** Origin of the API (a proxy or the sandbox). @default 'https://mybusiness.googleapis.com' */
  baseUrl?: string;
}

export interface NormalizedGoogleBusinessOptions extends NormalizedCommonOptions {
  accountId: string;
  /** The locations read, one or more. */
  locationIds: string[];
  /** Whether the channel reads several locations with batchGetReviews. */
  batch: boolean;
  accessToken: Secret | undefined;
  oauth2: (OAuth2Refresh & { tokenUrl: string }) | undefined;
  baseUrl: string;
}

const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
// https://developers.google.com/my-business/reference/rest/v4/accounts.locations/batchGetReviews: 200 location names per call.
export const MAX_BATCH_LOCATIONS = 200;
const numericId = () => matching(/^\d{1,30}$/);

const schema = z
  .strictObject({
    ...commonOptionsShape,
    accountId: numericId(),
    locationId: z.optional(numericId()),
    locationIds: z.optional(z.array(numericId()).check(z.minLength(1), z.maxLength(MAX_BATCH_LOCATIONS))),
    accessToken: z.optional(secretSchema),
    oauth2: z.optional(oauth2RefreshSchema),
    baseUrl: z.optional(httpUrlSchema),
  })
  .check(
    z.refine((options) => (options.locationId === undefined) !== (options.locationIds === undefined), { message: 'give locationId or locationIds (one of them)', path: ['locationId'] }),
    z.refine((options) => options.accessToken !== undefined || options.oauth2 !== undefined, { message: 'give accessToken or oauth2', path: ['accessToken'] }),
    z.refine((options) => options.accessToken === undefined || options.oauth2 === undefined, {
      message: 'give accessToken or oauth2, not both: with oauth2 the channel keeps the access token itself',
      path: ['oauth2'],
    }),
  );

export function normalizeGoogleBusinessOptions(options: GoogleBusinessOptions): NormalizedGoogleBusinessOptions {
  const parsed = parseOptions('googleBusiness', schema, options ?? {});
  const locationIds = parsed.locationIds ? [...new Set(parsed.locationIds)] : [parsed.locationId!];
  return {
    // 300 requests a minute per project: a poll a minute leaves them to replies and other channels.
    ...normalizeCommonOptions(parsed, { pollIntervalMs: 60_000 }),
    accountId: parsed.accountId,
    locationIds,
    batch: parsed.locationIds !== undefined,
    accessToken: parsed.accessToken,
    oauth2: parsed.oauth2 ? withTokenUrl(parsed.oauth2, GOOGLE_TOKEN_URL) : undefined,
    baseUrl: withoutTrailingSlash(parsed.baseUrl ?? 'https://mybusiness.googleapis.com'),
  };
}
