/** The options of `instagram()`, validated once with zod and normalized. */
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
  type CommonOptions,
  type NormalizedCommonOptions,
  type Secret,
} from '../core/options.js';
import { GRAPH_ORIGIN, graphBaseUrl, graphVersionSchema, LATEST_GRAPH_VERSION } from '../meta/meta-graph-version.js';

export interface InstagramOptions extends CommonOptions {
  /** The Facebook Page the Instagram professional account is linked to: Instagram Direct goes through it. */
  pageId: string;
  /** The IG user id of the Instagram professional account (`GET /{page-id}?fields=instagram_business_account`). */
  instagramAccountId: string;
  /** A Page access token with the Instagram permissions. A function is called per request, so a refreshed token is picked up. */
  pageAccessToken: Secret;
  /** The app secret: `appsecret_proof` on every call, and the `X-Hub-Signature-256` check of webhooks. */
  appSecret?: string;
  /** The token you typed in the app's webhook settings: answers the `hub.challenge` handshake. */
  verifyToken?: string;
  /** The Graph API version of every call; Graph answering with another (it was retired) is one 'error' event. @default 'v26.0', the latest */
  apiVersion?: string;
  /**
   * Outside the 24-hour window after a person's last Direct message, answer with `MESSAGE_TAG` `HUMAN_AGENT`
   * (up to 7 days). Only for answers a person wrote: Meta's policy for the tag. @default false
   */
  humanAgent?: boolean;
  /** Origin of the API (a proxy or the sandbox). @default 'https://graph.facebook.com' */
  baseUrl?: string;
}

export interface NormalizedInstagramOptions extends NormalizedCommonOptions {
  pageId: string;
  instagramAccountId: string;
  pageAccessToken: Secret;
  appSecret: string | undefined;
  verifyToken: string | undefined;
  apiVersion: string;
  humanAgent: boolean;
  /** The origin with the version, e.g. "https://graph.facebook.com/v26.0". */
  baseUrl: string;
}

// Three sources (comments, mentions, Direct), one or two reads each per poll: about 360 calls an hour,
// far inside the Instagram business use case (4800 × impressions per 24 h,
// https://developers.facebook.com/docs/graph-api/overview/rate-limiting/#instagram-graph-api).
const DEFAULT_POLL_INTERVAL_MS = 30_000;

const schema = z.strictObject({
  ...commonOptionsShape,
  pageId: matching(/^\d+$/),
  instagramAccountId: matching(/^\d+$/),
  pageAccessToken: secretSchema,
  appSecret: z.optional(nonEmptyString()),
  verifyToken: z.optional(nonEmptyString()),
  apiVersion: z.optional(graphVersionSchema),
  humanAgent: z.optional(flag()),
  baseUrl: z.optional(httpUrlSchema),
});

export function normalizeInstagramOptions(options: InstagramOptions): NormalizedInstagramOptions {
  const parsed = parseOptions('instagram', schema, options ?? {});
  const apiVersion = parsed.apiVersion ?? LATEST_GRAPH_VERSION;
  return {
    ...normalizeCommonOptions(parsed, { pollIntervalMs: DEFAULT_POLL_INTERVAL_MS }),
    pageId: parsed.pageId,
    instagramAccountId: parsed.instagramAccountId,
    pageAccessToken: parsed.pageAccessToken,
    appSecret: parsed.appSecret,
    verifyToken: parsed.verifyToken,
    apiVersion,
    humanAgent: parsed.humanAgent ?? false,
    baseUrl: graphBaseUrl(parsed.baseUrl ?? GRAPH_ORIGIN, apiVersion),
  };
}
