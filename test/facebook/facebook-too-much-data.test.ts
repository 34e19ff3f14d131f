/**
 * Graph's HTTP 500 code 1 "Please reduce the amount of data you're asking for" on big nested reads:
 * the emulator answers it past `maxObjectsPerRead`; the channel asks again with smaller limits and
 * keeps them, so a read recovers instead of sending the same request forever.
 */
import { describe, expect, it } from 'vitest';
import type { Channel, Message } from '../../src/index.js';
import { FacebookEmulator } from '../../src/testing/facebook/index.js';
import { collect } from '../conformance/helpers.js';
import { createFacebook, CUSTOMER, emulatorFetch } from './facebook-world.js';


/** A busy Page: 3 posts with 20 comments each, all in the last minute. */
function busyPage(maxObjectsPerRead: number) {
  const emulator = new FacebookEmulator({ maxObjectsPerRead });
  const start = Date.now() - 60_000;
  for (let post = 0; post < 3; post++) {
    const postId = emulator.post({ message: `Post ${post}`, at: new Date(start + post) });
    for (let comment = 0; comment < 20; comment++) {
      emulator.comment({ from: CUSTOMER, message: `comment ${post}/${comment}`, on: postId, at: new Date(start + 1000 + post * 100 + comment) });
    }
  }
  return emulator;
}

const feedReads = (emulator: FacebookEmulator) => emulator.requests.filter((request) => request.method === 'GET' && request.url.pathname.endsWith('/feed'));

describe("Graph's code 1 for a read that asks too much", () => {
  it('the emulator answers HTTP 500 code 1 when a nested read returns more than maxObjectsPerRead, and the read as is when it does not', async () => {
    const emulator = busyPage(30);
    const fetch = emulatorFetch(emulator);
    const headers = { authorization: `Bearer ${emulator.pageAccessToken}` };
    const big = await fetch(`https://graph.facebook.com/v26.0/${emulator.pageId}/feed?fields=id,comments.limit(100){id}&limit=25`, { headers });
    expect(big.status).toBe(500);
    expect(await big.json()).toEqual({ error: { code: 1, message: "Please reduce the amount of data you're asking for, then retry your request" } });
    const small = await fetch(`https://graph.facebook.com/v26.0/${emulator.pageId}/feed?fields=id,comments.limit(5){id}&limit=3`, { headers });
    expect(small.status).toBe(200);
    // Without nested edges the same number of posts is never "too much".
    expect((await fetch(`https://graph.facebook.com/v26.0/${emulator.pageId}/feed?fields=id&limit=100`, { headers })).status).toBe(200);
  });

  it('maxObjectsPerRead must be a positive integer', () => {
    expect(() => new FacebookEmulator({ maxObjectsPerRead: 0 })).toThrow(TypeError);
    expect(() => new FacebookEmulator({ maxObjectsPerRead: 2.5 })).toThrow(TypeError);
  });

  it('the default threshold lets 25 posts with 99 comments each through and refuses 25 with 100', async () => {
    const emulator = new FacebookEmulator();
    for (let post = 0; post < 25; post++) {
      const postId = emulator.post({ message: `Post ${post}` });
      for (let comment = 0; comment < 100; comment++) emulator.comment({ from: CUSTOMER, message: `c${comment}`, on: postId });
    }
    const fetch = emulatorFetch(emulator);
    const headers = { authorization: `Bearer ${emulator.pageAccessToken}` };
    const read = (comments: number) => fetch(`https://graph.facebook.com/v26.0/${emulator.pageId}/feed?fields=id,comments.limit(${comments}){id}&limit=25`, { headers });
    expect((await read(99)).status).toBe(200);
    expect((await read(100)).status).toBe(500);
  });

  it('history asks again with halved limits until Graph answers, gives every comment, and keeps the smaller sizes', async () => {
    const emulator = busyPage(30);
    const channel: Channel = createFacebook(emulator);
    const comments = (await collect(channel.messages())).filter((message: Message) => message.kind === 'comment');
    expect(new Set(comments.map((message) => message.text)).size).toBe(60);
    const reads = feedReads(emulator);
    // The first read asked 25 posts with 25 comments each and was refused, once (not retried as is).
    expect(reads[0]!.status).toBe(500);
    expect(reads[0]!.url.searchParams.get('limit')).toBe('25');
    expect(reads[1]!.url.searchParams.get('limit')).toBe('12');
    expect(reads.find((request) => request.status === 200)!.url.searchParams.get('limit')).toBe('6');
    // The next read of the same kind starts at the size that passed.
    const before = feedReads(emulator).length;
    await collect(channel.messages({ limit: 1 }));
    const next = feedReads(emulator).slice(before);
    expect(next.length).toBeGreaterThan(0);
    expect(next.every((request) => request.status === 200 && request.url.searchParams.get('limit') === '6')).toBe(true);
  });

  it('conversations with nested messages shrink the same way', async () => {
    const emulator = new FacebookEmulator({ maxObjectsPerRead: 30 });
    for (let person = 0; person < 4; person++) {
      for (let message = 0; message < 10; message++) emulator.messengerMessage({ from: `70000000${10 + person}`, text: `m${person}/${message}`, at: new Date(Date.now() - 60_000 + person * 100 + message) });
    }
    const direct = (await collect(createFacebook(emulator).messages())).filter((message: Message) => message.kind === 'direct');
    expect(direct).toHaveLength(40);
    const reads = emulator.requests.filter((request) => request.url.pathname.endsWith('/conversations'));
    expect(reads[0]!.status).toBe(500);
    expect(reads.at(-1)!.status).toBe(200);
  });
});
