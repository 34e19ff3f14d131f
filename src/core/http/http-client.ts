/**
 * The one HTTP engine every HTTP adapter uses: a ky instance per channel (created with `retry: 0`:
 * retry() of src/core/retry.ts is the only retry loop), quota reserved through the store before each request, limit
 * headers read after each answer, typed errors with secrets scrubbed.
 */
import ky, { type KyInstance } from 'ky';
import * as z from 'zod/mini';
import type * as z4 from 'zod/v4/core';
import { describeIssue } from '../issues.js';
import { parseJson } from '../json.js';
import type { RateLimitState } from '../channel.js';
import type { ChannelContext } from '../context.js';
import { ChannelError, InvalidResponseError } from '../errors.js';
import { retry } from '../retry.js';
import { networkFailure, responseFailure, type AttemptFailure } from './failure.js';
import type { PlatformHttp } from './platform-http.js';
import { Quota } from './quota.js';
import { openQuotaWindows } from './quota-window.js';
import { retryAfterMs } from './retry-after.js';

export type QueryValue = string | number | boolean | undefined | readonly (string | number)[];

export interface HttpRequest<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the adapter's base URL, e.g. "/2/tweets". */
  path: string;
  searchParams?: Record<string, QueryValue>;
  json?: unknown;
  /** An application/x-www-form-urlencoded body. */
  form?: Record<string, string>;
  /** A multipart/form-data body: text fields, and files (an upload of data). */
  multipart?: Record<string, string | MultipartFile>;
  /** Rate-limit bucket(s) of this request, without the channel prefix, e.g. "POST /2/tweets". */
  bucket: string | readonly string[];
  /**
   * What this request spends of each of its buckets, for platforms that count units rather than
   * requests (YouTube: a list costs 1, an insert 50). @default 1
   */
  cost?: number;
  /** The minimal schema of a successful answer. */
  /** The minimal schema of a successful answer (any zod 4 schema: classic or mini). */
  schema: z4.$ZodType<T>;
  /** A write is never retried after an ambiguous failure. Default: every method but GET. */
  write?: boolean;
  signal?: AbortSignal;
  /** Called with the headers of a successful answer: what a source reads beside the body (the server's `Date`). */
  onResponseHeaders?(headers: Headers): void;
}

// Backoff between retries when the server did not say how long to wait.
const BACKOFF = { firstDelayMs: 250, maxDelayMs: 30_000 };

export class HttpClient {
  readonly quota: Quota;
  readonly #ky: KyInstance;
  // Buckets a 429 named beyond a request's own (a per-action limiter), by the request's own buckets:
  // later requests of that kind, and the retry, wait for them too.
  readonly #named = new Map<string, Set<string>>();

