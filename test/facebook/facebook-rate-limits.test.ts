import { describe, expect, it } from 'vitest';
import { RateLimitError, type Message } from '../../src/index.js';
import { readGraphUsage as readFacebookRateLimits, SLOW_DOWN_AT } from '../../src/meta/meta-usage.js';
import { FacebookEmulator } from '../../src/testing/facebook/index.js';
import { rejection } from '../conformance/helpers.js';
import { createFacebook } from './facebook-world.js';

const name = (bucket: string) => `facebook:1:${bucket}`;

describe('usage headers', () => {
  it('reads X-App-Usage, X-Page-Usage and X-Business-Use-Case-Usage; open below 90 %, spent from 90 %', () => {
    const now = Date.UTC(2025, 0, 1);
    const headers = new Headers({
      'x-app-usage': JSON.stringify({ call_count: 12, total_cputime: 3, total_time: 40 }),
      'x-page-usage': JSON.stringify({ call_count: 95, total_cputime: 10, total_time: 10 }),
      'x-business-use-case-usage': JSON.stringify({
        '1000000001': [
          { type: 'pages', call_count: 100, total_cputime: 20, total_time: 20, estimated_time_to_regain_access: 7 },
          { type: 'messenger', call_count: 5, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: 0 },
        ],
      }),
    });
    const states = readFacebookRateLimits(headers, name, now);
    expect(states).toEqual([
      { bucket: name('app'), usage: 40 },
      // 95 % with no regain estimate: one minute per point from 89 %.
      { bucket: name('pages'), usage: 95, remaining: 0, resetAt: new Date(now + 6 * 60_000) },
      { bucket: name('pages'), usage: 100, remaining: 0, resetAt: new Date(now + 7 * 60_000) },
      { bucket: name('messenger'), usage: 5 },
    ]);
    expect(SLOW_DOWN_AT).toBe(90);
  });

  it('ignores absent or malformed headers', () => {
    const headers = new Headers({ 'x-app-usage': 'not json', 'x-business-use-case-usage': '{"1":[{"type":"pages"}]}' });
    expect(readFacebookRateLimits(headers, name)).toEqual([]);
  });
});

describe('slowing down before Graph throttles', () => {
  it('usage at 95 % delays the next call: waits for it, or throws RateLimitError without sending', async () => {
    const emulator = new FacebookEmulator();
    emulator.setLimit('app', { limit: 20, windowMs: 60 * 60 * 1000 });
    for (let index = 0; index < 18; index++) emulator.limiter.hit('app'); // the app's other calls this hour
    const throwing = createFacebook(emulator, { rateLimit: { onLimit: 'throw' } });

    await throwing.send({ text: 'Maintenance window tonight at 22:00.' }); // the 19th call: Graph answers 95 %
    expect(throwing.rateLimits()).toContainEqual(expect.objectContaining({ bucket: 'facebook:1000000001:app', usage: 95, remaining: 0 }));
    const before = emulator.requests.length;
    const error = (await rejection(throwing.send({ text: 'A second update.' }))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.resetAt!.getTime()).toBeGreaterThan(Date.now() + 5 * 60_000);
    expect(emulator.requests.length).toBe(before); // nothing went on the wire

    const waiting = createFacebook(emulator);
    // A second process of the same app: its first call is answered with the usage too (a refused duplicate, here).
    await rejection(waiting.send({ text: 'Maintenance window tonight at 22:00.' }));
    const controller = new AbortController();
    const waits: number[] = [];
    waiting.on('rateLimit', (_state, waitMs) => {
      waits.push(waitMs);
      controller.abort();
    });
    const sent = emulator.requests.length;
    const reading = (async () => {
      for await (const message of waiting.messages({ signal: controller.signal })) return message as Message;
      return undefined;
    })();
    await rejection(reading);
    expect(waits.length).toBeGreaterThan(0); // messages() reads comments and Messenger side by side: each waits
    expect(Math.min(...waits)).toBeGreaterThan(5 * 60_000);
    expect(emulator.requests.length).toBe(sent);
  });

  it('code 613 waits until the regain time Graph gives, then retries once', async () => {
    const emulator = new FacebookEmulator();
    emulator.messengerMessage({ from: '7000000001', text: 'Is my order shipped?' });
    // Graph gives whole minutes; 0.01 minute (600 ms) keeps the test short, the parser takes any number.
    emulator.fail({
      match: { method: 'POST' },
      status: 400,
      headers: { 'x-business-use-case-usage': JSON.stringify({ [emulator.pageId]: [{ type: 'messenger', call_count: 100, total_cputime: 10, total_time: 10, estimated_time_to_regain_access: 0.01 }] }) },
      body: { error: { message: '(#613) Calls to this api have exceeded the rate limit.', type: 'OAuthException', code: 613, fbtrace_id: 'AEmu613' } },
    });
    const channel = createFacebook(emulator);
    const waits: number[] = [];
    channel.on('rateLimit', (_state, waitMs) => waits.push(waitMs));
    const message = await channel.send({ text: 'Yes, it left today.', to: '7000000001' });
    expect(message.kind).toBe('direct');
    expect(waits.length).toBeGreaterThan(0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(600);
    expect(Math.max(...waits)).toBeGreaterThan(0);
    expect(emulator.count('POST', '/v26.0/1000000001/messages')).toBe(2);
    expect(emulator.created).toBe(1);
  });

  it("code 613 with onLimit 'throw' is a RateLimitError at Graph's regain time, not retried", async () => {
    const emulator = new FacebookEmulator();
    emulator.messengerMessage({ from: '7000000001', text: 'Hello?' });
    emulator.fail({
      match: { method: 'POST' },
      status: 400,
      headers: { 'x-business-use-case-usage': JSON.stringify({ [emulator.pageId]: [{ type: 'messenger', call_count: 100, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: 7 }] }) },
      body: { error: { message: '(#613) Calls to this api have exceeded the rate limit.', type: 'OAuthException', code: 613, fbtrace_id: 'AEmu613' } },
    });
    const channel = createFacebook(emulator, { rateLimit: { onLimit: 'throw' } });
    const started = Date.now();
    const error = (await rejection(channel.send({ text: 'Hi!', to: '7000000001' }))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.resetAt!.getTime()).toBeGreaterThanOrEqual(started + 7 * 60_000);
    expect(error.resetAt!.getTime()).toBeLessThanOrEqual(Date.now() + 7 * 60_000);
    expect(emulator.count('POST', '/v26.0/1000000001/messages')).toBe(1);
  });

  it('throttling answered with HTTP 403 code 4 (not 429) is a rate limit too', async () => {
    const emulator = new FacebookEmulator();
    emulator.setLimit('app', { limit: 1, windowMs: 60 * 60 * 1000 });
    emulator.limiter.hit('app');
    const channel = createFacebook(emulator, { rateLimit: { onLimit: 'throw' } });
    const error = (await rejection(channel.send({ text: 'Status: all good.' }))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.status).toBe(403);
    expect(emulator.requests.at(-1)!.status).toBe(403);
  });
});
