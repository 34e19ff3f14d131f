/**
 * The buckets an Instagram call counts against. Graph reports the app's usage (`X-App-Usage`) and the
 * business use cases (`X-Business-Use-Case-Usage`: `instagram` for the Instagram Graph API, keyed by the
 * IG user id; `messenger` for Instagram Messaging, keyed by the Page), read by src/meta/meta-usage.ts.
 * Two limits are documented but never reported, so they are windows kept in the store (quotaWindow):
 * the Conversations API's 2 calls per second per account
 * (https://developers.facebook.com/docs/messenger-platform/instagram/features/conversations-api#limitations)
 * and 750 private replies per hour (https://developers.facebook.com/docs/messenger-platform/instagram/features/private-replies).
 */
import type { AdapterContext } from '../core/adapter-context.js';
import type { QuotaWindow } from '../core/http/platform-http.js';
import { BUCKETS } from '../meta/meta-usage.js';

export const INSTAGRAM = [BUCKETS.app, BUCKETS.instagram];
export const MESSAGING = [BUCKETS.app, BUCKETS.messenger];
export const CONVERSATIONS = [...MESSAGING, 'conversations'];
export const PRIVATE_REPLIES = [...MESSAGING, 'private_replies'];

const WINDOWS: Record<string, { limit: number; windowMs: number }> = {
  conversations: { limit: 2, windowMs: 1000 },
  private_replies: { limit: 750, windowMs: 60 * 60 * 1000 },
};

/** Windows aligned to the clock, so every process sharing the store computes the same one. */
export function instagramQuotaWindows(context: AdapterContext) {
  const byName = new Map(Object.entries(WINDOWS).map(([name, rule]) => [context.bucketName(name), rule]));
  return (bucket: string, now: number): QuotaWindow | undefined => {
    const rule = byName.get(bucket);
    if (!rule) return undefined;
    return { limit: rule.limit, resetAt: new Date(Math.floor(now / rule.windowMs) * rule.windowMs + rule.windowMs) };
  };
}
