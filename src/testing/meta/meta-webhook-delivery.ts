/**
 * Delivering a webhook as Meta does (https://developers.facebook.com/docs/graph-api/webhooks/getting-started):
 * a JSON POST with `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`.
 */
import { hmac } from '../../core/hmac.js';

/** A URL to POST to, or a fetch-style handler such as `channel.webhook`. */
export type WebhookTarget = string | ((request: Request) => Promise<Response>);

/** Signs and POSTs `payload`; `signature` replaces the header (a string) or leaves it out (null). */
export async function signWebhook(target: WebhookTarget, payload: unknown, appSecret: string, signature?: string | null): Promise<Response> {
  const body = JSON.stringify(payload);
  const headers = new Headers({ 'content-type': 'application/json' });
  const value = signature === undefined ? `sha256=${await hmac('SHA-256', appSecret, body, 'hex')}` : signature;
  if (value !== null) headers.set('x-hub-signature-256', value);
  if (typeof target === 'string') return fetch(target, { method: 'POST', headers, body });
  return target(new Request('https://webhook.example/meta', { method: 'POST', headers, body }));
}
