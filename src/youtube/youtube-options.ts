/** The options of `youtube()`, validated once with zod and normalized. */
import * as z from 'zod/mini';
import { oauth2RefreshSchema, withTokenUrl } from '../core/oauth2/oauth2-options.js';
import type { OAuth2Refresh } from '../core/oauth2/token-keeper.js';
import {
  commonOptionsShape,
  flag,
  httpUrlSchema,
  integer,
  matching,
  normalizeCommonOptions,
  parseOptions,
  secretSchema,
  withoutTrailingSlash,
  type CommonOptions,
  type NormalizedCommonOptions,
  type Secret,
} from '../core/options.js';

export interface YouTubeOptions extends CommonOptions {
  /** The channel whose videos' comments are read and answered ("UC" and 22 more characters). */
  channelId: string;
  /** An OAuth 2.0 access token with the `youtube.force-ssl` scope. A function is called per request, so a refreshed token is picked up. */
  accessToken?: Secret;
  /**
   * OAuth 2.0 that lasts: the channel refreshes the access token (Google's live one hour) and keeps the
   * current set in its store. `tokenUrl` defaults to https://oauth2.googleapis.com/token.
   */
  oauth2?: OAuth2Refresh;
  /** Origin of the API (a proxy or the sandbox). @default 'https://www.googleapis.com' */
  baseUrl?: string;
  /**
   * The Google Cloud project whose quota the channel spends (its id or any name you give it). Quota is
   * counted per project: channels naming the same project in one store share its units and its listen share.
   * @default the channel's own buckets
   */
  project?: string;
  /** The project's daily quota in units (Google grants 10,000 unless you asked for more). @default 10000 */
  dailyQuota?: number;
  /**
   * The share of the daily quota listen() may spend (0 to 1], the rest is left for replies (50 units
   * each) and your own calls. It sets the default poll interval and caps what polls spend a day.
   * @default 0.5
   */
  listenShare?: number;
  /**
   * Also deliver comments held for review (`moderationStatus=heldForReview`; the channel's "hold
   * potentially inappropriate comments" setting), with `raw.snippet.moderationStatus`
   * 'heldForReview'. Without it, a held comment approved later is not delivered: it keeps its first time,
   * behind the cursor by then. A second source, so each poll reads twice (the default interval doubles).
   * @default false
   */
  moderation?: boolean;
}

export interface NormalizedYouTubeOptions extends NormalizedCommonOptions {
  channelId: string;
  accessToken: Secret | undefined;
  oauth2: (OAuth2Refresh & { tokenUrl: string }) | undefined;
  baseUrl: string;
  dailyQuota: number;
  listenShare: number;
  project: string | undefined;
  moderation: boolean;
}

// https://developers.google.com/youtube/v3/getting-started#quota: 10,000 units a day by default.
export const DEFAULT_DAILY_QUOTA = 10_000;
const DEFAULT_LISTEN_SHARE = 0.5;
const DAY_MS = 24 * 60 * 60 * 1000;
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

const schema = z
  .strictObject({
    ...commonOptionsShape,
    channelId: matching(/^UC[\w-]{22}$/),
    accessToken: z.optional(secretSchema),
    oauth2: z.optional(oauth2RefreshSchema),
    baseUrl: z.optional(httpUrlSchema),
    dailyQuota: z.optional(z.number().check(...integer(), z.minimum(100))),
    listenShare: z.optional(z.number().check(z.gt(0), z.lte(1))),
    project: z.optional(matching(/^[\w.:-]+$/)),
    moderation: z.optional(flag()),
  })
  .check(
    z.refine((options) => options.accessToken !== undefined || options.oauth2 !== undefined, { message: 'give accessToken or oauth2', path: ['accessToken'] }),
    z.refine((options) => options.accessToken === undefined || options.oauth2 === undefined, {
      message: 'give accessToken or oauth2, not both: with oauth2 the channel keeps the access token itself',
      path: ['oauth2'],
    }),
  );

export function normalizeYouTubeOptions(options: YouTubeOptions): NormalizedYouTubeOptions {
  const parsed = parseOptions('youtube', schema, options ?? {});
  const dailyQuota = parsed.dailyQuota ?? DEFAULT_DAILY_QUOTA;
  const listenShare = parsed.listenShare ?? DEFAULT_LISTEN_SHARE;
  return {
    // A poll of each source costs at least one unit: one round per (day / units listen may spend) keeps to the share.
    ...normalizeCommonOptions(parsed, { pollIntervalMs: Math.ceil(DAY_MS / (dailyQuota * listenShare)) * (parsed.moderation ? 2 : 1) }),
    channelId: parsed.channelId,
    accessToken: parsed.accessToken,
    oauth2: parsed.oauth2 ? withTokenUrl(parsed.oauth2, GOOGLE_TOKEN_URL) : undefined,
    baseUrl: withoutTrailingSlash(parsed.baseUrl ?? 'https://www.googleapis.com'),
    dailyQuota,
    listenShare,
    project: parsed.project,
    moderation: parsed.moderation ?? false,
  };
}
