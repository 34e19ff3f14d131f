/**
 * A WordPress site's own clock (Settings → General → Timezone). WordPress keeps each comment's date
 * twice, `comment_date` in the site's zone and `comment_date_gmt`, and the REST `after`/`before`
 * parameters filter on the local one (WP_Comment_Query builds its date query on `comment_date`;
 * WP_Date_Query::build_mysql_datetime turns a date with a zone into the site's zone, and takes one
 * without a zone as the site's). Around a change back from summer time, local dates repeat an hour.
 */

/** The wall-clock time in `timeZone` of an instant, as milliseconds of a UTC date showing the same digits. */
export function wallClockMs(epochMs: number, timeZone: string): number {
  if (timeZone === 'UTC') return epochMs;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((candidate) => candidate.type === type)!.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) + (epochMs % 1000);
}
