/**
 * Trustpilot's webhook deliveries (`{ events: [{ eventName, version, eventData }] }`, support.trustpilot.com
 * "How to set up Trustpilot Webhooks"). Trustpilot documents no signature for them, so the subscription URL
 * carries a shared secret: as one of its path segments (https://bot.example/trustpilot/<secret>) or as the
 * password of its userinfo (https://trustpilot:<secret>@bot.example/hook, sent as HTTP Basic). Anything else
 * is a 401. The answer comes at once; nothing is fetched before it.
 */
import type { PushedItem } from '../core/listen/push-queue.js';
import { parseJson } from '../core/json.js';
import { EDITS_SOURCE, position, REVIEWS_SOURCE } from './trustpilot-listen.js';
import { normalizeReview, type ReviewContext } from './normalize-review.js';
import { webhookBodySchema } from './trustpilot-schemas.js';

export function createTrustpilotWebhook(secret: string, context: ReviewContext, push: (item: PushedItem) => void) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'POST') return new Response('method not allowed', { status: 405 });
    if (!carriesSecret(request, secret)) return new Response('unauthorized', { status: 401 });
    const parsed = webhookBodySchema.safeParse(parseJson(await request.text()));
    if (!parsed.success) return new Response('not a Trustpilot webhook delivery', { status: 400 });
    for (const event of parsed.data.events) {
      const data = event.eventData;
      if (event.eventName === 'service-review-deleted' || data.stars == null || !data.createdAt) continue; // a deletion is never a message
      const message = normalizeReview({ ...data, stars: data.stars, createdAt: data.createdAt }, event, context);
      if (event.eventName === 'service-review-created') push({ message, position: position(data.createdAt, data.id), source: REVIEWS_SOURCE });
      else if (event.eventName === 'service-review-updated') {
        const editedAt = data.updatedAt ?? new Date().toISOString();
        message.editedAt = new Date(editedAt);
        push({ message, position: position(editedAt, data.id), source: EDITS_SOURCE });
      }
    }
    return new Response(null, { status: 200 });
  };
}

function carriesSecret(request: Request, secret: string): boolean {
  const segments = new URL(request.url).pathname.split('/').map((segment) => safeDecode(segment));
  if (segments.some((segment) => equal(segment, secret))) return true;
  const basic = /^Basic (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (!basic) return false;
  const decoded = safeAtob(basic);
  return decoded !== undefined && equal(decoded.slice(decoded.indexOf(':') + 1), secret);
}

/** Compares in time independent of where the strings differ. */
function equal(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function safeAtob(value: string): string | undefined {
  try {
    return atob(value);
  } catch {
    return undefined;
  }
}
