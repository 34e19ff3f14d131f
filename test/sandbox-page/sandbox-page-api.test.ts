/**
 * The sandbox page's server without a browser: writing as a customer on every platform, refusing bad
 * input with a 400 that names the field (and writing nothing), faults, the request log without the
 * sandbox's credentials, restart from message N, and the option checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxPage, type SandboxPage } from '../../src/sandbox-page/index.js';
import { until } from '../conformance/helpers.js';
import { getJson, openEvents, postJson } from './page-api.js';

let page: SandboxPage;
beforeAll(async () => {
  page = await startSandboxPage();
});
afterAll(async () => {
  await page?.close();
});

const ACTIONS = [
  { platform: 'twitter', kind: 'mention', text: 'my parcel is late', customer: 'jane' },
  { platform: 'twitter', kind: 'dm', text: 'can I change my address?', customer: 'omar' },
  { platform: 'facebook', kind: 'comment', text: 'Do you ship to Canada?', customer: 'Dana' },
  { platform: 'facebook', kind: 'dm', text: 'Is my refund processed?', customer: 'Ravi' },
  { platform: 'instagram', kind: 'comment', text: 'Is this in size M?', customer: 'kim' },
  { platform: 'instagram', kind: 'dm', text: 'Hello!', customer: 'kim' },
  { platform: 'discourse', kind: 'post', text: 'Export to CSV stopped working', customer: 'sam' },
  { platform: 'discourse', kind: 'dm', text: 'A private question about billing', customer: 'sam' },
  { platform: 'wordpress', kind: 'comment', text: 'Is the packaging recyclable?', customer: 'Mia' },
  { platform: 'youtube', kind: 'comment', text: 'Which cable for step 2?', customer: 'Lee' },
  { platform: 'flickr', kind: 'comment', text: 'Open on Sundays?', customer: 'Noor' },
  { platform: 'google-business', kind: 'review', text: 'Nice shop, slow delivery', customer: 'Alex', rating: 3 },
  { platform: 'trustpilot', kind: 'review', text: 'Good product\nbut support took a week', customer: 'Sam', rating: 2 },
];

describe('writing as a customer', () => {
  it.each(ACTIONS)('$platform $kind shows as a customer row in its place', async (action) => {
    const { status, body } = await postJson(page.url, '/api/customer', action);
    expect(status).toBe(201);
    expect(body).toMatchObject({ platform: action.platform, isBot: false, ...(action.rating ? { rating: action.rating } : {}) });
    expect(body.text).toContain(action.text.split('\n')[1] ?? action.text);
    expect(body.author.replace(/^@/, '').toLowerCase()).toContain(action.customer.toLowerCase());
    const { body: state } = await getJson(page.url, '/api/state');
    expect(state.rows.map((row: { id: string }) => row.id)).toContain(body.id);
    expect(state.transcript.at(-1)).toMatchObject({ by: 'customer', platform: action.platform, nativeId: body.nativeId, action });
  });

  it('answers in a thread: a reply joins its parent thread', async () => {
    const { body: parent } = await postJson(page.url, '/api/customer', { platform: 'discourse', kind: 'post', text: 'Where is my invoice?', customer: 'ana' });
    const { status, body: reply } = await postJson(page.url, '/api/customer', { platform: 'discourse', kind: 'reply', text: 'Any news?', customer: 'ana', inReplyTo: parent.nativeId });
    expect(status).toBe(201);
    expect(reply.threadId).toBe(parent.threadId);
  });

  it.each([
    [{ platform: 'myspace', kind: 'post', text: 'hi', customer: 'a' }, 'platform must be one of'],
    [{ platform: 'twitter', kind: 'review', text: 'hi', customer: 'a', rating: 5 }, 'kind on twitter must be one of'],
    [{ platform: 'twitter', kind: 'mention', text: '  ', customer: 'a' }, 'text must be'],
    [{ platform: 'twitter', kind: 'mention', text: 'hi', customer: '<script>' }, 'customer must be'],
    [{ platform: 'google-business', kind: 'review', text: 'hi', customer: 'a', rating: 6 }, 'rating must be'],
    [{ platform: 'twitter', kind: 'mention', text: 'hi', customer: 'a', rating: 2 }, 'rating is for reviews only'],
    [{ platform: 'twitter', kind: 'reply', text: 'hi', customer: 'a' }, 'a reply needs inReplyTo'],
    [{ platform: 'twitter', kind: 'reply', text: 'hi', customer: 'a', inReplyTo: '999' }, 'no post 999'],
    [{ platform: 'twitter', kind: 'mention', text: 'hi', customer: 'a', extra: 1 }, 'unknown field extra'],
    ['{"platform":', 'JSON'],
  ])('refuses %j with a 400 naming what is wrong, and writes nothing', async (body, message) => {
    const before = (await getJson(page.url, '/api/state')).body;
    const tweets = page.sandbox.twitter.emulator.tweets.length;
    const { status, body: answer } = await postJson(page.url, '/api/customer', body);
    expect(status).toBe(400);
    expect(answer.error).toContain(message);
    const after = (await getJson(page.url, '/api/state')).body;
    expect(after.rows).toHaveLength(before.rows.length);
    expect(after.transcript).toHaveLength(before.transcript.length);
    expect(page.sandbox.twitter.emulator.tweets).toHaveLength(tweets);
  });

  it('refuses a request for another host name (DNS rebinding) with 403, and writes nothing', async () => {
    const { request } = await import('node:http');
    const tweets = page.sandbox.twitter.emulator.tweets.length;
    const status = await new Promise<number>((resolve, reject) => {
      const sent = request(new URL('/api/customer', page.url), { method: 'POST', headers: { host: 'attacker.example', 'content-type': 'application/json' } }, (answer) => {
        answer.resume();
        resolve(answer.statusCode!);
      });
      sent.on('error', reject);
      sent.end(JSON.stringify({ platform: 'twitter', kind: 'mention', text: 'hi', customer: 'a' }));
    });
    expect(status).toBe(403);
    expect(page.sandbox.twitter.emulator.tweets).toHaveLength(tweets);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await fetch(new URL('/api/customer', page.url), { method: 'POST', body: 'platform=twitter' });
    expect(response.status).toBe(415);
  });
});

describe('faults and the request log', () => {
  it('a 429 storm refuses every request to the platform for a few seconds, with its limit headers, and the log shows it', async () => {
    const { status } = await postJson(page.url, '/api/fault', { platform: 'twitter', fault: '429-storm' });
    expect(status).toBe(200);
    const options = page.sandbox.twitter.options;
    const answer = await fetch(`${options.baseUrl}/2/users/me`, { headers: { authorization: `Bearer ${options.accessToken}` } });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('x-rate-limit-remaining')).toBe('0');
    const log = (await getJson(page.url, '/api/state')).body.requests.twitter;
    expect(log.at(-1)).toMatchObject({ method: 'GET', path: '/2/users/me', status: 429, limits: { 'x-rate-limit-remaining': '0' } });
  });

  it('shows a request in full without the sandbox credentials', async () => {
    const options = page.sandbox.youtube.options;
    await fetch(`${options.baseUrl}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'refresh_token', client_id: options.oauth2.clientId, client_secret: options.oauth2.clientSecret, refresh_token: options.oauth2.refreshToken }) });
    const log = (await getJson(page.url, '/api/state')).body.requests.youtube;
    const { status, body } = await getJson(page.url, `/api/requests/youtube/${log.at(-1).index}`);
    expect(status).toBe(200);
    expect(body.answerBody).toContain('access_token');
    const shown = JSON.stringify(body);
    for (const secret of [options.oauth2.clientSecret, options.oauth2.refreshToken]) expect(shown).not.toContain(secret);
    expect(shown).not.toMatch(/"access_token"\s*:\s*"(?!\[redacted\])/);
  });

  it('keeps the answer bodies of the last KEPT_ANSWERS requests of a platform, not of every request', async () => {
    const { KEPT_ANSWERS } = await import('../../src/sandbox-page/sandbox-session.js');
    const emulator = page.sandbox.flickr.emulator;
    const base = page.sandbox.flickr.options.baseUrl;
    const first = emulator.requests.length;
    for (let index = 0; index <= KEPT_ANSWERS; index++) await emulator.handle(new Request(`${base}/rest?method=flickr.test.echo&format=json`), base);
    expect((await getJson(page.url, `/api/requests/flickr/${first}`)).body).toMatchObject({ answerBody: '', answerTruncated: true });
    expect((await getJson(page.url, `/api/requests/flickr/${first + 1}`)).body.answerBody).not.toBe('');
  });

  it('says which faults a platform cannot have, and why', async () => {
    const { status, body } = await postJson(page.url, '/api/fault', { platform: 'wordpress', fault: 'expired-token' });
    expect(status).toBe(422);
    expect(body.message).toContain('application passwords do not expire');
    expect((await postJson(page.url, '/api/fault', { platform: 'youtube', fault: 'expired-token' })).status).toBe(200);
    expect((await postJson(page.url, '/api/fault', { platform: 'twitter', fault: 'meteor' })).status).toBe(400);
    expect((await postJson(page.url, '/api/fault', { platform: 'discourse', fault: 'webhook-twice', target: 'https://example.com/hook' })).status).toBe(400);
  });

  it.each(['discourse', 'twitter', 'facebook'])('delivers a %s webhook of the last customer message twice to the given URL', async (platform) => {
    const seen: string[] = [];
    const { createServer } = await import('node:http');
    const hook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        seen.push(body);
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(hook.address() as { port: number }).port}/hook`;
    const { status, body } = await postJson(page.url, '/api/fault', { platform, fault: 'webhook-twice', target });
    hook.close();
    expect(status).toBe(200);
    expect(body.message).toContain('twice');
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    // The payload carries the last message a customer wrote there.
    const last = (await getJson(page.url, '/api/state')).body.transcript.findLast((entry: { platform: string; by: string }) => entry.platform === platform && entry.by === 'customer');
    expect(seen[0]).toContain(last.nativeId);
  });
});

describe('restart and options', () => {
  it('restarts from message N: a fresh sandbox on the same port with the customers up to N written again', async () => {
    const before = (await getJson(page.url, '/api/state')).body;
    const port = new URL(page.sandbox.url).port;
    const { status, body } = await postJson(page.url, '/api/restart', { upTo: 2 });
    expect(status).toBe(200);
    expect(body.replayed.map((entry: { n: number }) => entry.n)).toEqual([1, 2]);
    expect(new URL(page.sandbox.url).port).toBe(port);
    const after = (await getJson(page.url, '/api/state')).body;
    expect(after.transcript.map((entry: { text: string }) => entry.text)).toEqual(before.transcript.slice(0, 2).map((entry: { text: string }) => entry.text));
    expect(page.sandbox.twitter.emulator.dmEvents.map((event) => event.text)).toEqual(['can I change my address?']);
    expect((await postJson(page.url, '/api/restart', { upTo: -1 })).status).toBe(400);
  });

  it('sends the state first in the event stream, and again with a restart, so each change arrives after the state it changes', async () => {
    const stream = await openEvents(page.url);
    try {
      await until(() => stream.events.length > 0, 10_000, 'the first event');
      expect(stream.events[0]!.type).toBe('state');
      expect(stream.events[0]!.data).toEqual((await getJson(page.url, '/api/state')).body);
      expect((await postJson(page.url, '/api/restart', { upTo: 1 })).status).toBe(200);
      await until(() => stream.events.some((event) => event.type === 'restart'), 10_000, 'the restart event');
      const restart = stream.events.find((event) => event.type === 'restart')!;
      expect(restart.data.state.transcript).toHaveLength(1);
      expect(restart.data.state.rows).toEqual(expect.arrayContaining([expect.objectContaining({ text: restart.data.state.transcript[0].text })]));
    } finally {
      stream.close();
    }
  });

  it.each([
    [{ port: 70000 }, 'port'],
    [{ port: 1.5 }, 'port'],
    [{ bot: 'yes' }, 'bot must be a function'],
    [{ sandbox: {} }, 'sandbox must be'],
    [{ sandboxOptions: 3 }, 'sandboxOptions'],
  ])('refuses %j at start with a TypeError', async (options, message) => {
    await expect(startSandboxPage(options as never)).rejects.toThrow(new RegExp(message));
    await expect(startSandboxPage(options as never)).rejects.toBeInstanceOf(TypeError);
  });
});
