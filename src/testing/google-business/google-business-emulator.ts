/**
 * Google Business Profile reviews (My Business API v4) as they answer a review bot, after the v4
 * schemas of the OpenAPI conversion (APIs-guru/openapi-directory APIs/googleapis.com/my-business/v4/openapi.yaml;
 * facts in google-business-facts.ts, written by scripts/extract-google-business-shapes.ts) and Google's
 * reference (https://developers.google.com/my-business/reference/rest/v4/accounts.locations.reviews,
 * .../content/review-data, .../content/limits, .../content/prereqs):
 * - reviews.list (`GET /v4/accounts/{a}/locations/{l}/reviews`, orderBy `update_time desc` by default,
 *   pageSize at most 50), reviews.get (`GET /v4/{review name}`; Google's reference has it, the
 *   conversion lost it to a path clash), `PUT /v4/{review name}/reply` (creates or replaces the one reply,
 *   comment at most 4,096 bytes), `DELETE` of it, `POST /v4/accounts/{a}/locations:batchGetReviews`;
 * - unknown or malformed parameters and body fields refused with 400 INVALID_ARGUMENT;
 * - customers who write, edit (a new updateTime), delete, and leave rating-only reviews (no comment);
 * - Bearer access tokens that expire after one hour, and a Google-style token endpoint at /token;
 * - 300 requests per minute per project and 10 edits per minute per location, then 429
 *   RESOURCE_EXHAUSTED; a project Google has not approved has a quota of 0 (429, quota_limit_value "0").
 */
import { Emulator, type EmulatorOptions, type RouteContext } from '../emulator.js';
import { GoogleAccessTokens, randomGoogleId as randomId, type GoogleOAuth2Client } from '../google-access-tokens.js';
import type { WindowRule } from '../window-limiter.js';
import { googleError, quotaExceeded } from './google-business-answers.js';
import { replyJson, reviewJson, reviewName, STARS, type StarRating, type StoredReview } from './google-business-json.js';
import { checkBody, checkQuery, type RouteOperation } from './google-business-params.js';

export interface GoogleBusinessEmulatorOptions extends EmulatorOptions {
  accountId?: string;
  /** The account's locations. @default ['2000000000000000001'] */
  locationIds?: string[];
  /** An access token valid from the start, for one hour. @default 'sandbox-google-business-token' */
  accessToken?: string;
  /** OAuth 2.0 client and refresh token the /token endpoint accepts. */
  oauth2?: GoogleOAuth2Client;
  /** Whether Google has approved the project's API access; until then every quota is 0. @default true */
  approved?: boolean;
  /**
   * Whether the owner's reply also moves the review's updateTime. Google's documents do not say; the
   * adapter must not take such a move for the customer's edit. @default false
   */
  replyTouchesReview?: boolean;
}

export const REQUESTS_PER_MINUTE = 300;
export const EDITS_PER_MINUTE = 10;
const MAX_PAGE_SIZE = 50;
const MAX_BATCH_PAGE_SIZE = 200;
const MAX_BATCH_LOCATIONS = 200;
const MAX_REPLY_BYTES = 4096;
const ORDERS = ['update_time desc', 'updateTime desc', 'rating', 'rating desc'];
const CUSTOMER = { displayName: 'A Customer', profilePhotoUrl: 'https://lh3.googleusercontent.com/a-/customer', isAnonymous: false };

export class GoogleBusinessEmulator extends Emulator {
  readonly platform = 'google-business';
  readonly accountId: string;
  readonly locationIds: string[];
  readonly accessToken: string;
  readonly oauth2: GoogleOAuth2Client;
  /** Every review, by review id. */
  readonly reviews = new Map<string, StoredReview>();
  approved: boolean;
  replyTouchesReview: boolean;
  readonly #tokens: GoogleAccessTokens;
  #clock = 0;

