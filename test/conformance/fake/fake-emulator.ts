/**
 * A minimal platform for proving the conformance suite: posts, replies and direct messages behind a
 * small JSON API, with X-style limit headers (x-rate-limit-*, reset in epoch seconds) and the base
 * emulator's faults. It follows no real platform; it exists so the suite can be run where every answer is known.
 */
import { Emulator, type RouteContext } from '../../../src/testing/emulator.js';

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
export const FAKE_SELF = 'bot';

export class FakeEmulator extends Emulator {
  readonly platform = 'fake';
  readonly records: FakeRecord[] = [];
  #next = 1;

  add(author: string, text: string, options: { direct?: boolean; replyTo?: string } = {}): FakeRecord {
    const id = String(this.#next++);
    const parent = options.replyTo ? this.records.find((record) => record.id === options.replyTo) : undefined;
    // Strictly increasing times, so order by time is order by id.
    const createdAt = new Date(Math.max(Date.now(), Date.parse(this.records.at(-1)?.createdAt ?? '0') + 1)).toISOString();
    const record: FakeRecord = { id, threadId: parent?.threadId ?? id, author, text, direct: options.direct ?? parent?.direct ?? false, createdAt };
    if (parent) record.parentId = parent.id;
    this.records.push(record);
    return record;
  }

  protected async route(request: Request, context: RouteContext): Promise<Response> {
    const bucket = `${request.method} ${context.path.replace(/\/\d+$/, '/:id')}`;
    const hit = this.limiter.hit(bucket);
    const headers: Record<string, string> = hit
      ? { 'x-rate-limit-limit': String(hit.limit), 'x-rate-limit-remaining': String(hit.remaining), 'x-rate-limit-reset': String(Math.ceil(hit.resetAt / 1000)) }
      : {};
    if (request.headers.get('authorization') !== `Bearer ${FAKE_TOKEN}`) return Response.json({ error: 'unauthorized' }, { status: 401, headers });
    if (hit && !hit.allowed) return Response.json({ error: 'too many requests' }, { status: 429, headers });

    if (request.method === 'POST' && context.path === '/messages') {
      const body = JSON.parse(context.body) as { text?: string; to?: string; replyTo?: string };
      if (!body.text) return Response.json({ error: 'text is required' }, { status: 400, headers });
      const record = this.add(FAKE_SELF, body.text, { ...(body.to !== undefined ? { direct: true } : {}), ...(body.replyTo ? { replyTo: body.replyTo } : {}) });
      return Response.json({ data: record }, { status: 201, headers });
    }
    if (request.method === 'GET' && context.path === '/messages') {
      const after = context.url.searchParams.get('after');
      const before = context.url.searchParams.get('before');
      const limit = Number(context.url.searchParams.get('limit') ?? '10');
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) return Response.json({ error: 'limit must be 1 to 100' }, { status: 400, headers });
      let records = this.records.filter((record) => record.author !== FAKE_SELF);
      if (after) records = records.filter((record) => Number(record.id) > Number(after)).slice(0, limit); // oldest first
      else {
        records = records.filter((record) => !before || Number(record.id) < Number(before)).reverse().slice(0, limit); // newest first
      }
      return Response.json({ data: records }, { headers });
    }
    const thread = /^\/threads\/(\d+)$/.exec(context.path);
    if (request.method === 'GET' && thread) {
      const records = this.records.filter((record) => record.threadId === thread[1]);
      if (records.length === 0) return Response.json({ error: 'not found' }, { status: 404, headers });
      return Response.json({ data: records }, { headers });
    }
    return Response.json({ error: 'no such endpoint' }, { status: 404, headers });
  }
}
