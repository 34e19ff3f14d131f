/**
 * What an HTTP adapter supplies to the core's engine: where to send, how to authorize, how to read
 * its rate-limit headers and how to name its errors. Everything else (quota, retries, typed errors,
 * redaction) is the core's.
 */
import type { RateLimitState } from '../channel.js';

export interface AuthorizeRequest {
  method: string;
  url: URL;
  /** Form fields of an application/x-www-form-urlencoded body (OAuth 1.0a signs them). */
  form?: Record<string, string>;
}

export interface Authorization {
  headers?: Record<string, string>;
  /** Added to the query string (e.g. Graph `appsecret_proof`). */
  searchParams?: Record<string, string>;
  /** Added to a form body, where the platform reads credentials there (Flickr's OAuth 1.0a parameters on a POST). */
  form?: Record<string, string>;
}

export interface ErrorResponse {
  status: number;
  headers: Headers;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  body: unknown;
  text: string;
  /** The bucket of the request that failed. */
  bucket: string;
  method: string;
  /** The request path below the base URL. */
  path: string;
}

export type ErrorKind = 'auth' | 'forbidden' | 'rate_limited' | 'not_found' | 'invalid_draft' | 'unsupported' | 'platform';

export interface PlatformErrorInfo {
  /**
   * Default by status: 401/403 auth, 404 not_found, 429 rate_limited, anything else platform.
   * 'forbidden' (PermissionError) when the platform refuses the action on this target, not the credentials.
   */
  kind?: ErrorKind;
  message?: string;
  platformCode?: string | number;
  platformSubcode?: string | number;
  platformMessage?: string;
  details?: Record<string, string | number>;
  /** The platform's own reasons for refusing a draft. */
  reasons?: string[];
  /** When a rate limit resets. */
  resetAt?: Date;
  /**
   * With kind 'rate_limited': the buckets (full names) that are spent, when not every bucket of the request
   * is (a per-account posting pace beside an app-wide quota). A bucket the request did not list (a limiter
   * the answer names) is spent too, and the retry and later requests with the same buckets wait for it.
   * @default all of the request's buckets
   */
  spentBuckets?: string[];
  /** With kind 'rate_limited': a plan's usage cap rather than a rate window (`RateLimitError.quota`), never retried. */
  quota?: boolean;
  /** The platform documents this error as "not applied, try again": retried, writes included. */
  retryable?: boolean;
  /** The platform says a write may have been applied (Flickr's "write operation failed"): never retried, `maybeDelivered`. */
  maybeDelivered?: boolean;
  /**
   * The platform refused the credentials themselves (expired, revoked, rotated) before doing anything,
   * so the request is sent once more, writes included, when `reauthorize` gives other credentials.
   * @default true for a 401
   */
  credentialsRefused?: boolean;
}

export interface PlatformHttp {
  baseUrl: string;
  authorize(request: AuthorizeRequest): Promise<Authorization>;
  /**
   * Other credentials after the platform refused `refused` (`credentialsRefused`): a refreshed token,
   * or a token function called again. Answering the same ones lets the refusal stand.
   */
  reauthorize?(request: AuthorizeRequest, refused: Authorization): Promise<Authorization>;
  /** States to merge from any response (full bucket names: `context.bucketName(bucket)`). */
  readRateLimits(headers: Headers, bucket: string): RateLimitState[];
  describeError(response: ErrorResponse): PlatformErrorInfo;
  /**
   * Whether a 2xx answer is an error all the same (Flickr answers HTTP 200 `{ stat: "fail" }`): it is
   * then described by `describeError` and handled as any failed response.
   */
  failedAnswer?(body: unknown, status: number): boolean;
  /**
   * A limit the platform documents but does not report in headers (Flickr: 3,600 calls an hour per
   * key): the window that `now` falls in, for a bucket (its full name). Every process must compute the
   * same window (align it to the clock): it is merged into the shared bucket once per window.
   */
  quotaWindow?(bucket: string, now: number): QuotaWindow | undefined;
}

export interface QuotaWindow {
  limit: number;
  resetAt: Date;
}