  constructor(options: GoogleBusinessEmulatorOptions = {}) {
    super(options);
    this.accountId = options.accountId ?? '1000000000000000001';
    this.locationIds = options.locationIds ?? ['2000000000000000001'];
    this.accessToken = options.accessToken ?? 'sandbox-google-business-token';
    this.oauth2 = options.oauth2 ?? { clientId: 'sandbox-client', clientSecret: 'sandbox-client-secret', refreshToken: 'sandbox-refresh-token' };
    this.approved = options.approved ?? true;
    this.replyTouchesReview = options.replyTouchesReview ?? false;
    this.#tokens = new GoogleAccessTokens(this.oauth2, this.accessToken, 'https://www.googleapis.com/auth/business.manage');
  }

  protected override defaultLimit(bucket: string): WindowRule | undefined {
    if (bucket === 'requests') return { limit: REQUESTS_PER_MINUTE, windowMs: 60_000 };
    if (bucket.startsWith('edits:')) return { limit: EDITS_PER_MINUTE, windowMs: 60_000 };
    return undefined;
  }

  /** A customer leaves a review: stars, and a comment unless it is rating-only. */
  review(input: { stars: 1 | 2 | 3 | 4 | 5; comment?: string; locationId?: string; reviewer?: { displayName: string; profilePhotoUrl?: string }; anonymous?: boolean }): StoredReview {
    const locationId = input.locationId ?? this.locationIds[0]!;
    if (!this.locationIds.includes(locationId)) throw new Error(`no location ${locationId}`);
    const now = this.#now();
    const review: StoredReview = {
      accountId: this.accountId,
      locationId,
      reviewId: `AbFvOq${randomId(40)}`,
      reviewer: input.anonymous ? { isAnonymous: true } : { ...CUSTOMER, ...input.reviewer, isAnonymous: false },
      starRating: STARS[input.stars - 1]!,
      ...(input.comment !== undefined ? { comment: input.comment } : {}),
      createTime: now,
      updateTime: now,
    };
    this.reviews.set(review.reviewId, review);
    return review;
  }

  /** The customer edits a review: new text and/or stars, a new updateTime. */
  edit(reviewId: string, change: { comment?: string | null; stars?: 1 | 2 | 3 | 4 | 5 }): StoredReview {
    const review = this.#review(reviewId);
    if (change.comment === null) delete review.comment;
    else if (change.comment !== undefined) review.comment = change.comment;
    if (change.stars) review.starRating = STARS[change.stars - 1] as StarRating;
    review.updateTime = this.#now();
    return review;
  }

  /** The customer (or Google) removes a review: it is no longer listed. */
  remove(reviewId: string): void {
    this.#review(reviewId);
    this.reviews.delete(reviewId);
  }

  /** Every access token given so far expires now (as an hour later). */
  expireTokens(): void {
    this.#tokens.expireAll();
  }

