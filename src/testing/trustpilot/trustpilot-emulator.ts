/**
 * Trustpilot's business API as a review bot uses it, after developers.trustpilot.com:
 * - the business-user token (get-started/authentication: `POST /v1/oauth/oauth-business-users-for-applications/accesstoken`
 *   with the password grant and `.../refresh` with the refresh_token grant, both with HTTP Basic API key:secret;
 *   `expires_in` is a string, "359999": access tokens last 100 hours, refresh tokens 30 days); refreshing again
 *   within `refreshCooldownMs` is a 429, as Trustpilot answers refreshing too often;
 * - private reviews (business-units-api: `GET /v1/private/business-units/{id}/reviews`, orderBy
 *   createdat.asc|createdat.desc|stars.asc|stars.desc, page, perPage 1..100 default 20) and one private review
 *   (service-reviews-api: `GET /v1/private/reviews/{id}`); unknown or malformed parameters are a 400;
 * - the company reply (service-reviews-api: `POST /v1/private/reviews/{id}/reply { authorBusinessUserId, message }`,
 *   201; a second one replaces the first; `DELETE` removes it);
 * - customers who write, edit and delete reviews, with the webhook payload of each event (webhookPayload);
 * - the guidance of get-started/rate-limiting (833 calls per 5 minutes, 10,000 per hour) enforced with 429, no limit headers;
 * - gateway errors in the Apigee fault shape Trustpilot answers (`{ fault: { faultstring, detail: { errorcode } } }`,
 *   e.g. "Invalid access token" / oauth.v2.InvalidAccessToken); the API's own errors as `{ message }` (their exact
 *   body is not documented: common-error-messages lists statuses only).
 */
import { randomBytes } from 'node:crypto';
import { Emulator, type EmulatorOptions, type RouteContext } from '../emulator.js';
import type { WindowRule } from '../window-limiter.js';
import { reviewJson, webhookPayload, type StoredTrustpilotReview, type TrustpilotEventName } from './trustpilot-json.js';

export interface TrustpilotEmulatorOptions extends EmulatorOptions {
  businessUnitId?: string;
  /** The business user whose replies are the company's. */
  businessUserId?: string;
  apiKey?: string;
  apiSecret?: string;
  /** An access token valid from the start, for 100 hours. */
  accessToken?: string;
  /** The refresh token the refresh endpoint accepts first. */
  refreshToken?: string;
  /** A refresh closer than this to the previous one is a 429. @default 60000 */
  refreshCooldownMs?: number;
}

const ACCESS_MS = 100 * 60 * 60 * 1000;
const REFRESH_MS = 30 * 24 * 60 * 60 * 1000;
const LIST_PARAMETERS: Record<string, 'string' | 'integer' | 'boolean' | 'datetime'> = {
  page: 'integer', perPage: 'integer', orderBy: 'string', stars: 'integer', language: 'string', responded: 'boolean', startDateTime: 'datetime', endDateTime: 'datetime',
  username: 'string', referralEmail: 'string', referenceId: 'string', tagGroup: 'string', tagValue: 'string', ignoreTagValueCase: 'boolean', findReviewer: 'string', internalLocationId: 'string',
};
const ORDERS = ['createdat.asc', 'createdat.desc', 'stars.asc', 'stars.desc'];
const CUSTOMER = { id: '5f0c0a1b2c3d4e5f6a7b8c9d', displayName: 'A Customer' };

export class TrustpilotEmulator extends Emulator {
  readonly platform = 'trustpilot';
  readonly businessUnitId: string;
  readonly businessUserId: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly accessToken: string;
  /** The refresh token valid now (each refresh gives a new one). */
  refreshToken: string;
  refreshCooldownMs: number;
  readonly reviews = new Map<string, StoredTrustpilotReview>();
  /** How many refreshes were answered with a new token, and how many refused with 429 for coming too soon. */
  refreshes = 0;
  refreshesTooSoon = 0;
  readonly #tokens = new Map<string, number>(); // access token → expiry
  readonly #refreshTokens = new Map<string, number>(); // refresh token → expiry
  #lastRefreshAt = Number.NEGATIVE_INFINITY;
  #clock = 0;

  constructor(options: TrustpilotEmulatorOptions = {}) {
    super(options);
    this.businessUnitId = options.businessUnitId ?? '507f191e810c19729de860ea';
    this.businessUserId = options.businessUserId ?? '507f191e810c19729de860eb';
    this.apiKey = options.apiKey ?? 'sandbox-trustpilot-key';
    this.apiSecret = options.apiSecret ?? 'sandbox-trustpilot-secret';
    this.accessToken = options.accessToken ?? 'sandbox-trustpilot-token';
    this.refreshToken = options.refreshToken ?? 'sandbox-trustpilot-refresh';
    this.refreshCooldownMs = options.refreshCooldownMs ?? 60_000;
    this.#tokens.set(this.accessToken, Date.now() + ACCESS_MS);
    this.#refreshTokens.set(this.refreshToken, Date.now() + REFRESH_MS);
  }

