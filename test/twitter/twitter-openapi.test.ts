/**
 * The X emulator against X's OpenAPI document (version 2.167, beside the clone; skipped with a note
 * where it is not): the check the X test world runs on every exchange (x-openapi.ts) catches a drifted
 * answer and a request X would refuse, and the emulator's answers to every endpoint keep to the document.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from 'everywhere';
import { twitterWorld, X_DOCUMENT, xDocument } from './twitter-world.js';
import type { XDocument } from './x-openapi.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const document = (): XDocument => xDocument()!;

async function world() {
  const setup = await twitterWorld();
  close = setup.close;
  return setup;
}

async function answerTo(setup: Awaited<ReturnType<typeof world>>, path: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown>; contentType: string }> {
  const response = await fetch(`https://api.x.com${path}`, { ...init, headers: { authorization: `Bearer ${setup.secret}`, 'content-type': 'application/json', ...init.headers } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, contentType: response.headers.get('content-type') ?? '' };
}

describe.skipIf(X_DOCUMENT.skip)(`X emulator against X's OpenAPI document${X_DOCUMENT.note}`, () => {
  it('every exchange of a bot at work keeps to the document', async () => {
    const setup = await world();
    const channel = setup.create();
    const mention = await setup.inbound({ text: 'Is the shop open on Sunday?' });
    await setup.inbound({ text: 'My parcel has not arrived.', direct: true });
    const seen: Message[] = [];
    for await (const message of channel.messages()) seen.push(message);
    await channel.reply(seen.find((message) => message.id === mention)!, { text: 'Yes, from 10:00 to 16:00.' });
    await channel.send({ text: 'We are open on Sunday from 10:00.' });
    await channel.send({ text: 'A courier is on the way.', to: setup.recipient });
    for await (const message of channel.thread(seen.find((message) => message.id === mention)!)) void message;
    await channel.close();
    const operations = new Set(setup.emulator.requests.map((request) => document().operation(request.method, request.url.pathname)));
    expect([...operations].sort()).toEqual(
      ['get /2/dm_events', 'get /2/tweets/search/recent', 'get /2/users/{id}/mentions', 'post /2/dm_conversations/with/{participant_id}/messages', 'post /2/tweets'].sort(),
    );
    expect(setup.documentProblems).toEqual([]);
  });

  it("the emulator's other answers and refusals keep to the document too", async () => {
    const setup = await world();
    const self = setup.emulator.self.id;
    const post = setup.emulator.mention({ from: 'customer', text: 'Hello' });
    const conversation = setup.emulator.directMessage({ from: 'customer', text: 'Hi' }).dm_conversation_id;
    const answers = [
      await answerTo(setup, '/2/users/me'),
      await answerTo(setup, `/2/tweets/${post.id}?tweet.fields=author_id,conversation_id,created_at,referenced_tweets&expansions=author_id`),
      await answerTo(setup, '/2/tweets/1234'), // a 200 with only errors
      await answerTo(setup, `/2/users/${self}/tweets?max_results=5`),
      await answerTo(setup, `/2/dm_conversations/${conversation}/dm_events?dm_event.fields=id,text,sender_id,created_at`),
      await answerTo(setup, `/2/users/${self}/mentions?max_results=500`), // 400
      await answerTo(setup, '/2/users/me', { headers: { authorization: 'Bearer wrong' } }), // 401
      await answerTo(setup, '/2/tweets', { method: 'POST', body: JSON.stringify({ text: 'Same words' }) }),
      await answerTo(setup, '/2/tweets', { method: 'POST', body: JSON.stringify({ text: 'Same words' }) }), // 403 duplicate
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 400, 401, 201, 403]);
    expect(setup.documentProblems).toEqual([]);
  });

  it('a drifted answer fails: an undocumented field, a wrong type, a missing required field', async () => {
    const setup = await world();
    setup.emulator.mention({ from: 'customer', text: 'Hello' });
    const path = `/2/users/${setup.emulator.self.id}/mentions?tweet.fields=author_id,created_at&expansions=author_id`;
    const { body } = await answerTo(setup, path);
    expect(document().checkAnswer('GET', `/2/users/${setup.emulator.self.id}/mentions`, 200, body)).toEqual([]);
    const post = (body.data as Array<Record<string, unknown>>)[0]!;
    post.invented = true;
    post.created_at = 'yesterday';
    (body.meta as Record<string, unknown>).result_count = '1';
    expect(document().checkAnswer('GET', `/2/users/${setup.emulator.self.id}/mentions`, 200, body).sort()).toEqual([
      'answer $.data[0].created_at: "yesterday" is not a date-time',
      'answer $.data[0].invented: not in the document',
      'answer $.meta.result_count: expected integer, got string',
    ]);
    expect(document().checkAnswer('POST', '/2/tweets', 201, { data: { id: '1' } })).toEqual(['answer $.data.text: required, missing']);
  });

  it('a request X would refuse fails: an unknown parameter, a value out of range, an unknown field, a bad body', () => {
    const check = (method: string, path: string, body = '') =>
      document().check({ method, url: new URL(path, 'https://api.x.com'), body, status: 200, contentType: 'application/json', answer: { meta: { result_count: 0 } } });
    expect(check('GET', '/2/users/42/mentions?max_results=100&tweet.fields=author_id,referenced_tweets&expansions=author_id,referenced_tweets.id')).toEqual([]);
    expect(check('GET', '/2/users/42/mentions?max_results=500&colour=red&tweet.fields=author_id,favourite_colour')).toEqual([
      'GET /2/users/42/mentions: query max_results $: 500 is above 100',
      'GET /2/users/42/mentions: query colour: not in the document',
      expect.stringContaining('GET /2/users/42/mentions: query tweet.fields $[1]: "favourite_colour" is not one of'),
    ]);
    expect(check('GET', '/2/users/me%2Fx/mentions')).toEqual([expect.stringContaining('path id $: "me/x" does not match')]);
    expect(check('POST', '/2/tweets', JSON.stringify({ text: 'hi', reply: { in_reply_to_tweet_id: 'abc' }, colour: 'red' })).sort()).toEqual([
      'POST /2/tweets: request body $.colour: not in the document',
      'POST /2/tweets: request body $.reply.in_reply_to_tweet_id: "abc" does not match ^[0-9]{1,19}$',
      'POST /2/tweets: status 200: not documented (it documents 201, default)',
    ]);
  });

  it('the world fails a test whose exchange departs from the document', async () => {
    const setup = await world();
    setup.emulator.fail({ match: { method: 'GET' }, status: 200, body: { data: [{ id: '1', text: 'hi', colour: 'red' }], meta: { result_count: 1 } } });
    await answerTo(setup, `/2/users/${setup.emulator.self.id}/mentions`);
    expect(setup.documentProblems).toEqual([`GET /2/users/${setup.emulator.self.id}/mentions: answer $.data[0].colour: not in the document`]);
    close = undefined;
    await expect(setup.close()).rejects.toThrow(/colour: not in the document/);
  });
});