  #review(reviewId: string): StoredReview {
    const review = this.reviews.get(reviewId);
    if (!review) throw new Error(`no review ${reviewId}`);
    return review;
  }

  /** Strictly increasing times, so update_time order is well defined within one millisecond. */
  #now(): string {
    this.#clock = Math.max(Date.now(), this.#clock + 1);
    return new Date(this.#clock).toISOString();
  }

  protected async route(request: Request, context: RouteContext): Promise<Response> {
    if (request.method === 'POST' && context.path === '/token') return this.#tokens.answer(context.body);
    const route = routeOf(request.method, context.path);
    if (!route) return googleError(404, 'Method not found.');
    if (!this.#tokens.accepts(request.headers.get('authorization'))) {
      return googleError(401, 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.');
    }
    if (!this.approved) return quotaExceeded('Requests per minute', 0);
    const bad = checkQuery(route.operation, context.url.searchParams);
    if (bad) return bad;
    if (route.accountId !== this.accountId) return googleError(403, 'The caller does not have permission');
    if (route.locationId !== undefined && !this.locationIds.includes(route.locationId)) return googleError(404, 'Requested entity was not found.');
    const spent = this.#spend(route.operation === 'reviews.updateReply' || route.operation === 'reviews.deleteReply' ? route.locationId : undefined);
    if (spent) return spent;
    switch (route.operation) {
      case 'reviews.list':
        return this.#list(route.locationId!, context.url.searchParams);
      case 'locations.batchGetReviews':
        return this.#batch(context.body);
      default:
        return this.#onReview(route.operation, route.locationId!, route.reviewId!, context.body);
    }
  }

  /** The project's requests per minute, and a location's edits per minute for a reply. */
  #spend(editedLocation: string | undefined): Response | undefined {
    for (const bucket of ['requests', ...(editedLocation ? [`edits:${editedLocation}`] : [])]) {
      if (this.limiter.peek(bucket)?.allowed === false) return quotaExceeded(bucket === 'requests' ? 'Requests per minute' : 'Edits per minute per location', this.limiter.peek(bucket)!.limit);
    }
    this.limiter.hit('requests');
    if (editedLocation) this.limiter.hit(`edits:${editedLocation}`);
    return undefined;
  }

  #list(locationId: string, query: URLSearchParams): Response {
    const order = query.get('orderBy') ?? 'update_time desc';
    if (!ORDERS.includes(order)) return googleError(400, `Invalid orderBy: ${order}. Valid orders are rating, rating desc and update_time desc.`);
    const size = Number(query.get('pageSize') ?? MAX_PAGE_SIZE);
    if (size < 1 || size > MAX_PAGE_SIZE) return googleError(400, `pageSize must be between 1 and ${MAX_PAGE_SIZE}.`);
    const reviews = sorted([...this.reviews.values()].filter((review) => review.locationId === locationId), order);
    const page = paginate(reviews, query.get('pageToken'), size);
    if (!page) return googleError(400, 'Invalid page token.');
    const rated = reviews.map((review) => STARS.indexOf(review.starRating) + 1);
    return Response.json({
      ...(page.items.length > 0 ? { reviews: page.items.map(reviewJson) } : {}),
      ...(rated.length > 0 ? { averageRating: Math.round((rated.reduce((a, b) => a + b, 0) / rated.length) * 10) / 10 } : {}),
      totalReviewCount: reviews.length,
      ...(page.next ? { nextPageToken: page.next } : {}),
    });
  }

  #batch(body: string): Response {
    const checked = checkBody('BatchGetReviewsRequest', body);
    if ('error' in checked) return checked.error;
    const input = checked.value as { locationNames?: string[]; pageSize?: number; pageToken?: string; orderBy?: string; ignoreRatingOnlyReviews?: boolean };
    const names = input.locationNames ?? [];
    if (names.length === 0) return googleError(400, 'Request contains an invalid argument. locationNames is required.');
    if (names.length > MAX_BATCH_LOCATIONS) return googleError(400, `Request contains an invalid argument. At most ${MAX_BATCH_LOCATIONS} location names per call.`);
    const ids: string[] = [];
    for (const name of names) {
      const match = /^accounts\/([^/]+)\/locations\/([^/]+)$/.exec(String(name));
      if (!match) return googleError(400, `Request contains an invalid argument. Invalid location name: ${String(name)}`);
      if (match[1] !== this.accountId) return googleError(403, 'The caller does not have permission');
      if (!this.locationIds.includes(match[2]!)) return googleError(404, 'Requested entity was not found.');
      ids.push(match[2]!);
    }
    const order = input.orderBy ?? 'update_time desc';
    if (!ORDERS.includes(order)) return googleError(400, `Invalid orderBy: ${order}.`);
    const size = input.pageSize ?? MAX_BATCH_PAGE_SIZE;
    if (size < 1 || size > MAX_BATCH_PAGE_SIZE) return googleError(400, `pageSize must be between 1 and ${MAX_BATCH_PAGE_SIZE}.`);
    let reviews = [...this.reviews.values()].filter((review) => ids.includes(review.locationId));
    if (input.ignoreRatingOnlyReviews) reviews = reviews.filter((review) => review.comment !== undefined);
    const page = paginate(sorted(reviews, order), input.pageToken ?? null, size);
    if (!page) return googleError(400, 'Invalid page token.');
    return Response.json({
      ...(page.items.length > 0 ? { locationReviews: page.items.map((review) => ({ name: `accounts/${review.accountId}/locations/${review.locationId}`, review: reviewJson(review) })) } : {}),
      ...(page.next ? { nextPageToken: page.next } : {}),
    });
  }

  #onReview(operation: RouteOperation, locationId: string, reviewId: string, body: string): Response {
    const review = this.reviews.get(reviewId);
    if (!review || review.locationId !== locationId) return googleError(404, 'Requested entity was not found.');
    if (operation === 'reviews.deleteReply') {
      if (!review.reply) return googleError(404, 'Requested entity was not found.');
      delete review.reply;
      return Response.json({});
    }
    if (operation !== 'reviews.updateReply') return Response.json(reviewJson(review));
    const checked = checkBody('ReviewReply', body);
    if ('error' in checked) return checked.error;
    const comment = checked.value.comment;
    if (typeof comment !== 'string' || comment.trim() === '') return googleError(400, 'Request contains an invalid argument.');
    if (new TextEncoder().encode(comment).length > MAX_REPLY_BYTES) return googleError(400, 'Request contains an invalid argument.');
    review.reply = { comment, updateTime: this.#now() };
    if (this.replyTouchesReview) review.updateTime = review.reply.updateTime;
    return Response.json(replyJson(review.reply));
  }
}