  protected override defaultLimit(bucket: string): WindowRule | undefined {
    if (bucket === 'calls per 5 minutes') return { limit: 833, windowMs: 5 * 60_000 };
    if (bucket === 'calls per hour') return { limit: 10_000, windowMs: 60 * 60_000 };
    return undefined;
  }

  /** A customer writes a review. */
  review(input: { stars: 1 | 2 | 3 | 4 | 5; text: string; title?: string; consumer?: { id: string; displayName: string }; language?: string }): StoredTrustpilotReview {
    const review: StoredTrustpilotReview = {
      id: randomHex(24),
      businessUnitId: this.businessUnitId,
      consumer: input.consumer ?? CUSTOMER,
      stars: input.stars,
      title: input.title ?? input.text.split(/[.!?:]/)[0]!.slice(0, 60),
      text: input.text,
      language: input.language ?? 'en',
      createdAt: this.#now(),
      updatedAt: null,
      isVerified: true,
    };
    this.reviews.set(review.id, review);
    return review;
  }

  /** The customer edits a review: new text and/or stars, a new updatedAt. */
  edit(id: string, change: { text?: string; title?: string; stars?: 1 | 2 | 3 | 4 | 5 }): StoredTrustpilotReview {
    const review = this.#review(id);
    Object.assign(review, change.text !== undefined ? { text: change.text } : {}, change.title !== undefined ? { title: change.title } : {}, change.stars ? { stars: change.stars } : {});
    review.updatedAt = this.#now();
    return review;
  }

  /** The customer deletes a review. */
  remove(id: string): StoredTrustpilotReview {
    const review = this.#review(id);
    this.reviews.delete(id);
    return review;
  }

  /** The body Trustpilot posts to a webhook subscription for this event. */
  webhookPayload(eventName: TrustpilotEventName, review: StoredTrustpilotReview) {
    return webhookPayload(eventName, review);
  }

  /** Every access token given so far expires now (as 100 hours later). */
  expireTokens(): void {
    for (const token of this.#tokens.keys()) this.#tokens.set(token, 0);
  }

  #review(id: string): StoredTrustpilotReview {
    const review = this.reviews.get(id);
    if (!review) throw new Error(`no review ${id}`);
    return review;
  }

  #now(): string {
    this.#clock = Math.max(Date.now(), this.#clock + 1);
    return new Date(this.#clock).toISOString();
  }

  protected async route(request: Request, context: RouteContext): Promise<Response> {
    const { path } = context;
    if (request.method === 'POST' && path.startsWith('/v1/oauth/oauth-business-users-for-applications/')) return this.#token(request, path, context.body);
    const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    const expiresAt = token === undefined ? undefined : this.#tokens.get(token);
    if (expiresAt === undefined) return fault(401, 'Invalid access token', 'oauth.v2.InvalidAccessToken');
    if (expiresAt <= Date.now()) return fault(401, 'Access Token expired', 'keymanagement.service.access_token_expired');
    for (const bucket of ['calls per 5 minutes', 'calls per hour']) {
      if (this.limiter.peek(bucket)?.allowed === false) return fault(429, 'Rate limit quota violation. Quota limit exceeded.', 'policies.ratelimit.QuotaViolation');
    }
    this.limiter.hit('calls per 5 minutes');
    this.limiter.hit('calls per hour');
    const list = /^\/v1\/private\/business-units\/([^/]+)\/reviews$/.exec(path);
    if (list && request.method === 'GET') return this.#list(list[1]!, context.url.searchParams);
    const one = /^\/v1\/private\/reviews\/([^/]+)(\/reply)?$/.exec(path);
    if (!one) return message(404, 'Not found');
    if ([...context.url.searchParams.keys()].length > 0) return message(400, `Unknown parameter: ${[...context.url.searchParams.keys()][0]}`);
    const review = this.reviews.get(one[1]!);
    if (!review || review.businessUnitId !== this.businessUnitId) return message(404, 'Review not found');
    if (!one[2] && request.method === 'GET') return Response.json(reviewJson(review));
    if (one[2] && request.method === 'POST') return this.#reply(review, request, context.body);
    if (one[2] && request.method === 'DELETE') {
      if (!review.companyReply) return message(404, 'Reply not found');
      delete review.companyReply;
      return new Response(null, { status: 204 });
    }
    return message(405, 'Method not allowed');
  }

