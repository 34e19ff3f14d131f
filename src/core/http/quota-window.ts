/**
 * Limits a platform documents but does not report in headers (PlatformHttp.quotaWindow). When this
 * process knows of no window or wait still running for a bucket, the current window is merged into the
 * shared bucket: a bucket nobody counted yet starts full, one other processes already spend from keeps
 * the lower count (the store merges a report of the same window so), and a new window starts full.
 * A wait the platform imposed (a "too fast" error) runs out first; the window is merged again after it.
 */
import type { ChannelContext } from '../context.js';
import type { PlatformHttp } from './platform-http.js';
import type { Quota } from './quota.js';

export async function openQuotaWindows(context: ChannelContext, quota: Quota, platform: PlatformHttp, buckets: readonly string[]): Promise<void> {
  if (!platform.quotaWindow) return;
  const now = Date.now();
  for (const bucket of buckets) {
    const running = context.rateLimits.get(bucket)?.resetAt;
    if (running && running.getTime() > now) continue;
    const window = platform.quotaWindow(bucket, now);
    if (window) await quota.report({ bucket, limit: window.limit, remaining: window.limit, resetAt: window.resetAt });
  }
}
