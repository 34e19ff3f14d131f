/** The options of `twitter()`, validated once with zod and normalized. */
import * as z from 'zod/mini';
import {
  atLeast,
  atMost,
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
import { oauth2RefreshSchema, withTokenUrl } from '../core/oauth2/oauth2-options.js';
import type { OAuth2Refresh } from '../core/oauth2/token-keeper.js';
import type { OAuth1Credentials } from './twitter-oauth1.js';

export interface TwitterOptions extends CommonOptions {
  /** OAuth 2.0 user-context token (or an app-only bearer: read-only). A function is called per request, so a refreshed token is picked up. */
  accessToken?: Secret;
  /** OAuth 1.0a user context; signed with HMAC-SHA1 per request. */
  oauth1?: OAuth1Credentials;
  /**
   * OAuth 2.0 user context that lasts: the channel refreshes the access token (X's expire after two
   * hours) and keeps the current set in its store, shared by every process. Needs the `offline.access`
   * scope. `tokenUrl` defaults to `<baseUrl>/2/oauth2/token`.
   */
  oauth2?: OAuth2Refresh;
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
  /**
   * The account is Premium and may post long posts: `capabilities.maxTextLength` and the draft check
   * allow 25,000 weighted characters instead of 280. Long posts are read whole either way (`note_tweet`).
   * @default false
   */
  longPosts?: boolean;
  /**
   * The day of the month (1–31) your plan's post cap resets: the developer portal shows it, and
   * `cap_reset_day` of `GET /2/usage/tweets` (an app-only bearer token) gives it. A spent monthly cap is a
   * `RateLimitError` whose `resetAt` is that day; without it, the next midnight UTC (listen() then tries
   * once a day until the cap has reset).
   */
  capResetDay?: number;
}

export interface NormalizedTwitterOptions extends NormalizedCommonOptions {
  accessToken: Secret | undefined;
  oauth1: OAuth1Credentials | undefined;
  oauth2: (OAuth2Refresh & { tokenUrl: string }) | undefined;
  consumerSecret: string | undefined;
  userId: string | undefined;
  baseUrl: string;
  directMessages: boolean;
  longPosts: boolean;
  capResetDay: number | undefined;
}

// X polls: mentions allow 300 requests per 15 minutes per user (one per 3 s); DM reads pace themselves.
const DEFAULT_POLL_INTERVAL_MS = 15_000;

const schema = z
  .strictObject({
    ...commonOptionsShape,
    accessToken: z.optional(secretSchema),
    oauth1: z.optional(z.strictObject({ consumerKey: nonEmptyString(), consumerSecret: nonEmptyString(), accessToken: nonEmptyString(), accessTokenSecret: nonEmptyString() })),
    oauth2: z.optional(oauth2RefreshSchema),
    consumerSecret: z.optional(nonEmptyString()),
    userId: z.optional(matching(/^\d+$/)),
    baseUrl: z.optional(httpUrlSchema),
    directMessages: z.optional(flag()),
    longPosts: z.optional(flag()),
    capResetDay: z.optional(z.number().check(z.refine<number>(Number.isInteger, 'expected int'), atLeast(1), atMost(31))),
  })
  .check(
    z.refine((options) => options.accessToken !== undefined || options.oauth1 !== undefined || options.oauth2 !== undefined, {
      message: 'give accessToken, oauth1 or oauth2',
      path: ['accessToken'],
    }),
    z.refine((options) => options.accessToken === undefined || options.oauth2 === undefined, {
      message: 'give accessToken or oauth2, not both: with oauth2 the channel keeps the access token itself',
      path: ['oauth2'],
    }),
  );

export function normalizeTwitterOptions(options: TwitterOptions): NormalizedTwitterOptions {
  const parsed = parseOptions('twitter', schema, options ?? {});
  const baseUrl = withoutTrailingSlash(parsed.baseUrl ?? 'https://api.x.com');
  return {
    ...normalizeCommonOptions(parsed, { pollIntervalMs: DEFAULT_POLL_INTERVAL_MS }),
    accessToken: parsed.accessToken,
    oauth1: parsed.oauth1,
    // https://docs.x.com/fundamentals/authentication/oauth-2-0/authorization-code: POST /2/oauth2/token on the API's origin.
    oauth2: parsed.oauth2 ? withTokenUrl(parsed.oauth2, `${baseUrl}/2/oauth2/token`) : undefined,
    consumerSecret: parsed.consumerSecret,
    userId: parsed.userId,
    baseUrl,
    directMessages: parsed.directMessages ?? true,
    longPosts: parsed.longPosts ?? false,
    capResetDay: parsed.capResetDay,
  };
}
