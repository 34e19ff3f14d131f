/** The options of `discourse()`, validated once with zod and normalized. */
import * as z from 'zod/mini';
import {
  atLeast,
  commonOptionsShape,
  httpUrlSchema,
  integer,
  nonEmptyString,
  normalizeCommonOptions,
  oneOf,
  parseOptions,
  positive,
  secretSchema,
  withoutTrailingSlash,
  type CommonOptions,
  type NormalizedCommonOptions,
  type Secret,
} from '../core/options.js';
import { DEFAULT_LENGTHS, type DiscourseLengths } from './discourse-lengths.js';

export interface DiscourseOptions extends CommonOptions {
  /** The forum's origin, e.g. 'https://forum.example.com'. */
  baseUrl: string;
  /** An admin or user-scoped API key (`Api-Key`). A function is called per request, so a rotated key is picked up. */
  apiKey: Secret;
  /** The account that posts (`Api-Username`); its posts are `isSelf`. */
  apiUsername: string;
  /** Checks `X-Discourse-Event-Signature` and turns on `channel.webhook`. */
  webhookSecret?: string;
  /** The category id where `send()` opens new topics. */
  category?: number;
  /**
   * The forum's length rules, when the key may not read them or to override them: otherwise read from
   * the site (`/site/settings.json`) once, with Discourse's defaults where the key may not.
   */
  lengths?: Partial<DiscourseLengths>;
  /**
   * Group inboxes (group names) whose messages the channel reads, on servers without `/private-posts.json`
   * (before 2024); newer servers give the groups' messages with the account's own.
   */
  groups?: string[];
  /** listen() sees only public posts in these categories (ids). Private messages always pass. */
  categories?: number[];
  /** listen() sees only public posts in topics with one of these tags. */
  tags?: string[];
  /**
   * 'mentions': listen() sees only posts that mention the account (or one of its groups), reply to it or
   * quote it (/notifications.json), and private messages to it; 'all' (the default): every new post.
   */
  only?: 'all' | 'mentions';
}

export interface NormalizedDiscourseOptions extends NormalizedCommonOptions {
  baseUrl: string;
  apiKey: Secret;
  apiUsername: string;
  webhookSecret: string | undefined;
  category: number | undefined;
  lengths: Partial<DiscourseLengths>;
  groups: string[];
  categories: number[];
  tags: string[];
  only: 'all' | 'mentions';
}

// Admin API keys allow 60 requests a minute: a poll every 10 s leaves room for answers.
const DEFAULT_POLL_INTERVAL_MS = 10_000;

const schema = z.strictObject({
  ...commonOptionsShape,
  baseUrl: httpUrlSchema,
  apiKey: secretSchema,
  apiUsername: nonEmptyString(),
  webhookSecret: z.optional(nonEmptyString()),
  category: z.optional(z.number().check(...integer(), positive())),
  groups: z.optional(z.array(nonEmptyString())),
  categories: z.optional(z.array(z.number().check(...integer(), positive()))),
  tags: z.optional(z.array(nonEmptyString())),
  only: z.optional(oneOf(['all', 'mentions'])),
  lengths: z.optional(z.strictObject(Object.fromEntries(Object.keys(DEFAULT_LENGTHS).map((key) => [key, z.optional(z.number().check(...integer(), atLeast(0)))])) as Record<keyof DiscourseLengths, z.ZodMiniOptional<z.ZodMiniNumber>>)),
});

export function normalizeDiscourseOptions(options: DiscourseOptions): NormalizedDiscourseOptions {
  const parsed = parseOptions('discourse', schema, options ?? {});
  return {
    ...normalizeCommonOptions(parsed, { pollIntervalMs: DEFAULT_POLL_INTERVAL_MS }),
    baseUrl: withoutTrailingSlash(parsed.baseUrl),
    apiKey: parsed.apiKey,
    apiUsername: parsed.apiUsername,
    webhookSecret: parsed.webhookSecret,
    category: parsed.category,
    lengths: { ...parsed.lengths },
    groups: parsed.groups ?? [],
    categories: parsed.categories ?? [],
    tags: parsed.tags ?? [],
    only: parsed.only ?? 'all',
  };
}
