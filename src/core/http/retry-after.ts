/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * When a refused call may go again on a platform that counts in clock-aligned windows (a minute, five
 * minutes): `Retry-After` when the answer has one, else the end of the window `now` falls in.
 */
export function retryAtOrWindowEnd(headers: Headers, windowMs: number, now = Date.now()): Date {
  const wait = retryAfterMs(headers, now);
  return wait !== undefined ? new Date(now + wait) : new Date((Math.floor(now / windowMs) + 1) * windowMs);
}
