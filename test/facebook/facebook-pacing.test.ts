/**
 * Messenger's pace (https://developers.facebook.com/docs/graph-api/overview/rate-limiting/, Conversations API
 * limitations): 200 calls × the people the Page can message per 24 hours, 2 conversation calls per second
 * per Page. The emulator enforces both and sends usage headers once enough calls were made; the channel
 * stays inside both, a small Page included.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Channel, Message } from '../../src/index.js';
import { FacebookEmulator } from '../../src/testing/facebook/index.js';
import { collect, until } from '../conformance/helpers.js';
import { createFacebook, CUSTOMER, emulatorFetch } from './facebook-world.js';

const controllers: AbortController[] = [];
const channels: Channel[] = [];
afterEach(async () => {
  controllers.splice(0).forEach((controller) => controller.abort());
  await Promise.all(channels.splice(0).map((channel) => channel.close()));
});

function graph(emulator: FacebookEmulator) {
  const fetch = emulatorFetch(emulator);
  return (path: string, init: RequestInit = {}) =>
    fetch(`https://graph.facebook.com/v21.0${path}`, { ...init, headers: { authorization: `Bearer ${emulator.pageAccessToken}`, ...init.headers } });
}

describe('the emulator keeps Messenger\'s limits', () => {
  it('a third conversation read within one second is code 613; other reads are not counted there', async () => {
    const emulator = new FacebookEmulator();
    emulator.messengerMessage({ from: CUSTOMER.id, text: 'Hi' });
    const get = graph(emulator);
    // All in one second: the clock stands still at the start of one.
    vi.useFakeTimers({ toFake: ['Date'], now: Math.floor(Date.now() / 1000) * 1000 + 1000 });
    try {
      const answers = [];
      for (let read = 0; read < 3; read++) answers.push(await get(`/${emulator.pageId}/conversations?platform=messenger`));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 400]);
      expect((await answers[2]!.json()).error).toMatchObject({ code: 613 });
      expect((await get(`/${emulator.pageId}/feed`)).status).toBe(200);
      vi.setSystemTime(Date.now() + 1000);
      expect((await get(`/${emulator.pageId}/conversations?platform=messenger`)).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it('Messenger allows 200 calls per person who wrote in the last 24 hours: the 201st with one person is refused', async () => {
    const emulator = new FacebookEmulator({ limits: { conversations: { limit: 10_000, windowMs: 1000 } } });
    emulator.messengerMessage({ from: CUSTOMER.id, text: 'Hi' });
    const send = () => graph(emulator)(`/${emulator.pageId}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ recipient: { id: CUSTOMER.id }, messaging_type: 'RESPONSE', message: { text: 'x' } }) });
    for (let call = 0; call < 200; call++) expect((await send()).status).toBe(200);
    const refused = await send();
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatchObject({ code: 613 });
    // A second person writes: 200 more.
    emulator.messengerMessage({ from: '7000000002', text: 'Me too' });
    expect((await send()).status).toBe(200);
  });

  it('sends usage headers only once enough calls were made (1 % of a bucket)', async () => {
    const emulator = new FacebookEmulator({ limits: { pages: { limit: 300, windowMs: 60_000 } } });
    const get = graph(emulator);
    expect((await get(`/${emulator.pageId}/feed`)).headers.get('x-business-use-case-usage')).toBeNull();
    await get(`/${emulator.pageId}/feed`);
    const third = await get(`/${emulator.pageId}/feed`);
    expect(JSON.parse(third.headers.get('x-business-use-case-usage')!)[emulator.pageId][0]).toMatchObject({ type: 'pages', call_count: 1 });
  });
});

describe('the channel stays inside them', () => {
  it('history over many conversations never goes past 2 conversation calls per second', async () => {
    const emulator = new FacebookEmulator();
    for (let person = 0; person < 3; person++) {
      for (let message = 0; message < 30; message++) emulator.messengerMessage({ from: `70000001${person}`, text: `m${person}.${message}`, at: new Date(Date.now() - 100_000 + person * 1000 + message) });
    }
    const direct = (await collect(createFacebook(emulator).messages())).filter((message: Message) => message.kind === 'direct');
    expect(direct).toHaveLength(90);
    const conversationReads = emulator.requests.filter((request) => /\/conversations|\/t_\d+\/messages/.test(request.url.pathname));
    expect(conversationReads.length).toBeGreaterThan(2);
    expect(conversationReads.every((request) => request.status === 200)).toBe(true);
    expect(emulator.limiter.refused).toBe(0);
  });

  it('a small Page (one person) polls its conversations 4 times an hour however short the poll interval', async () => {
    const emulator = new FacebookEmulator();
    emulator.messengerMessage({ from: CUSTOMER.id, text: 'Hello', at: new Date(Date.now() - 60_000) });
    const channel = createFacebook(emulator, { pollIntervalMs: 5, messengerPeople: undefined });
    channels.push(channel);
    const controller = new AbortController();
    controllers.push(controller);
    // Nothing to deliver (the message is older than `since`): the polls go on without a consumer.
    const iterator = channel.listen({ since: new Date(), signal: controller.signal })[Symbol.asyncIterator]();
    void iterator.next();
    const reads = (part: string) => emulator.requests.filter((request) => request.method === 'GET' && request.url.pathname.endsWith(part)).length;
    await until(() => reads('/feed') >= 30, 10_000, '30 polls of the feed');
    expect(reads('/conversations')).toBeGreaterThanOrEqual(1);
    expect(reads('/conversations')).toBeLessThanOrEqual(4);
    expect(channel.rateLimits()).toContainEqual(expect.objectContaining({ bucket: `facebook:${emulator.pageId}:messenger polls`, limit: 4 }));
  });
});
