/**
 * The page's views with a bot at work: a customer writes on each platform, the demo bot answers, and
 * each answer shows in the customer's thread as the bot's (isBot), streamed as server-sent events
 * with the request log and the buckets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_OPTIONS, sandboxBot } from '../../examples/sandbox-hub.js';
import { startSandboxPage, type SandboxPage, type SandboxRow } from '../../src/sandbox-page/index.js';
import { getJson, openEvents, postJson, type PageEvent } from './page-api.js';

let page: SandboxPage;
let stream: Awaited<ReturnType<typeof openEvents>>;
let events: PageEvent[];

beforeAll(async () => {
  page = await startSandboxPage({ sandboxOptions: SANDBOX_OPTIONS, bot: sandboxBot });
  stream = await openEvents(page.url);
  events = stream.events;
  expect(stream.contentType).toContain('text/event-stream');
});
afterAll(async () => {
  stream?.close();
  await page?.close();
});

const CUSTOMERS = [
  { platform: 'twitter', kind: 'mention', text: 'my parcel is late', customer: 'jane' },
  { platform: 'twitter', kind: 'dm', text: 'can I change my address?', customer: 'omar' },
  { platform: 'facebook', kind: 'comment', text: 'Do you ship to Canada?', customer: 'Dana' },
  { platform: 'facebook', kind: 'dm', text: 'Is my refund processed?', customer: 'Ravi' },
  { platform: 'instagram', kind: 'comment', text: 'Is this in size M?', customer: 'kim' },
  { platform: 'instagram', kind: 'dm', text: 'Hello, a question', customer: 'lou' },
  { platform: 'discourse', kind: 'post', text: 'Export to CSV stopped working', customer: 'sam' },
  { platform: 'wordpress', kind: 'comment', text: 'Is the packaging recyclable?', customer: 'Mia' },
  { platform: 'youtube', kind: 'comment', text: 'Which cable for step 2?', customer: 'Lee' },
  { platform: 'flickr', kind: 'comment', text: 'Open on Sundays?', customer: 'Noor' },
  { platform: 'google-business', kind: 'review', text: 'Nice shop, slow delivery', customer: 'Alex', rating: 3 },
  { platform: 'trustpilot', kind: 'review', text: 'Good blender\nbut support took a week', customer: 'Sam', rating: 3 },
];

async function until<T>(read: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waited in vain for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the page with the demo bot', () => {
  it('shows the bot answer of each platform in the customer\'s thread, once', async () => {
    // The bot listens from its first polls: write once it has asked every platform.
    await until(() => (['twitter', 'facebook', 'instagram', 'discourse', 'wordpress', 'youtube', 'flickr', 'google-business', 'trustpilot'].every((platform) => events.some((event) => event.type === 'request' && event.data.request.platform === platform)) ? true : undefined), 'the bot to poll every platform');
    const written: SandboxRow[] = [];
    for (const customer of CUSTOMERS) {
      const { status, body } = await postJson(page.url, '/api/customer', customer);
      expect(status).toBe(201);
      written.push(body);
    }
    for (const row of written) {
      const answer = await until(async () => {
        const { body } = await getJson(page.url, '/api/state');
        return (body.rows as SandboxRow[]).find((candidate) => candidate.platform === row.platform && candidate.threadId === row.threadId && candidate.isBot && candidate.at >= row.at && candidate.place === row.place && /Thanks|Hi /.test(candidate.text));
      }, `the bot's answer on ${row.platform} ${row.place}`);
      expect(answer.text).toMatch(/Thanks|Hi /);
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { body } = await getJson(page.url, '/api/state');
    for (const row of written) {
      const answers = (body.rows as SandboxRow[]).filter((candidate) => candidate.platform === row.platform && candidate.threadId === row.threadId && candidate.isBot && candidate.at >= row.at && candidate.place === row.place && /Thanks|Hi /.test(candidate.text));
      expect(answers, `${row.platform} ${row.place}`).toHaveLength(1);
    }
    const bots = body.transcript.filter((entry: { by: string }) => entry.by === 'bot');
    expect(bots.length).toBeGreaterThanOrEqual(CUSTOMERS.length);
  }, 90_000);

  it('streamed the rows, the request log, the buckets and the transcript as they happened', () => {
    const types = new Set(events.map((event) => event.type));
    for (const type of ['rows', 'request', 'buckets', 'transcript']) expect(types).toContain(type);
    const streamedRows = events.filter((event) => event.type === 'rows').flatMap((event) => event.data.rows as SandboxRow[]);
    expect(streamedRows.filter((row) => row.isBot && row.platform === 'trustpilot')).not.toHaveLength(0);
    const request = events.find((event) => event.type === 'request' && event.data.request.method === 'POST' && event.data.request.platform === 'twitter');
    expect(request?.data.request).toMatchObject({ status: expect.any(Number), limits: expect.objectContaining({ 'x-rate-limit-remaining': expect.any(String) }) });
  });
});