  constructor(
    private readonly context: ChannelContext,
    private readonly platform: PlatformHttp,
  ) {
    this.quota = new Quota(context);
    this.#ky = ky.create({
      retry: 0,
      throwHttpErrors: false,
      timeout: context.options.timeoutMs,
      ...(context.options.fetch ? { fetch: context.options.fetch } : {}),
    });
  }

  async request<T>(request: HttpRequest<T>): Promise<T> {
    const write = request.write ?? request.method !== 'GET';
    const own = (typeof request.bucket === 'string' ? [request.bucket] : request.bucket).map((bucket) => this.context.bucketName(bucket));
    let lastFailure: AttemptFailure | undefined;
    const failureOf = (error: unknown) => (lastFailure?.error === error ? lastFailure : undefined);
    return retry(
      async () => {
        const outcome = await this.#attempt(request, own, write);
        if ('value' in outcome) return outcome.value;
        lastFailure = outcome;
        throw outcome.error;
      },
      {
        retries: this.context.options.retry.retries,
        ...BACKOFF,
        jitter: true,
        ...(request.signal ? { signal: request.signal } : {}),
        shouldRetry: ({ error }) => ChannelError.isInstance(error) && failureOf(error)?.retry === true,
        // A rate limit is waited for by the quota before the next attempt; anything else backs off,
        // exactly as long as the server said when it said, with jitter only when it did not.
        waitMs: ({ error }) => (failureOf(error)?.error.code === 'rate_limited' ? 0 : failureOf(error)?.waitMs),
        onFailedAttempt: ({ error, attempt }) => void this.context.emit('retry', error as ChannelError, attempt),
      },
    );
  }

  async #attempt<T>(request: HttpRequest<T>, own: string[], write: boolean): Promise<{ value: T } | AttemptFailure> {
    const kind = own.join('\n');
    const buckets = [...own, ...(this.#named.get(kind) ?? [])];
    await openQuotaWindows(this.context, this.quota, this.platform, buckets);
    const release = await this.quota.reserve(buckets, request.signal, request.cost);
    try {
      const target = new URL(this.platform.baseUrl.replace(/\/$/, '') + request.path);
      appendQuery(target.searchParams, request.searchParams);
      const authorizeRequest = { method: request.method, url: target, ...(request.form ? { form: request.form } : {}) };
      let authorization = await this.platform.authorize(authorizeRequest);
      // Sent at most twice: again once when the platform refused the credentials and others came.
      for (let reauthorized = false; ; reauthorized = true) {
        const url = new URL(target);
        appendQuery(url.searchParams, authorization.searchParams);
        this.context.throwIfClosed(); // the last moment before the wire: close() may have come during a wait

        let response: Response;
        try {
          response = await this.#ky(url, {
            method: request.method,
            headers: { accept: 'application/json', ...authorization.headers },
            ...(request.json !== undefined ? { json: request.json } : {}),
            ...(request.form ? { body: new URLSearchParams({ ...request.form, ...authorization.form }) } : {}),
            ...(request.multipart ? { body: toFormData(request.multipart) } : {}),
            ...(request.signal ? { signal: request.signal } : {}),
          });
        } catch (cause) {
          if (request.signal?.aborted) throw request.signal.reason;
          return networkFailure(this.context, cause, write, this.context.options.timeoutMs);
        }

        const states = this.platform.readRateLimits(response.headers, buckets[0]!);
        for (const state of states) await this.quota.report(state);
        const text = await response.text();
        const body = parseJson(text);
        if (response.ok && !this.platform.failedAnswer?.(body, response.status)) {
          request.onResponseHeaders?.(response.headers);
          return { value: this.#parse(request, body, write, response.status) };
        }

        const errorResponse = { status: response.status, headers: response.headers, body, text, bucket: buckets[0]!, method: request.method, path: request.path };
        const info = this.platform.describeError(errorResponse);
        if (!reauthorized && this.platform.reauthorize && (info.credentialsRefused ?? response.status === 401)) {
          const next = await this.platform.reauthorize(authorizeRequest, authorization);
          if (JSON.stringify(next) !== JSON.stringify(authorization)) {
            authorization = next;
            continue; // a refusal of the credentials proves nothing was applied: a write too is sent again
          }
        }
        // A limit answer without its own reset time resets when the spent bucket's headers say: this answer's,
        // or (it has none, or they lack the reset) what earlier answers reported for the request's buckets.
        const limited = info.kind === 'rate_limited' || (info.kind === undefined && response.status === 429);
        const knownReset = info.resetAt ? undefined : this.#knownReset(states, limited ? buckets : []);
        if (knownReset) info.resetAt = knownReset;
        const failure = responseFailure(this.context, errorResponse, info, write, retryAfterMs(response.headers));
        if (failure.error.code === 'rate_limited') {
          // The platform said the bucket is spent: it stays spent until the reset in either mode, so the
          // next call waits for it or, with 'throw', is refused before it is sent. Throw mode marks only a
          // reset the platform told (it never guesses one); wait mode falls back to a minute.
          const throwMode = this.context.options.rateLimit.onLimit === 'throw';
          const toldReset = (failure.error as { resetAt?: Date }).resetAt;
          const resetAt = toldReset ?? (throwMode ? undefined : new Date(Date.now() + (failure.waitMs ?? 60_000)));
          if (resetAt) for (const bucket of info.spentBuckets ?? buckets) await this.quota.exhaust(bucket, resetAt);
          this.#learn(kind, buckets, info.spentBuckets);
          if (throwMode) return { ...failure, retry: false };
        }
        return failure;
      }
    } finally {
      release();
    }
  }

  /** The reset of the spent bucket: one this answer reported at 0 left, else the known future reset of the one of `buckets` with the least left. */
  #knownReset(states: RateLimitState[], buckets: string[]): Date | undefined {
    const reported = states.find((state) => state.remaining === 0 && state.resetAt)?.resetAt;
    if (reported) return reported;
    const now = Date.now();
    const known = buckets
      .map((bucket) => this.context.rateLimits.get(bucket))
      .filter((state): state is RateLimitState & { resetAt: Date } => state?.resetAt !== undefined && state.resetAt.getTime() > now)
      .sort((a, b) => (a.remaining ?? Infinity) - (b.remaining ?? Infinity));
    return known[0]?.resetAt;
  }

  /** A named bucket the request did not list is reserved by every later request with the same own buckets. */
  #learn(kind: string, buckets: string[], spent: string[] | undefined): void {
    const extra = (spent ?? []).filter((bucket) => !buckets.includes(bucket));
    if (extra.length === 0) return;
    const known = this.#named.get(kind) ?? new Set<string>();
    for (const bucket of extra) known.add(bucket);
    this.#named.set(kind, known);
  }

  #parse<T>(request: HttpRequest<T>, body: unknown, write: boolean, status: number): T {
    const result = z.safeParse(request.schema, body);
    if (result.success) return result.data;
    const issues = result.error.issues.map((issue) => ({ path: issue.path, message: describeIssue(issue), code: issue.code }));
    const where = issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
    throw new InvalidResponseError(`${this.context.platform} ${request.method} ${request.path} answered ${status} with an unexpected body: ${where}`, {
      ...this.context.errorOptions({ status }),
      issues,
      // The platform accepted the write; only its answer could not be read.
      ...(write ? { maybeDelivered: true } : {}),
    });
  }
}

/** A file in a multipart body: its bytes, the file name and type the server is told. */
export interface MultipartFile {
  data: Uint8Array;
  name: string;
  mimeType: string;
}

function toFormData(fields: Record<string, string | MultipartFile>): FormData {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') body.append(key, value);
    else body.append(key, new Blob([new Uint8Array(value.data)], { type: value.mimeType }), value.name); // a copy: Blob takes ArrayBuffer-backed views only
  }
  return body;
}

function appendQuery(target: URLSearchParams, values: Record<string, QueryValue> | undefined): void {
  if (!values) return;
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) target.append(key, String(item));
    else target.set(key, String(value));
  }
}
