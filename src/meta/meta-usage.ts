/**
 * Graph's usage headers (the same for Facebook Pages and Instagram, one Meta app) into RateLimitStates (https://developers.facebook.com/docs/graph-api/overview/rate-limiting/):
 * - `X-App-Usage` and `X-Page-Usage`: JSON `{ call_count, total_cputime, total_time }`, each a
 *   PERCENTAGE of the app's (or Page's) allowance in a rolling window;
 * - `X-Business-Use-Case-Usage`: JSON keyed by business (here: Page) id, an array of
 *   `{ type, call_count, total_cputime, total_time, estimated_time_to_regain_access }`, the last in MINUTES.
 *
 * Graph gives no count of calls left, only how full the allowance is, so the rule is ours:
 * - below 90 % of any of the three measures, the bucket stays open (nothing to pace by);
 * - at 90 % or more, the bucket is marked spent until Graph's `estimated_time_to_regain_access`
 *   when it gives one, else for one minute per percentage point from 89 % (1 min at 90 %,
 *   6 min at 95 %, 11 min at 100 %): about what an evenly spread rolling hour drops per minute.
 * So the channel slows down BEFORE Graph throttles it (at 100 %, with error codes 4/17/32/613/80001+).
 */
import type { RateLimitState } from '../core/channel.js';
import type { AdapterContext } from '../core/adapter-context.js';
import { parseJson } from '../core/json.js';

/** A state with Graph's own reading beside it: the highest of call_count, total_cputime, total_time. */
export interface MetaRateLimitState extends RateLimitState {
  /** Percent of the allowance used, as Graph reported it. */
  usage: number;
}

export const SLOW_DOWN_AT = 90;
const PAUSE_PER_POINT_MS = 60_000;

/** Buckets every request reserves, by the allowance it counts against (a business use case's bucket is its `type`). */
export const BUCKETS = {
  /** X-App-Usage: every call of the app. */
  app: 'app',
  /** X-Page-Usage and the `pages` business use case: feed, posts, comments. */
  pages: 'pages',
  /** The `messenger` business use case: the Send API and conversations. */
  messenger: 'messenger',
  /** The `instagram` business use case: Instagram Graph calls. */
  instagram: 'instagram',
} as const;

export function createGraphUsageReader(context: AdapterContext) {
  return (headers: Headers): RateLimitState[] => readGraphUsage(headers, context.bucketName.bind(context));
}

export function readGraphUsage(headers: Headers, bucketName: (bucket: string) => string, now = Date.now()): MetaRateLimitState[] {
  const states: MetaRateLimitState[] = [];
  const app = parseUsage(headers.get('x-app-usage'));
  if (app) states.push(toState(bucketName(BUCKETS.app), app, undefined, now));
  const page = parseUsage(headers.get('x-page-usage'));
  if (page) states.push(toState(bucketName(BUCKETS.pages), page, undefined, now));
  for (const entry of parseBusinessUsage(headers.get('x-business-use-case-usage'))) {
    states.push(toState(bucketName(entry.type), entry, entry.regainMinutes, now));
  }
  return states;
}

/** The regain time Graph gives in `X-Business-Use-Case-Usage`, the longest of all use cases, in ms. */
export function regainAccessMs(headers: Headers): number | undefined {
  const minutes = parseBusinessUsage(headers.get('x-business-use-case-usage')).map((entry) => entry.regainMinutes ?? 0);
  const longest = Math.max(0, ...minutes);
  return longest > 0 ? longest * 60_000 : undefined;
}

/** How long to pause at this usage when Graph gives no regain time (see the rule above). */
export function defaultPauseMs(usage: number): number {
  return Math.max(1, usage - SLOW_DOWN_AT + 1) * PAUSE_PER_POINT_MS;
}

interface Usage {
  usage: number;
}

function toState(bucket: string, { usage }: Usage, regainMinutes: number | undefined, now: number): MetaRateLimitState {
  // Below the threshold: no `limit`/`remaining`, so the store keeps the bucket open (a percentage is not a count).
  if (usage < SLOW_DOWN_AT) return { bucket, usage };
  const pauseMs = regainMinutes && regainMinutes > 0 ? regainMinutes * 60_000 : defaultPauseMs(usage);
  return { bucket, usage, remaining: 0, resetAt: new Date(now + pauseMs) };
}

function parseUsage(value: string | null): Usage | undefined {
  const json = parseJson(value);
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  return measure(json as Record<string, unknown>);
}

function parseBusinessUsage(value: string | null): Array<Usage & { type: string; regainMinutes?: number }> {
  const json = parseJson(value);
  if (!json || typeof json !== 'object') return [];
  const entries: Array<Usage & { type: string; regainMinutes?: number }> = [];
  for (const list of Object.values(json as Record<string, unknown>)) {
    for (const item of Array.isArray(list) ? list : []) {
      if (!item || typeof item !== 'object') continue;
      const record = item as Record<string, unknown>;
      const usage = measure(record);
      if (!usage || typeof record.type !== 'string') continue;
      const regain = Number(record.estimated_time_to_regain_access);
      entries.push({ ...usage, type: record.type, ...(Number.isFinite(regain) && regain > 0 ? { regainMinutes: regain } : {}) });
    }
  }
  return entries;
}

function measure(record: Record<string, unknown>): Usage | undefined {
  const values = ['call_count', 'total_cputime', 'total_time'].map((key) => Number(record[key])).filter(Number.isFinite);
  return values.length > 0 ? { usage: Math.max(...values) } : undefined;
}
