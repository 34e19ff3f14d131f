/**
 * YouTube's quota: units per project per day, reset at midnight Pacific time, and no header says what
 * is left (https://developers.google.com/youtube/v3/getting-started#quota). A list costs 1 unit, an
 * insert 50 (https://developers.google.com/youtube/v3/determine_quota_cost). The units are a bucket in
 * the store, so processes sharing a store share the day; listen() spends from a second, smaller bucket
 * too, so polls never take more than their share of the day.
 */
import type { AdapterContext } from '../core/adapter-context.js';

export const UNITS_BUCKET = 'units';
export const LISTEN_BUCKET = 'listen units';
export const UNIT_COST = { list: 1, insert: 50 } as const;

const PACIFIC = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** How far Pacific wall-clock time is from UTC at `instant` (negative: -7 h in summer, -8 h in winter). */
function pacificOffsetMs(instant: number): number {
  const parts = Object.fromEntries(PACIFIC.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]));
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The next midnight in America/Los_Angeles after `now`, daylight saving time included. */
export function nextPacificMidnight(now: Date = new Date()): Date {
  const offset = pacificOffsetMs(now.getTime());
  const wall = new Date(now.getTime() + offset);
  const midnightWall = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate() + 1);
  // The offset at midnight may differ from now's (the day DST starts or ends): take the offset there.
  let instant = midnightWall - offset;
  instant = midnightWall - pacificOffsetMs(instant);
  return new Date(instant);
}

/**
 * The day's window of each unit bucket (PlatformHttp.quotaWindow): every process computes the same
 * midnight, so the store merges their reports into one count.
 */
export function unitWindows(context: AdapterContext, dailyQuota: number, listenShare: number) {
  const limits = new Map([
    [context.bucketName(UNITS_BUCKET), dailyQuota],
    [context.bucketName(LISTEN_BUCKET), Math.max(1, Math.floor(dailyQuota * listenShare))],
  ]);
  return (bucket: string, now: number) => {
    const limit = limits.get(bucket);
    return limit === undefined ? undefined : { limit, resetAt: nextPacificMidnight(new Date(now)) };
  };
}
