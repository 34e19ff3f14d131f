/**
 * Discourse webhooks: `X-Discourse-Event-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`
 * checked in constant time, pings answered, `post_created` events fed into listen()
 * (https://meta.discourse.org/t/configure-webhooks-that-trigger-on-discourse-events-to-integrate-with-external-services/49045).
 */
import { parseJson } from '../core/json.js';
import type { PushedItem } from '../core/listen/push-queue.js';
import { verifyWebhookSignature } from '../core/webhook-signature.js';
import type { DiscourseApi } from './discourse-api.js';
import { SOURCES } from './discourse-listen.js';
import { postSchema } from './discourse-schemas.js';
import { isRegularPost, normalizePost } from './normalize-post.js';
import type { TopicFacts } from './discourse-topics.js';
import { addressedTo, seen, type View } from './discourse-view.js';

export interface WebhookView {
  view: View;
  facts: TopicFacts;
  only: 'all' | 'mentions';
}

export function createDiscourseWebhook(secret: string, api: DiscourseApi, push: (item: PushedItem) => void, { view, facts, only }: WebhookView) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'POST') return new Response(null, { status: 405, headers: { allow: 'POST' } });
    const verified = await verifyWebhookSignature(request, { header: 'x-discourse-event-signature', secret, encoding: 'hex', prefix: 'sha256=' });
    if (!verified.ok) return verified.response;
    if (request.headers.get('x-discourse-event') !== 'post_created') return new Response(null, { status: 200 }); // pings and other events
    const body = parseJson(verified.text);
    if (body === undefined) return Response.json({ error: 'not JSON' }, { status: 400 });
    const post = postSchema.safeParse((body as { post?: unknown } | null)?.post);
    if (!post.success) return Response.json({ error: 'not a post event' }, { status: 400 });
    // Small actions and whispers come as post_created too (every PostCreator post): acknowledged, not delivered.
    if (!isRegularPost(post.data)) return new Response(null, { status: 200 });
    // What listen would see of it: in view, with its parent's id; in 'mentions' mode only what addresses the account.
    const [message] = await seen([await normalizePost(post.data, api.context())], view, facts);
    if (!message) return new Response(null, { status: 200 });
    if (message.kind !== 'direct' && only === 'mentions') {
      if (!(await addressedTo(message, api.context().apiUsername, facts))) return new Response(null, { status: 200 });
      push({ message, position: message.id, source: SOURCES.mentions });
      return new Response(null, { status: 200 });
    }
    push({ message, position: message.id, source: message.kind === 'direct' ? SOURCES.private : SOURCES.posts });
    return new Response(null, { status: 200 });
  };
}