interface Route {
  operation: RouteOperation;
  accountId: string;
  locationId?: string;
  reviewId?: string;
}

function routeOf(method: string, path: string): Route | undefined {
  const review = /^\/v4\/accounts\/([^/]+)\/locations\/([^/]+)\/reviews\/([^/]+)(\/reply)?$/.exec(path);
  if (review) {
    const [, accountId, locationId, reviewId, reply] = review;
    const operation: RouteOperation | undefined = reply ? (method === 'PUT' ? 'reviews.updateReply' : method === 'DELETE' ? 'reviews.deleteReply' : undefined) : method === 'GET' ? 'reviews.get' : undefined;
    return operation ? { operation, accountId: accountId!, locationId: locationId!, reviewId: reviewId! } : undefined;
  }
  const list = /^\/v4\/accounts\/([^/]+)\/locations\/([^/]+)\/reviews$/.exec(path);
  if (list && method === 'GET') return { operation: 'reviews.list', accountId: list[1]!, locationId: list[2]! };
  const batch = /^\/v4\/accounts\/([^/]+)\/locations:batchGetReviews$/.exec(path);
  if (batch && method === 'POST') return { operation: 'locations.batchGetReviews', accountId: batch[1]! };
  return undefined;
}

function sorted(reviews: StoredReview[], order: string): StoredReview[] {
  const stars = (review: StoredReview) => STARS.indexOf(review.starRating);
  const byUpdate = (a: StoredReview, b: StoredReview) => (a.updateTime < b.updateTime ? 1 : a.updateTime > b.updateTime ? -1 : a.reviewId < b.reviewId ? 1 : -1);
  if (order === 'rating') return reviews.sort((a, b) => stars(a) - stars(b) || byUpdate(a, b));
  if (order === 'rating desc') return reviews.sort((a, b) => stars(b) - stars(a) || byUpdate(a, b));
  return reviews.sort(byUpdate);
}

function paginate<T>(items: readonly T[], token: string | null, size: number): { items: T[]; next: string | undefined } | undefined {
  let start = 0;
  if (token !== null) {
    const decoded = Buffer.from(token, 'base64url').toString();
    if (!/^offset:\d+$/.test(decoded)) return undefined;
    start = Number(decoded.slice(7));
  }
  const next = start + size < items.length ? Buffer.from(`offset:${start + size}`).toString('base64url') : undefined;
  return { items: items.slice(start, start + size), next };
}
