import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { readSignedJson, verifyWebhookSignature, type WebhookSignatureScheme } from '../../src/core/webhook-signature.js';

const secret = 'shh-webhook-secret';
// Not ASCII, so a body decoded any other way than as UTF-8 bytes would not come back intact.
const body = JSON.stringify({ event: 'post_created', text: 'héllo 👋 “quoted”' });

/** The signature computed independently (node:crypto), as the platform would send it. */
const sign = (text: string, encoding: 'hex' | 'base64', key = secret, hash = 'sha256') => createHmac(hash, key).update(text).digest(encoding);

const hexScheme: WebhookSignatureScheme = { header: 'x-hub-signature-256', secret, encoding: 'hex', prefix: 'sha256=' };
const base64Scheme: WebhookSignatureScheme = { header: 'x-twitter-webhooks-signature', secret, encoding: 'base64', prefix: 'sha256=' };

function delivery(headers: Record<string, string>, text = body): Request {
  return new Request('https://bot.example/webhook', { method: 'POST', headers, body: text });
}

describe('verifyWebhookSignature', () => {
  it('passes a valid hex signature and hands over the body intact, as bytes and as text', async () => {
    const result = await verifyWebhookSignature(delivery({ 'x-hub-signature-256': `sha256=${sign(body, 'hex')}` }), hexScheme);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text).toBe(body);
    expect(Buffer.from(result.body).equals(Buffer.from(body, 'utf8'))).toBe(true);
  });

  it('passes a valid base64 signature', async () => {
    const result = await verifyWebhookSignature(delivery({ 'x-twitter-webhooks-signature': `sha256=${sign(body, 'base64')}` }), base64Scheme);
    expect(result).toMatchObject({ ok: true, text: body });
  });

  it('accepts hex digits in upper case, never base64 with its case changed', async () => {
    const upperHex = await verifyWebhookSignature(delivery({ 'x-hub-signature-256': `sha256=${sign(body, 'hex').toUpperCase()}` }), hexScheme);
    expect(upperHex.ok).toBe(true);
    const upperBase64 = await verifyWebhookSignature(delivery({ 'x-twitter-webhooks-signature': `sha256=${sign(body, 'base64').toUpperCase()}` }), base64Scheme);
    expect(upperBase64.ok).toBe(false);
  });

  it('uses the hash and prefix it is told', async () => {
    const scheme: WebhookSignatureScheme = { header: 'x-hub-signature', secret, encoding: 'hex', hash: 'SHA-1', prefix: 'sha1=' };
    const result = await verifyWebhookSignature(delivery({ 'x-hub-signature': `sha1=${sign(body, 'hex', secret, 'sha1')}` }), scheme);
    expect(result.ok).toBe(true);
    const noPrefix = await verifyWebhookSignature(delivery({ 'x-hub-signature-256': sign(body, 'hex') }), { ...hexScheme, prefix: undefined });
    expect(noPrefix.ok).toBe(true);
  });

  const refused: Array<[string, Record<string, string>, string?]> = [
    ['a missing signature', {}],
    ['an empty signature', { 'x-hub-signature-256': '' }],
    ['a signature made with another secret', { 'x-hub-signature-256': `sha256=${sign(body, 'hex', 'another secret')}` }],
    ['a signature of another body', { 'x-hub-signature-256': `sha256=${sign(body, 'hex')}` }, `${body} `],
    ['a signature without its prefix', { 'x-hub-signature-256': sign(body, 'hex') }],
    ['a signature with the wrong prefix', { 'x-hub-signature-256': `sha1=${sign(body, 'hex')}` }],
    ['a truncated signature', { 'x-hub-signature-256': `sha256=${sign(body, 'hex').slice(0, -1)}` }],
    ['a base64 signature where hex is expected', { 'x-hub-signature-256': `sha256=${sign(body, 'base64')}` }],
    ['a signature in another header', { 'x-hub-signature': `sha256=${sign(body, 'hex')}` }],
  ];

  it.each(refused)('answers 401 to %s, and hands over nothing of the body', async (_, headers, text) => {
    const result = await verifyWebhookSignature(delivery(headers, text), hexScheme);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.response.status).toBe(401);
    expect(Object.keys(result)).toEqual(['ok', 'response']); // no body, no text for the consumer
    const answer = await result.response.text();
    expect(answer).toContain('x-hub-signature-256');
    expect(answer).not.toContain(sign(body, 'hex')); // never the expected signature
    expect(answer).not.toContain('héllo');
  });
});

describe('readSignedJson', () => {
  const schema = z.object({ event: z.string(), text: z.string() });
  const signed = (text: string) => delivery({ 'x-hub-signature-256': `sha256=${sign(text, 'hex')}` }, text);

  it('answers the payload of a signed body of the expected shape', async () => {
    const result = await readSignedJson(signed(body), hexScheme, schema);
    expect(result).toMatchObject({ ok: true, payload: { event: 'post_created', text: 'héllo 👋 “quoted”' } });
  });

  it.each([
    ['is not JSON', 'event=post_created'],
    ['is empty', ''],
    ['is JSON of another shape', JSON.stringify({ event: 7 })],
    ['is JSON null', 'null'],
  ])('answers 400 to a signed body that %s, and hands over no payload', async (_, text) => {
    const result = await readSignedJson(signed(text), hexScheme, schema);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.response.status).toBe(400);
    expect(Object.keys(result)).toEqual(['ok', 'response']);
  });

  it('answers 401, not 400, to an unsigned body of the right shape', async () => {
    const result = await readSignedJson(delivery({}, body), hexScheme, schema);
    expect(result.ok ? 200 : result.response.status).toBe(401);
  });
});
