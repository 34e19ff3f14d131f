/**
 * One Meta app's webhook endpoint, the same for Pages (`object: "page"`) and Instagram
 * (`object: "instagram"`) (https://developers.facebook.com/docs/graph-api/webhooks/getting-started):
 * - GET `?hub.mode=subscribe&hub.verify_token=V&hub.challenge=C` answers C when V is ours, else 403;
 * - POST carries `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`, checked in
 *   constant time before anything is read (401 when bad or missing); the envelope
 *   `{ object, entry: [{ id, time, changes?, messaging? }] }` is handed on, and the delivery is answered
 *   200 even when nothing in it is used (Meta retries a delivery that is not answered 200 quickly).
 */
import * as z from 'zod/mini';
import { timingSafeEqual } from '../core/hmac.js';
import { readSignedJson } from '../core/webhook-signature.js';

/** An id Meta writes as a number in some deliveries and as a string in others. */
// A custom check with an overwrite, not z.pipe(z.union([...]), z.transform(String)): the union, pipe and
// transform parsers would each come into every browser bundle (src/core/options.ts).
export const graphId = z
  .custom<string>((value) => typeof value === 'string' || typeof value === 'number', 'expected string or number')
  .check(z.overwrite((value) => String(value)));

export const webhookEnvelopeSchema = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      id: graphId,
      time: z.nullish(z.number()),
      changes: z.nullish(z.array(z.object({ field: z.string(), value: z.unknown() }))),
      messaging: z.nullish(z.array(z.unknown())),
      standby: z.nullish(z.array(z.unknown())),
    }),
  ),
});
export type WebhookEnvelope = z.infer<typeof webhookEnvelopeSchema>;

export interface MetaWebhookOptions {
  appSecret: string;
  verifyToken: string;
  /** Called with each verified delivery. */
  receive(envelope: WebhookEnvelope): void;
}

export function createMetaWebhook({ appSecret, verifyToken, receive }: MetaWebhookOptions) {
  return async (request: Request): Promise<Response> => {
    if (request.method === 'GET') return verifyHandshake(new URL(request.url), verifyToken);
    if (request.method !== 'POST') return new Response(null, { status: 405, headers: { allow: 'GET, POST' } });
    const signed = await readSignedJson(request, { header: 'x-hub-signature-256', secret: appSecret, encoding: 'hex', prefix: 'sha256=' }, webhookEnvelopeSchema);
    if (!signed.ok) return signed.response;
    receive(signed.payload);
    return new Response('EVENT_RECEIVED', { status: 200 });
  };
}

/** The subscription handshake: echo `hub.challenge` when `hub.verify_token` is ours. */
export function verifyHandshake(url: URL, verifyToken: string): Response {
  const mode = url.searchParams.get('hub.mode');
  const token = url.searchParams.get('hub.verify_token') ?? '';
  const challenge = url.searchParams.get('hub.challenge');
  if (mode !== 'subscribe' || challenge === null || !timingSafeEqual(token, verifyToken)) {
    return Response.json({ error: 'verification failed' }, { status: 403 });
  }
  return new Response(challenge, { status: 200, headers: { 'content-type': 'text/plain' } });
}
