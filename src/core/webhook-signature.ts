/**
 * Webhook signature check, the same for every platform that signs its deliveries with an HMAC of
 * the raw body: read the body once, compute the HMAC with Web Crypto, compare in constant time, and
 * answer 401 when it does not match, before anything of the body is used. An adapter only says
 * where its platform puts the signature and how it writes it.
 */
import * as z from 'zod/mini';
import type * as z4 from 'zod/v4/core';
import { hmac, timingSafeEqual, type HmacHash } from './hmac.js';
import { parseJson } from './json.js';

export interface WebhookSignatureScheme {
  /** The request header carrying the signature, e.g. `x-hub-signature-256`. */
  header: string;
  /** The shared secret the platform signs with. */
  secret: string;
  /** The HMAC's hash. @default 'SHA-256' */
  hash?: HmacHash;
  /** How the platform writes the digest: hex digits (compared in either case) or base64. */
  encoding: 'hex' | 'base64';
  /** What comes before the digest in the header, e.g. `sha256=`. @default '' */
  prefix?: string;
}

/** A verified delivery: its raw bytes and the same decoded as UTF-8; or the 401 to answer. */
export type WebhookVerification = { ok: true; body: Uint8Array; text: string } | { ok: false; response: Response };

/**
 * Reads `request`'s body and checks its signature. A missing, malformed or wrong signature gives
 * `{ ok: false, response }`: a 401 to return as is, saying which header was refused (never the
 * expected value).
 */
export async function verifyWebhookSignature(request: Request, scheme: WebhookSignatureScheme): Promise<WebhookVerification> {
  const body = new Uint8Array(await request.arrayBuffer());
  const prefix = scheme.prefix ?? '';
  const expected = prefix + (await hmac(scheme.hash ?? 'SHA-256', scheme.secret, body, scheme.encoding));
  const given = request.headers.get(scheme.header) ?? '';
  // Hex digits mean the same in either case (Meta documents lower case, some proxies change it); base64 is case-sensitive.
  const matches = scheme.encoding === 'hex' ? timingSafeEqual(given.toLowerCase(), expected.toLowerCase()) : timingSafeEqual(given, expected);
  if (!matches) return { ok: false, response: Response.json({ error: `bad or missing ${scheme.header}` }, { status: 401 }) };
  return { ok: true, body, text: new TextDecoder().decode(body) };
}

/** A verified delivery whose JSON body matched the schema; or the 401 or 400 to answer. */
export type SignedPayload<T> = { ok: true; payload: T; body: Uint8Array } | { ok: false; response: Response };

/**
 * `verifyWebhookSignature`, then the body read as JSON against `schema` (any zod 4 schema, only the
 * fields the adapter uses): a signed body that is not JSON, or not of that shape, is answered 400.
 */
export async function readSignedJson<T>(request: Request, scheme: WebhookSignatureScheme, schema: z4.$ZodType<T>): Promise<SignedPayload<T>> {
  const verified = await verifyWebhookSignature(request, scheme);
  if (!verified.ok) return verified;
  const parsed = z.safeParse(schema, parseJson(verified.text));
  if (!parsed.success) return { ok: false, response: Response.json({ error: 'the body is not a payload this webhook accepts' }, { status: 400 }) };
  return { ok: true, payload: parsed.data, body: verified.body };
}
