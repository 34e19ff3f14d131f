/** The options of `flickr()`, validated once with zod and normalized. */
import * as z from 'zod/mini';
import {
  commonOptionsShape,
  httpUrlSchema,
  matching,
  nonEmptyString,
  normalizeCommonOptions,
  parseOptions,
  withoutTrailingSlash,
  type CommonOptions,
  type NormalizedCommonOptions,
} from '../core/options.js';

/** The app's key and secret, and the account's OAuth 1.0a access token and secret (read and write permission). */
export interface FlickrOAuth1 {
  consumerKey: string;
  consumerSecret: string;
  token: string;
  tokenSecret: string;
}

export interface FlickrOptions extends CommonOptions {
  /** The NSID of the account whose photos are watched and which answers, e.g. '12037949754@N01'. */
  userId: string;
  /** OAuth 1.0a credentials; every request is signed with them (HMAC-SHA1). */
  oauth1: FlickrOAuth1;
  /** Where the REST endpoint lives (`<baseUrl>/rest`). @default 'https://api.flickr.com/services' */
  baseUrl?: string;
}

export interface NormalizedFlickrOptions extends NormalizedCommonOptions {
  userId: string;
  oauth1: FlickrOAuth1;
  baseUrl: string;
}

// A poll reads the photo list and the comments of each updated photo; the key has 3,600 calls an hour
// for every channel on it (https://www.flickr.com/services/developer/api/): once a minute by default.
const DEFAULT_POLL_INTERVAL_MS = 60_000;
const DEFAULT_BASE_URL = 'https://api.flickr.com/services';

const schema = z.strictObject({
  ...commonOptionsShape,
  // An NSID: digits, '@N', two digits (https://www.flickr.com/services/api/misc.urls.html).
  userId: matching(/^\d+@N\d{2}$/),
  oauth1: z.strictObject({
    consumerKey: nonEmptyString(),
    consumerSecret: nonEmptyString(),
    token: nonEmptyString(),
    tokenSecret: nonEmptyString(),
  }),
  baseUrl: z.optional(httpUrlSchema),
});

export function normalizeFlickrOptions(options: FlickrOptions): NormalizedFlickrOptions {
  const parsed = parseOptions('flickr', schema, options ?? {});
  return {
    ...normalizeCommonOptions(parsed, { pollIntervalMs: DEFAULT_POLL_INTERVAL_MS }),
    userId: parsed.userId,
    oauth1: { ...parsed.oauth1 },
    baseUrl: withoutTrailingSlash(parsed.baseUrl ?? DEFAULT_BASE_URL),
  };
}