  #list(businessUnitId: string, query: URLSearchParams): Response {
    if (businessUnitId !== this.businessUnitId) return message(403, 'Forbidden: the business user has no access to this business unit');
    for (const [name, value] of query) {
      const type = LIST_PARAMETERS[name];
      if (!type) return message(400, `Unknown parameter: ${name}`);
      if (type === 'integer' && !/^\d+$/.test(value)) return message(400, `Invalid value for ${name}: ${value}`);
      if (type === 'boolean' && value !== 'true' && value !== 'false') return message(400, `Invalid value for ${name}: ${value}`);
      if (type === 'datetime' && Number.isNaN(Date.parse(value))) return message(400, `Invalid value for ${name}: ${value}`);
    }
    const order = query.get('orderBy') ?? 'createdat.desc';
    if (!ORDERS.includes(order)) return message(400, `Invalid value for orderBy: ${order}`);
    const perPage = Number(query.get('perPage') ?? 20);
    const page = Number(query.get('page') ?? 1);
    if (perPage < 1 || perPage > 100) return message(400, 'perPage must be between 1 and 100');
    if (page < 1) return message(400, 'page must be at least 1');
    let reviews = [...this.reviews.values()].filter((review) => review.businessUnitId === businessUnitId);
    const start = query.get('startDateTime');
    if (start) reviews = reviews.filter((review) => Date.parse(review.createdAt) >= Date.parse(start));
    if (query.get('responded')) reviews = reviews.filter((review) => (review.companyReply !== undefined) === (query.get('responded') === 'true'));
    const [field, direction] = order.split('.') as ['createdat' | 'stars', 'asc' | 'desc'];
    const key = (review: StoredTrustpilotReview) => (field === 'stars' ? review.stars : Date.parse(review.createdAt));
    reviews.sort((a, b) => (direction === 'asc' ? 1 : -1) * (key(a) - key(b) || (a.createdAt < b.createdAt ? -1 : 1)));
    const items = reviews.slice((page - 1) * perPage, page * perPage);
    const self = `https://api.trustpilot.com/v1/private/business-units/${businessUnitId}/reviews?page=${page}&perPage=${perPage}`;
    const links = [{ href: self, method: 'GET', rel: 'self' }];
    if (page * perPage < reviews.length) links.push({ href: self.replace(`page=${page}`, `page=${page + 1}`), method: 'GET', rel: 'next-page' });
    return Response.json({ links, reviews: items.map(reviewJson) });
  }

  #reply(review: StoredTrustpilotReview, request: Request, body: string): Response {
    if (!(request.headers.get('content-type') ?? '').startsWith('application/json')) return message(415, 'Unsupported media type');
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return message(400, 'The request body is not valid JSON');
    }
    for (const key of Object.keys(parsed)) if (key !== 'authorBusinessUserId' && key !== 'message') return message(400, `Unknown field: ${key}`);
    if (parsed.authorBusinessUserId !== this.businessUserId) return message(400, 'authorBusinessUserId is not a user of this business unit');
    if (typeof parsed.message !== 'string' || parsed.message.trim() === '') return message(400, 'message is required');
    const now = this.#now();
    review.companyReply = review.companyReply
      ? { ...review.companyReply, text: parsed.message, updatedAt: now }
      : { text: parsed.message, authorBusinessUserId: this.businessUserId, authorBusinessUserName: 'Sandbox Support', createdAt: now, updatedAt: null };
    return new Response(null, { status: 201 });
  }

  /** The business-user token endpoints: the password grant (accesstoken) and the refresh_token grant (refresh). */
  #token(request: Request, path: string, body: string): Response {
    const expected = `Basic ${Buffer.from(`${this.apiKey}:${this.apiSecret}`).toString('base64')}`;
    if (request.headers.get('authorization') !== expected) return Response.json({ error: 'invalid_client' }, { status: 401 });
    const form = new URLSearchParams(body);
    if (path.endsWith('/refresh') || form.get('grant_type') === 'refresh_token') {
      const refreshToken = form.get('refresh_token') ?? '';
      const expiry = this.#refreshTokens.get(refreshToken);
      if (form.get('grant_type') !== 'refresh_token' || expiry === undefined || expiry <= Date.now()) return Response.json({ error: 'invalid_grant' }, { status: 400 });
      if (Date.now() - this.#lastRefreshAt < this.refreshCooldownMs) {
        this.refreshesTooSoon += 1;
        return fault(429, 'Too many requests: the token was refreshed too recently', 'policies.ratelimit.SpikeArrestViolation');
      }
      this.#lastRefreshAt = Date.now();
      this.#refreshTokens.delete(refreshToken);
      this.refreshes += 1;
    } else if (form.get('grant_type') !== 'password') return Response.json({ error: 'unsupported_grant_type' }, { status: 400 });
    const accessToken = randomHex(32);
    this.refreshToken = randomHex(32);
    this.#tokens.set(accessToken, Date.now() + ACCESS_MS);
    this.#refreshTokens.set(this.refreshToken, Date.now() + REFRESH_MS);
    return Response.json({ access_token: accessToken, refresh_token: this.refreshToken, expires_in: '359999' });
  }
}

function fault(status: number, faultstring: string, errorcode: string): Response {
  return Response.json({ fault: { faultstring, detail: { errorcode } } }, { status });
}

function message(status: number, text: string): Response {
  return Response.json({ message: text }, { status });
}

function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}
