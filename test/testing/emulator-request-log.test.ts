/**
 * What a viewer of the emulators (the sandbox page) reads: each request with its answer, one event per
 * request, and the rate-limit windows as they stand.
 */
import { describe, expect, it } from 'vitest';
import { Emulator, RECORDED_BODY_LIMIT, type RecordedRequest, type RouteContext } from '../../src/testing/emulator.js';

class EchoEmulator extends Emulator {
  readonly platform = 'echo';
  protected override defaultLimit(bucket: string) {
    return bucket === 'GET /items' ? { limit: 2, windowMs: 60_000 } : undefined;
  }
  protected override async route(request: Request, context: RouteContext): Promise<Response> {
    if (context.path === '/big') return new Response('x'.repeat(RECORDED_BODY_LIMIT + 10), { status: 200 });
    const hit = this.limiter.hit('GET /items');
    if (!hit?.allowed) return Response.json({ error: 'slow down' }, { status: 429 });
    return Response.json({ got: context.body, method: request.method }, { status: 201, headers: { 'x-rate-limit-remaining': String(hit.remaining) } });
  }
}

const base = 'http://127.0.0.1:9/echo';
const send = (emulator: Emulator, path: string, body?: string) =>
  emulator.handle(new Request(`${base}${path}`, body === undefined ? {} : { method: 'POST', body }), base);

describe('emulator request log', () => {
  it('keeps each answer (status, headers, body) and tells each listener once per request', async () => {
    const emulator = new EchoEmulator();
    const seen: RecordedRequest[] = [];
    const stop = emulator.onRequest((request) => seen.push(request));
    const response = await send(emulator, '/items', '{"a":1}');
    expect(await response.json()).toEqual({ got: '{"a":1}', method: 'POST' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toBe('{"a":1}');
    expect(seen[0]!.answer).toMatchObject({ status: 201, body: '{"got":"{\\"a\\":1}","method":"POST"}', truncated: false, dropped: false });
    expect(seen[0]!.answer!.headers['x-rate-limit-remaining']).toBe('1');
    stop();
    await send(emulator, '/items');
    expect(seen).toHaveLength(1);
    expect(emulator.requests).toHaveLength(2);
  });

  it('cuts a long answer body at the limit, and the client still gets all of it', async () => {
    const emulator = new EchoEmulator();
    emulator.keepAnswers = true;
    const response = await send(emulator, '/big');
    expect((await response.text()).length).toBe(RECORDED_BODY_LIMIT + 10);
    expect(emulator.requests[0]!.answer!.body.length).toBe(RECORDED_BODY_LIMIT);
    expect(emulator.requests[0]!.answer!.truncated).toBe(true);
  });

  it('records faults: a dropped connection and a 503 after the write', async () => {
    const emulator = new EchoEmulator();
    emulator.keepAnswers = true;
    emulator.fail({ status: 0, drop: true });
    emulator.fail({ status: 503, afterApply: true, body: { error: 'unavailable' } });
    await send(emulator, '/items');
    await send(emulator, '/items', 'x');
    expect(emulator.requests.map((request) => request.answer?.dropped)).toEqual([true, false]);
    expect(emulator.requests[1]!.answer).toMatchObject({ status: 503, body: '{"error":"unavailable"}' });
    expect(Object.keys(emulator.requests[0]!.answer!.headers)).not.toContain('x-everywhere-drop-connection');
  });

  it('a listener that throws does not break the answer', async () => {
    const emulator = new EchoEmulator();
    emulator.onRequest(() => {
      throw new Error('viewer broke');
    });
    expect((await send(emulator, '/items')).status).toBe(201);
  });

  it('snapshots the rate-limit windows without counting', async () => {
    const emulator = new EchoEmulator();
    expect(emulator.limiter.snapshot()).toEqual([]);
    const now = Date.now();
    await send(emulator, '/items');
    await send(emulator, '/items');
    await send(emulator, '/items');
    const [bucket] = emulator.limiter.snapshot();
    expect(bucket).toMatchObject({ bucket: 'GET /items', limit: 2, used: 2 });
    expect(bucket!.resetAt).toBeGreaterThan(now);
    expect(emulator.limiter.snapshot()[0]!.used).toBe(2);
    expect(emulator.limiter.snapshot(bucket!.resetAt)[0]!.used).toBe(0);
  });
});

describe('a fault with an end', () => {
  it('hits requests until its time, then none, hits left or not', async () => {
    const emulator = new EchoEmulator({ limits: { 'GET /items': { limit: 100, windowMs: 60_000 } } });
    emulator.fail({ status: 429, times: 1000, until: Date.now() + 60_000, match: { path: '/items' } });
    emulator.fail({ status: 503, times: 1000, until: Date.now() - 1, match: { path: '/other' } });
    expect((await send(emulator, '/items')).status).toBe(429);
    expect((await send(emulator, '/other')).status).toBe(201);
    const ended = new EchoEmulator();
    ended.fail({ status: 429, times: 1000, until: Date.now() - 1 });
    expect((await send(ended, '/items')).status).toBe(201);
  });
});
