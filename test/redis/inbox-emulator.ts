/**
 * A small support-inbox API for the multi-worker tests, shaped like X API v2 where it matters to
 * the core: `{ data, meta }` envelopes, ids as numeric strings, `since_id` polling oldest first, and
 * the rate-limit headers `x-rate-limit-limit`, `x-rate-limit-remaining`, `x-rate-limit-reset`
 * (epoch seconds) on every answer of a limited endpoint, 429 past the limit
 * (https://docs.x.com/x-api/fundamentals/rate-limits). Strict: 400 on a bad parameter.
 *
 * GET  /messages?since_id=&start_time=&max_results=   inbound messages after since_id (or from start_time), oldest first
 * POST /replies {"in_reply_to","text"}                 answer a message (bucket "POST /replies")
 * GET  /replies?in_reply_to=                           the answers to a message (used to recover an interrupted reply)
 */
import { Emulator, type EmulatorOptions, type RouteContext } from '../../src/testing/emulator.js';

export interface InboxMessage {
  id: string;
  text: string;
  author_id: string;
  created_at: string;
}

export interface InboxReply {
  id: string;
  in_reply_to: string;
  text: string;
  /** When the emulator applied it (epoch ms): the multi-worker tests measure windows with it. */
  at: number;
}

const MAX_RESULTS = 100;

export class InboxEmulator extends Emulator {
  readonly platform = 'inbox';
  readonly messages: InboxMessage[] = [];
  readonly replies: InboxReply[] = [];
  #nextId = 1000;

  constructor(options: EmulatorOptions = {}) {
    super(options);
  }

  /** A customer writes in. */
  add(text: string): InboxMessage {
    const message = { id: String(this.#nextId++), text, author_id: 'customer', created_at: new Date().toISOString() };
    this.messages.push(message);
    return message;
  }

  /** How many answers each message got. */
  answerCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const reply of this.replies) counts.set(reply.in_reply_to, (counts.get(reply.in_reply_to) ?? 0) + 1);
    return counts;
  }

  protected async route(request: Request, context: RouteContext): Promise<Response> {
    const bucket = `${request.method} ${context.path}`;
    const hit = this.limiter.hit(bucket);
    const headers: Record<string, string> = {};
    if (hit) {
      headers['x-rate-limit-limit'] = String(hit.limit);
      headers['x-rate-limit-remaining'] = String(hit.remaining);
      headers['x-rate-limit-reset'] = String(Math.ceil(hit.resetAt / 1000));
      if (!hit.allowed) return Response.json({ title: 'Too Many Requests', status: 429 }, { status: 429, headers });
    }
    if (bucket === 'GET /messages') return this.#list(context.url.searchParams, headers);
    if (bucket === 'POST /replies') return this.#reply(context.body, headers);
    if (bucket === 'GET /replies') {
      const parent = context.url.searchParams.get('in_reply_to');
      if (!parent) return invalid("'in_reply_to' is required");
      return Response.json({ data: this.replies.filter((reply) => reply.in_reply_to === parent).map(publicReply) }, { headers });
    }
    return Response.json({ title: 'Not Found', status: 404 }, { status: 404 });
  }

  #list(query: URLSearchParams, headers: Record<string, string>): Response {
    const sinceId = query.get('since_id');
    const startTime = query.get('start_time');
    const max = Number(query.get('max_results') ?? 10);
    if (!Number.isInteger(max) || max < 1 || max > MAX_RESULTS) return invalid(`'max_results' must be 1..${MAX_RESULTS}`);
    const after = this.messages.filter((message) =>
      sinceId ? BigInt(message.id) > BigInt(sinceId) : startTime ? message.created_at >= startTime : true,
    );
    const page = after.slice(0, max);
    return Response.json({ data: page, meta: { result_count: page.length, ...(after.length > max ? { more: true } : {}) } }, { headers });
  }

  #reply(body: string, headers: Record<string, string>): Response {
    let parsed: { in_reply_to?: unknown; text?: unknown };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      return invalid('the body must be JSON');
    }
    if (typeof parsed.text !== 'string' || parsed.text === '') return invalid("'text' is required");
    if (typeof parsed.in_reply_to !== 'string') return invalid("'in_reply_to' is required");
    const reply: InboxReply = { id: String(this.#nextId++), in_reply_to: parsed.in_reply_to, text: parsed.text, at: Date.now() };
    this.replies.push(reply);
    return Response.json({ data: publicReply(reply) }, { status: 201, headers });
  }
}

function publicReply(reply: InboxReply) {
  return { id: reply.id, in_reply_to: reply.in_reply_to, text: reply.text };
}

function invalid(detail: string): Response {
  return Response.json({ title: 'Invalid Request', detail, status: 400 }, { status: 400 });
}
