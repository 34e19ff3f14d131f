/** The options of `wordpress()`, validated once with zod and normalized. */
import * as z from 'zod/mini';
import {
  commonOptionsShape,
  flag,
  httpUrlSchema,
  nonEmptyString,
  normalizeCommonOptions,
  parseOptions,
  secretSchema,
  withoutTrailingSlash,
  type CommonOptions,
  type NormalizedCommonOptions,
  type Secret,
} from '../core/options.js';

export interface WordpressOptions extends CommonOptions {
  /** The site's address, e.g. 'https://blog.example.com' (the REST API is under /wp-json). HTTPS, or http on 127.0.0.1/localhost. */
  baseUrl: string;
  /** The WordPress user the Application Password belongs to (its login name). */
  username: string;
  /**
   * An Application Password of that user (Users → Profile → Application Passwords), spaces allowed.
   * A function is called per request, and once more after a refusal, so a rotated password is picked up.
   */
  applicationPassword: Secret;
  /**
   * Also deliver comments held for moderation (`status=hold`), with `raw.status` 'hold'. The user needs
   * the `edit_posts` capability (Author and above) to read them.
   * @default false
   */
  moderation?: boolean;
}

export interface NormalizedWordpressOptions extends NormalizedCommonOptions {
  baseUrl: string;
  username: string;
  applicationPassword: Secret;
  moderation: boolean;
}

// WordPress has no REST rate limit of its own; a poll every 30 s is gentle on a shared host.
const DEFAULT_POLL_INTERVAL_MS = 30_000;

/**
 * WordPress accepts Application Passwords only over HTTPS, or on a local site
 * (wp_is_application_passwords_available / wp_authenticate_application_password): refused here before any request.
 */
const siteUrlSchema = httpUrlSchema.check(
  z.refine((value) => {
    const url = URL.canParse(value) ? new URL(value) : undefined; // not a URL: httpUrlSchema says so
    return url === undefined || url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  }, 'expected an https URL (Application Passwords are sent only over HTTPS, or to 127.0.0.1/localhost)'),
);

const schema = z.strictObject({
  ...commonOptionsShape,
  baseUrl: siteUrlSchema,
  username: nonEmptyString(),
  applicationPassword: secretSchema,
  moderation: z.optional(flag()),
});

export function normalizeWordpressOptions(options: WordpressOptions): NormalizedWordpressOptions {
  const parsed = parseOptions('wordpress', schema, options ?? {});
  return {
    ...normalizeCommonOptions(parsed, { pollIntervalMs: DEFAULT_POLL_INTERVAL_MS }),
    baseUrl: withoutTrailingSlash(parsed.baseUrl),
    username: parsed.username,
    applicationPassword: parsed.applicationPassword,
    moderation: parsed.moderation ?? false,
  };
}
