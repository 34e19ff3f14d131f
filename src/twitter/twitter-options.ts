/** The options of `twitter()`, validated once with zod and normalized. */
import * as z from 'zod/mini';
import {
  commonOptionsShape,
  flag,
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
import type { OAuth1Credentials } from './twitter-oauth1.js';

export interface TwitterOptions extends CommonOptions {
  /** OAuth 2.0 user-context token (or an app-only bearer: read-only). A function is called per request, so a refreshed token is picked up. */
  accessToken?: Secret;
  /** OAuth 1.0a user context; signed with HMAC-SHA1 per request. */
  oauth1?: OAuth1Credentials;
  /** The app's consumer secret: answers the webhook CRC and checks `x-twitter-webhooks-signature`. */
  consumerSecret?: string;
  /** The account's own user id; looked up once with `GET /2/users/me` when absent. */
  userId?: string;
  /** Origin of the API (a proxy or the sandbox). @default 'https://api.x.com' */
  baseUrl?: string;
  /**
   * Read DMs in `messages()` and `listen()`. Turn off for an app whose access tier cannot read DMs
   * (X then refuses every DM read), so mentions still flow. Sending DMs is not affected.
   * @default true
   */
  directMessages?: boolean;
}

export interface NormalizedTwitterOptions extends NormalizedCommonOptions {
  accessToken: Secret | undefined;
  oauth1: OAuth1Credentials | undefined;
  consumerSecret: string | undefined;
  userId: string | undefined;
  baseUrl: string;
  directMessages: boolean;
}

// X polls: mentions allow 300 requests per 15 minutes per user (one per 3 s); DM reads pace themselves.
const DEFAULT_POLL_INTERVAL_MS = 15_000;

const schema = z
  .strictObject({
    ...commonOptionsShape,
    accessToken: z.optional(secretSchema),
    oauth1: z.optional(z.strictObject({ consumerKey: nonEmptyString(), consumerSecret: nonEmptyString(), accessToken: nonEmptyString(), accessTokenSecret: nonEmptyString() })),
    consumerSecret: z.optional(nonEmptyString()),
    userId: z.optional(matching(/^\d+$/)),
    baseUrl: z.optional(httpUrlSchema),
    directMessages: z.optional(flag()),
  })
  .check(
    z.refine((options) => options.accessToken !== undefined || options.oauth1 !== undefined, {
      message: 'give accessToken or oauth1',
      path: ['accessToken'],
    }),
  );

export function normalizeTwitterOptions(options: TwitterOptions): NormalizedTwitterOptions {
  const parsed = parseOptions('twitter', schema, options ?? {});
  return {
    ...normalizeCommonOptions(parsed, { pollIntervalMs: DEFAULT_POLL_INTERVAL_MS }),
    accessToken: parsed.accessToken,
    oauth1: parsed.oauth1,
    consumerSecret: parsed.consumerSecret,
    userId: parsed.userId,
    baseUrl: withoutTrailingSlash(parsed.baseUrl ?? 'https://api.x.com'),
    directMessages: parsed.directMessages ?? true,
  };
}
