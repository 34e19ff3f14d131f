/**
 * Every request and answer shape the Discourse adapter uses, checked against Discourse's official
 * OpenAPI document (discourse/discourse_api_docs, MIT; found by test/support/official-document.ts,
 * skipped with a note where it is not beside the clone): the emulator's answers to the exact
 * requests the adapter makes, and the adapter's request bodies. A fixture that drifts from the
 * document fails here.
 *
 * Known differences between the document and the real server, accepted here and in the adapter's schemas:
 * - `reply_to_post_number`: the document says string or null; Discourse sends an integer or null.
 * - `name` of a post in GET /t/{id}.json: the document says string; a user without a full name gives null.
 *   The emulator always has a name, so nothing here needs the exception; the adapter's schema accepts
 *   null (src/discourse/discourse-schemas.ts, test/discourse/discourse-normalize.test.ts).
 * - `include_raw` on GET /t/{id}.json and /t/{id}/posts.json: undocumented, but TopicsController#show and
 *   #posts pass it to the post stream's PostSerializer (add_raw), so each post carries `raw`, which the
 *   document's post shapes (additionalProperties: false) leave out.
 * - GET /private-posts.json: not in the document; PostsController#latest answers the /posts.json post shape
 *   under `private_posts`. The world here is an older server without it, so the private-message list is read.
 * - GET /site/settings.json: not in the document; SiteController#settings answers every client site setting
 *   by name (the length rules among them). The adapter reads only numbers from it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from 'everywhere';
import { officialDocument } from '../support/official-document.js';
import { API_KEY, discourseWorld } from './discourse-world.js';
import { validate, type Schema } from '../support/json-schema.js';

const DISCOURSE_DOCUMENT = officialDocument('discourse/openapi.json');
let read: Schema | undefined;
// Read by the first test that runs, never when they are skipped; under CI a missing document fails each test.
const document = () => (read ??= DISCOURSE_DOCUMENT.json<Schema>());
const documentedOperation = (path: string, method: string) => (document().paths as Record<string, Record<string, Schema>>)[path]![method]!;

const answerSchema = (path: string, method: string) =>
  ((documentedOperation(path, method).responses as Record<string, Schema>)['200']!.content as Record<string, Schema>)['application/json']!.schema as Schema;
const requestSchema = (path: string, method: string) =>
  ((documentedOperation(path, method).requestBody as Schema).content as Record<string, Schema>)['application/json']!.schema as Schema;

// The server's integer where the document says string, and `raw` asked for with include_raw (see the header).
const KNOWN_DIFFERENCES = [/\.reply_to_post_number: expected string or null, got number$/, /^\$\.post_stream\.posts\[\d+\]\.raw: not in the document$/];
const check = (value: unknown, schema: Schema) => validate(value, schema, document()).filter((problem) => !KNOWN_DIFFERENCES.some((known) => known.test(problem)));

const OPERATIONS: Array<[RegExp, string, string]> = [
  [/^\/posts\.json$/, 'post', '/posts.json'],
  [/^\/posts\.json$/, 'get', '/posts.json'],
  [/^\/t\/\d+\.json$/, 'get', '/t/{id}.json'],
  [/^\/t\/\d+\/posts\.json$/, 'get', '/t/{id}/posts.json'],
  [/^\/topics\/private-messages\/[^/]+\.json$/, 'get', '/topics/private-messages/{username}.json'],
];

// Endpoints the adapter uses that the document leaves out (see the header).
const UNDOCUMENTED = [/^\/site\/settings\.json$/, /^\/private-posts\.json$/];

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

describe.skipIf(DISCOURSE_DOCUMENT.skip)(`Discourse shapes against the official OpenAPI document${DISCOURSE_DOCUMENT.note}`, () => {
  it('the adapter sends, and the emulator answers, only what the document describes', async () => {
    const world = await discourseWorld({ privatePosts: false });
    close = world.close;
    const channel = world.create();
    const customerTopic = await world.inbound({ text: 'How do I reset my password on the forum?' });
    await world.inbound({ text: 'A private question about my invoice', direct: true });
    const topic = (await channel.send({ text: 'Maintenance tonight from 22:00 to 23:00 UTC.', subject: 'Planned maintenance tonight' })) as Message;
    const inbound = (await first(channel.messages(), (message) => message.id === customerTopic))!;
    await channel.reply(inbound, { text: 'Use the link on the login page, it mails you a reset link.' });
    await channel.send({ text: 'A private hello from our support team.', to: world.recipient });
    for (let index = 0; index < 25; index++) world.emulator.reply({ by: 'customer', topicId: Number(topic.threadId), raw: `Follow-up number ${index} on the maintenance` });
    expect((await collectAll(channel.thread(topic))).length).toBe(26); // the first 20 and the rest by id
    for await (const message of channel.messages()) void message; // public posts and private messages

    const exchanges = world.emulator.requests.filter((request) => request.status === 200 && !UNDOCUMENTED.some((pattern) => pattern.test(request.path.split('?')[0]!)));
    const seen = new Set<string>();
    for (const request of exchanges) {
      const path = request.path.split('?')[0]!;
      const operation = OPERATIONS.find(([pattern, method]) => pattern.test(path) && method === request.method.toLowerCase());
      expect(operation, `${request.method} ${path} is an endpoint the document describes`).toBeDefined();
      seen.add(`${operation![1]} ${operation![2]}`);
      if (request.method === 'POST') expect(check(JSON.parse(request.body), requestSchema(operation![2], 'post'))).toEqual([]);
    }
    expect([...seen].sort()).toEqual(OPERATIONS.map(([, method, path]) => `${method} ${path}`).sort());

    // The answers, fetched again exactly as the adapter asked for them.
    for (const request of exchanges) {
      const path = request.path.split('?')[0]!;
      const [, method, documented] = OPERATIONS.find(([pattern, verb]) => pattern.test(path) && verb === request.method.toLowerCase())!;
      if (method !== 'get') continue;
      const answer = await world.emulator.handle(new Request(request.url, { headers: request.headers }), 'https://forum.example.com');
      expect(check(await answer.json(), answerSchema(documented, 'get')), `${request.method} ${request.path}`).toEqual([]);
    }
    const created = await world.emulator.handle(
      new Request('https://forum.example.com/posts.json', { method: 'POST', headers: exchanges.find((request) => request.method === 'POST')!.headers, body: JSON.stringify({ raw: 'One more answer from the support team.', topic_id: Number(topic.threadId) }) }),
      'https://forum.example.com',
    );
    expect(check(await created.json(), answerSchema('/posts.json', 'post'))).toEqual([]);
  });

  it('fails for an answer that drifts from the document', () => {
    const schema = answerSchema('/posts.json', 'get');
    const drifted = { latest_posts: [{ id: '7', username: 'jane', extra_field: true }] };
    const problems = check(drifted, schema);
    expect(problems).toContain('$.latest_posts[0].id: expected integer, got string');
    expect(problems).toContain('$.latest_posts[0].extra_field: not in the document');
    expect(problems.some((problem) => problem.endsWith('.cooked: required, missing'))).toBe(true);
    expect(check({ raw: 'text', topic_id: '12' }, requestSchema('/posts.json', 'post'))).toEqual(['$.topic_id: expected integer, got string']);
  });

  it('fails for an emulator answer that drifts, and passes it undrifted', async () => {
    const world = await discourseWorld();
    close = world.close;
    await world.inbound({ text: 'Where can I download my invoices?' });
    const answer = await world.emulator.handle(new Request('https://forum.example.com/posts.json', { headers: { 'api-key': API_KEY, 'api-username': world.emulator.botUsername } }), 'https://forum.example.com');
    const body = (await answer.json()) as { latest_posts: Array<Record<string, unknown>> };
    const schema = answerSchema('/posts.json', 'get');
    expect(check(body, schema)).toEqual([]);
    const post = body.latest_posts[0]!;
    post.post_number = String(post.post_number); // a fixture that drifted: a number as a string,
    delete post.cooked; // a required field gone,
    post.likes = 3; // a field the API does not send
    expect(check(body, schema).sort()).toEqual(['$.latest_posts[0].cooked: required, missing', '$.latest_posts[0].likes: not in the document', '$.latest_posts[0].post_number: expected integer, got string']);
  });

  it('accepts only the known difference it names', () => {
    const schema = answerSchema('/posts.json', 'get');
    const problems = validate({ latest_posts: [{ reply_to_post_number: 2 }] }, schema, document());
    expect(problems).toContain('$.latest_posts[0].reply_to_post_number: expected string or null, got number');
    expect(check({ latest_posts: [{ reply_to_post_number: 2 }] }, schema).some((problem) => problem.includes('reply_to_post_number'))).toBe(false);
    expect(check({ latest_posts: [{ reply_to_post_number: true }] }, schema)).toContain('$.latest_posts[0].reply_to_post_number: expected string or null, got boolean');
  });
});

async function first(iterable: AsyncIterable<Message>, predicate: (message: Message) => boolean): Promise<Message | undefined> {
  for await (const message of iterable) if (predicate(message)) return message;
  return undefined;
}

async function collectAll(iterable: AsyncIterable<Message>): Promise<Message[]> {
  const all: Message[] = [];
  for await (const message of iterable) all.push(message);
  return all;
}
