/**
 * The platform behind the tests' one channel double (fake-channel.ts): posts, replies and direct
 * messages behind a small JSON API, with X-style limit headers (`x-rate-limit-limit`, `-remaining`,
 * `-reset` in epoch seconds, https://docs.x.com/x-api/fundamentals/rate-limits), 429 past a limit,
 * 401 without its token, and the base emulator's faults. It follows no real platform; it exists so
 * the core, the hub, Redis scale-out and the conformance suite run where every answer is known.
 *
 * GET  /messages?after=&since=&limit=   everything after id `after` (or from time `since`), the channel's own messages too, oldest first (what listen() polls)
 * GET  /messages?before=&limit=          others' messages before id `before` (or the newest), newest first (history)
 * POST /messages {"text","to"?,"replyTo"?}  a post, a direct message (`to`) or a reply (`replyTo`)
 * GET  /threads/:id                      a thread, oldest first
 */
import { Emulator, type RouteContext } from '../../src/testing/emulator.js';

export interface FakeRecord {
  id: string;
  threadId: string;
  parentId?: string;
  author: string;
  text: string;
  direct: boolean;
  createdAt: string;
}

export const FAKE_TOKEN = 'fake-token-0123456789';
/** The author id of everything the channel writes. */
export const FAKE_SELF = 'bot';
export const FAKE_CUSTOMER = 'customer';

export class FakePlatform extends Emulator {
  readonly platform = 'fake';
  readonly records: FakeRecord[] = [];
  #next = 1;

  add(author: string, text: string, options: { direct?: boolean; replyTo?: string; at?: Date } = {}): FakeRecord {
    const id = String(this.#next++);
    const parent = options.replyTo ? this.records.find((record) => record.id === options.replyTo) : undefined;
    // Strictly increasing times, so order by time is order by id (unless a test dates a message itself).
    const createdAt = (options.at ?? new Date(Math.max(Date.now(), Date.parse(this.records.at(-1)?.createdAt ?? '0') + 1))).toISOString();
    // A reply to a message this platform never listed (a worker's made-up parent) starts a thread of that id.
    const threadId = parent?.threadId ?? options.replyTo ?? id;
    const record: FakeRecord = { id, threadId, author, text, direct: options.direct ?? parent?.direct ?? false, createdAt };
    if (options.replyTo) record.parentId = options.replyTo;
    this.records.push(record);
    return record;
  }

  /** A customer writes in. */
  inbound(text: string, options: { direct?: boolean; replyTo?: string; at?: Date } = {}): FakeRecord {
    return this.add(FAKE_CUSTOMER, text, options);
  }

  /** What the channel wrote: a post as its text, a reply as "<parent id>:<text>". */
  sent(): string[] {
    return this.records.filter((record) => record.author === FAKE_SELF).map((record) => (record.parentId ? `${record.parentId}:${record.text}` : record.text));
  }

  /** How many answers each message got. */
  answerCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const record of this.records) if (record.author === FAKE_SELF && record.parentId) counts.set(record.parentId, (counts.get(record.parentId) ?? 0) + 1);
    return counts;
  }

  /** Requests listen() polls with so far: a test waits for the next one as proof a poll happened. */
  polls(): number {
    return this.requests.filter((request) => request.method === 'GET' && request.url.searchParams.has('after')).length;
  }

  /**
   * The cursor each listen() poll so far asked from (its `after`), oldest first; undefined for a poll
   * from a time (`since`), which the channel sends while it has no cursor yet.
   */
  pollsFrom(): Array<string | undefined> {
    return this.requests
      .filter((request) => request.method === 'GET' && request.url.searchParams.has('after'))
      .map((request) => (request.url.searchParams.has('since') ? undefined : request.url.searchParams.get('after')!));
  }

  protected async route(request: Request, context: RouteContext): Promise<Response> {
    const bucket = `${request.method} ${context.path.replace(/^\/threads\/.+$/, '/threads/:id')}`;
    const hit = this.limiter.hit(bucket);
    const headers: Record<string, string> = hit
      ? { 'x-rate-limit-limit': String(hit.limit), 'x-rate-limit-remaining': String(hit.remaining), 'x-rate-limit-reset': String(Math.ceil(hit.resetAt / 1000)) }
      : {};
    if (request.headers.get('authorization') !== `Bearer ${FAKE_TOKEN}`) return Response.json({ error: 'unauthorized' }, { status: 401, headers });
    if (hit && !hit.allowed) return Response.json({ error: 'too many requests' }, { status: 429, headers });

    if (bucket === 'POST /messages') return this.#write(context.body, headers);
    if (bucket === 'GET /messages') return this.#list(context.url.searchParams, headers);
    if (bucket === 'GET /threads/:id') {
      const threadId = decodeURIComponent(context.path.slice('/threads/'.length));
      const records = this.records.filter((record) => record.threadId === threadId);
      if (records.length === 0) return Response.json({ error: 'not found' }, { status: 404, headers });
      return Response.json({ data: records }, { headers });
    }
    return Response.json({ error: 'no such endpoint' }, { status: 404, headers });
  }

  #write(body: string, headers: Record<string, string>): Response {
    let parsed: { text?: unknown; to?: unknown; replyTo?: unknown };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      return Response.json({ error: 'the body must be JSON' }, { status: 400, headers });
    }
    if (typeof parsed.text !== 'string' || parsed.text === '') return Response.json({ error: 'text is required' }, { status: 400, headers });
    const replyTo = typeof parsed.replyTo === 'string' ? parsed.replyTo : undefined;
    const record = this.add(FAKE_SELF, parsed.text, { ...(parsed.to !== undefined ? { direct: true } : {}), ...(replyTo ? { replyTo } : {}) });
    return Response.json({ data: record }, { status: 201, headers });
  }

  #list(query: URLSearchParams, headers: Record<string, string>): Response {
    const after = query.get('after');
    const since = query.get('since');
    const before = query.get('before');
    const limit = Number(query.get('limit') ?? '10');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return Response.json({ error: 'limit must be 1 to 100' }, { status: 400, headers });
    const records =
      after !== null
        ? this.records.filter((record) => Number(record.id) > Number(after) && (!since || record.createdAt >= since)).slice(0, limit)
        : this.records
            .filter((record) => record.author !== FAKE_SELF && (!before || Number(record.id) < Number(before)))
            .reverse()
            .slice(0, limit);
    return Response.json({ data: records }, { headers });
  }
}
