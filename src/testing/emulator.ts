/**
 * The base of every platform emulator: a fetch-style handler (Request in, Response out) that the
 * msw handlers and the sandbox server both wrap. It logs every request, serves injected faults and
 * keeps strict rate-limit windows; a subclass routes to the platform's documented endpoints.
 */
import { WindowLimiter, type WindowRule } from './window-limiter.js';

export interface RecordedRequest {
  method: string;
  /** The path below the emulator's base, with the query string, e.g. "/2/tweets?max_results=5". */
  path: string;
  url: URL;
  headers: Headers;
  body: string;
  status: number;
  /** When it arrived (epoch ms). */
  at: number;
  /** What the emulator answered (set once answered; a dropped connection has status 599 and no body). */
  answer?: RecordedAnswer;
}

/** The answer to a recorded request, kept for a viewer (the sandbox page's request log). */
export interface RecordedAnswer {
  status: number;
  headers: Record<string, string>;
  /** The answer's body as text, cut at RECORDED_BODY_LIMIT characters. */
  body: string;
  /** The answer's body was longer than what `body` keeps. */
  truncated: boolean;
  /** The connection was closed without an answer (a `drop` fault). */
  dropped: boolean;
  /** How long the emulator took to answer, in ms. */
  elapsedMs: number;
}

/** How much of an answer body a recorded request keeps: enough to read, not a copy of every page served. */
export const RECORDED_BODY_LIMIT = 64 * 1024;

export type RequestListener = (request: RecordedRequest) => void;

export interface Fault {
  /** Which requests it hits; default every request. */
  match?: { method?: string; path?: string | RegExp };
  /** The status to answer. */
  status: number;
  /** JSON body (or a string sent as is). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Carry the request out first, then answer with the fault: an ambiguous failure. */
  afterApply?: boolean;
  /** Close the connection instead of answering (the sandbox server destroys the socket; msw a network error). */
  drop?: boolean;
  /** How many requests it hits. @default 1 */
  times?: number;
  /** Epoch ms after which it hits nothing more, hits left or not (a storm of a few seconds). */
  until?: number;
}

export interface EmulatorOptions {
  /** Rate-limit windows per bucket name; the platform's documented defaults when absent. */
  limits?: Record<string, WindowRule>;
}

export interface RouteContext {
  /** The path below the emulator's base. */
  path: string;
  url: URL;
  /** The emulator's own base URL (for links in answers). */
  base: string;
  body: string;
}

export abstract class Emulator {
  abstract readonly platform: string;
  readonly requests: RecordedRequest[] = [];
  readonly limiter: WindowLimiter;
  readonly #faults: Array<Fault & { left: number }> = [];
  readonly #requestListeners = new Set<RequestListener>();

  constructor(protected readonly options: EmulatorOptions = {}) {
    this.limiter = new WindowLimiter((bucket) => this.options.limits?.[bucket] ?? this.defaultLimit(bucket));
  }

  /** The documented default window of a bucket, if the platform has one. */
  protected defaultLimit(_bucket: string): WindowRule | undefined {
    return undefined;
  }

  /** Set or change the window of a bucket. */
  setLimit(bucket: string, rule: WindowRule | undefined): void {
    this.options.limits = { ...this.options.limits };
    if (rule) this.options.limits[bucket] = rule;
    else delete this.options.limits[bucket];
  }

  /** Answer the next matching request(s) with a fault. */
  fail(fault: Fault): void {
    this.#faults.push({ ...fault, left: fault.times ?? 1 });
  }

  /** Called with each request once it is answered (its `answer` set); returns the unsubscribe. */
  onRequest(listener: RequestListener): () => void {
    this.#requestListeners.add(listener);
    return () => this.#requestListeners.delete(listener);
  }

  /** Requests with this method whose path starts with `prefix`. */
  count(method: string, prefix: string): number {
    return this.requests.filter((request) => request.method === method && request.path.split('?')[0]!.startsWith(prefix)).length;
  }

  /** Answer a request addressed to `base` (the URL the emulator is mounted at). */
  async handle(request: Request, base: string): Promise<Response> {
    const url = new URL(request.url);
    const basePath = new URL(base).pathname.replace(/\/$/, '');
    const path = url.pathname.slice(basePath.length) || '/';
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const context: RouteContext = { path, url, base: base.replace(/\/$/, ''), body };
    const record: RecordedRequest = { method: request.method, path: path + url.search, url, headers: request.headers, body, status: 0, at: Date.now() };
    this.requests.push(record);

    const fault = this.#takeFault(request.method, path);
    let response: Response;
    if (fault && !fault.afterApply) response = faultResponse(fault);
    else {
      try {
        response = await this.route(request, context);
      } catch (error) {
        response = Response.json({ error: String(error) }, { status: 500 });
      }
      if (fault) response = faultResponse(fault);
    }
    record.status = response.status;
    // Every HTTP server with a clock dates its answers (RFC 9110 §6.6.1); listen sources may read it.
    if (!response.headers.has('date')) response.headers.set('date', new Date().toUTCString());
    if (this.#requestListeners.size > 0 || this.keepAnswers) {
      record.answer = await recordAnswer(response, record.at);
      for (const listener of this.#requestListeners) {
        try {
          listener(record);
        } catch {
          // A viewer's failure is not the emulator's: the client under test still gets its answer.
        }
      }
    }
    return response;
  }

  /** Keep every request's answer even with no listener (a viewer that reads `requests` later). */
  keepAnswers = false;

  protected abstract route(request: Request, context: RouteContext): Promise<Response>;

  #takeFault(method: string, path: string): Fault | undefined {
    const now = Date.now();
    for (let index = this.#faults.length - 1; index >= 0; index--) {
      if (this.#faults[index]!.until !== undefined && now >= this.#faults[index]!.until!) this.#faults.splice(index, 1);
    }
    const index = this.#faults.findIndex((fault) => {
      if (fault.match?.method && fault.match.method !== method) return false;
      const expected = fault.match?.path;
      if (expected instanceof RegExp) return expected.test(path);
      return expected === undefined || path === expected;
    });
    if (index < 0) return undefined;
    const fault = this.#faults[index]!;
    if (--fault.left <= 0) this.#faults.splice(index, 1);
    return fault;
  }
}

async function recordAnswer(response: Response, at: number): Promise<RecordedAnswer> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== DROP_CONNECTION) headers[name] = value;
  });
  const dropped = response.headers.has(DROP_CONNECTION);
  const text = dropped || response.body === null ? '' : await response.clone().text();
  return { status: response.status, headers, body: text.slice(0, RECORDED_BODY_LIMIT), truncated: text.length > RECORDED_BODY_LIMIT, dropped, elapsedMs: Date.now() - at };
}

/** Marks a response the transport must turn into a dropped connection. */
export const DROP_CONNECTION = 'x-everywhere-drop-connection';

function faultResponse(fault: Fault): Response {
  if (fault.drop) return new Response(null, { status: 599, headers: { [DROP_CONNECTION]: '1' } });
  const headers = new Headers(fault.headers);
  if (typeof fault.body === 'string') return new Response(fault.body, { status: fault.status, headers });
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return new Response(fault.body === undefined ? null : JSON.stringify(fault.body), { status: fault.status, headers });
}
