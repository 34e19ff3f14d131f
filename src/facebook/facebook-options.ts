/** The options of `facebook()`, validated once with zod and normalized. */
import * as z from 'zod/mini';
import {
  commonOptionsShape,
  flag,
  httpUrlSchema,
  integer,
  matching,
  positive,
  nonEmptyString,
  normalizeCommonOptions,
  parseOptions,
  secretSchema,
  withoutTrailingSlash,
  type CommonOptions,
  type NormalizedCommonOptions,
  type Secret,
} from '../core/options.js';
import { GRAPH_ORIGIN, LATEST_GRAPH_VERSION, graphBaseUrl, graphVersionSchema } from '../meta/meta-graph-version.js';

export interface FacebookOptions extends CommonOptions {
  /** The Page's id: its posts are `send()`'s, its comments and Messenger conversations are read. */
  pageId: string;
  /** A Page access token. A function is called per request, so a refreshed token is picked up. */
  pageAccessToken: Secret;
  /** The app secret: `appsecret_proof` on every call, and the `X-Hub-Signature-256` check of webhooks. */
  appSecret?: string;
  /** The token you typed in the app's webhook settings: answers the `hub.challenge` handshake. */
  verifyToken?: string;
  /** The Graph API version of every call. @default 'v26.0' */
  apiVersion?: string;
  /** Origin of the API (a proxy or the sandbox). @default 'https://graph.facebook.com' */
  baseUrl?: string;
  /**
   * How many people the Page can message on Messenger: Graph allows 200 calls × this per 24 hours, and
   * listen() polls conversations with half of it. @default those who wrote in the last 24 hours, as the conversations show (at least 1)
   */
  messengerPeople?: number;
  /**
   * Messenger answers are written by a person: sent with `messaging_type: MESSAGE_TAG`, `tag: HUMAN_AGENT`,
   * which reaches the person up to 7 days after their last message instead of 24 hours. Meta allows it only
   * for replies a human agent wrote, never for automated ones. @default false
   */
  humanAgent?: boolean;
}

export interface NormalizedFacebookOptions extends NormalizedCommonOptions {
  pageId: string;
  pageAccessToken: Secret;
  appSecret: string | undefined;
  verifyToken: string | undefined;
  apiVersion: string;
  /** The origin with the version, e.g. "https://graph.facebook.com/v26.0". */
  baseUrl: string;
  messengerPeople: number | undefined;
  humanAgent: boolean;
}

export const DEFAULT_API_VERSION = LATEST_GRAPH_VERSION;

// Two sources (comments, Messenger), one read each per poll: 240 calls per hour, far below the
// Pages limit of 4800 calls per engaged user per 24 hours (https://developers.facebook.com/docs/graph-api/overview/rate-limiting/).
const DEFAULT_POLL_INTERVAL_MS = 30_000;

const schema = z.strictObject({
  ...commonOptionsShape,
  pageId: matching(/^\d+$/),
  pageAccessToken: secretSchema,
  appSecret: z.optional(nonEmptyString()),
  verifyToken: z.optional(nonEmptyString()),
  apiVersion: z.optional(graphVersionSchema),
  baseUrl: z.optional(httpUrlSchema),
  messengerPeople: z.optional(z.number().check(...integer(), positive())),
  humanAgent: z.optional(flag()),
});

export function normalizeFacebookOptions(options: FacebookOptions): NormalizedFacebookOptions {
  const parsed = parseOptions('facebook', schema, options ?? {});
  const origin = withoutTrailingSlash(parsed.baseUrl ?? GRAPH_ORIGIN);
  const apiVersion = parsed.apiVersion ?? DEFAULT_API_VERSION;
  return {
    ...normalizeCommonOptions(parsed, { pollIntervalMs: DEFAULT_POLL_INTERVAL_MS }),
    pageId: parsed.pageId,
    pageAccessToken: parsed.pageAccessToken,
    appSecret: parsed.appSecret,
    verifyToken: parsed.verifyToken,
    apiVersion,
    baseUrl: graphBaseUrl(origin, apiVersion),
    messengerPeople: parsed.messengerPeople,
    humanAgent: parsed.humanAgent ?? false,
  };
}
