/**
 * listen() on Trustpilot: private reviews newest first, paged back to the cursor; webhooks push a new review
 * at once (one message with its polled copy), an edit as a message with editedAt (once per edit), and never a
 * deletion; a delivery without the shared secret (path segment or Basic password) is a 401 and changes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore, type Channel, type Message } from 'everywhere';
import { trustpilot } from 'everywhere/trustpilot';
import type { TrustpilotEmulator } from 'everywhere/testing';
import { collect, nothingMoreBy, take } from '../conformance/helpers.js';
import { baseOptions, trustpilotWorld, WEBHOOK_SECRET } from './trustpilot-world.js';

let close: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

async function setup() {
  const world = await trustpilotWorld();
  const channel = trustpilot({ ...baseOptions(), webhookSecret: WEBHOOK_SECRET, store: new MemoryStore(), pollIntervalMs: 20 });
  const controller = new AbortController();
  close.push(() => world.close(), () => channel.close(), async () => controller.abort());
  const iterator = channel.listen({ since: new Date(Date.now() - 1000), signal: controller.signal })[Symbol.asyncIterator]();
  return { emulator: world.emulator, channel, iterator };
}

function deliver(channel: Channel, emulator: TrustpilotEmulator, event: Parameters<TrustpilotEmulator['webhookPayload']>[0], review: Parameters<TrustpilotEmulator['webhookPayload']>[1], url = `https://bot.example/hooks/trustpilot/${WEBHOOK_SECRET}`, headers: Record<string, string> = {}) {
  return channel.webhook!(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(emulator.webhookPayload(event, review)) }));
}

const listReads = (emulator: TrustpilotEmulator) => emulator.requests.filter((request) => request.method === 'GET' && request.path.includes('/business-units/'));

describe('Trustpilot listen()', () => {
  it('polls createdat.desc, 100 a page, back to the cursor, and delivers reviews with stars, title and text', async () => {
    const { emulator, iterator } = await setup();
    const first = iterator.next();
    for (let index = 0; index < 150; index++) emulator.review({ stars: ((index % 5) + 1) as 1, text: `review ${index}`, title: `title ${index}` });
    const delivered = [(await first).value as Message, ...(await take(iterator, 149))];
    expect(delivered.map((message) => message.text)).toEqual(Array.from({ length: 150 }, (_, index) => `review ${index}`));
    expect(delivered[7]).toMatchObject({ kind: 'review', subject: 'title 7', rating: { value: 3, max: 5 }, platform: 'trustpilot', author: { isSelf: false, name: 'A Customer' } });
    const read = listReads(emulator)[0]!.url.searchParams;
    expect([read.get('orderBy'), read.get('perPage'), read.get('page')]).toEqual(['createdat.desc', '100', '1']);
  });

  it('a webhook delivers a new review at once, and its polled copy is not delivered again', async () => {
    const { emulator, channel, iterator } = await setup();
    await take(iterator, 0);
    const review = emulator.review({ stars: 2, text: 'Parcel lost.' });
    expect((await deliver(channel, emulator, 'service-review-created', review)).status).toBe(200);
    const [message] = await take(iterator, 1);
    expect(message).toMatchObject({ id: review.id, text: 'Parcel lost.', rating: { value: 2, max: 5 } });
    const reads = listReads(emulator).length;
    expect(await nothingMoreBy(iterator, () => listReads(emulator).length >= reads + 3)).toBeUndefined();
  });

  it('an edit comes by webhook with editedAt, once; a deletion never comes', async () => {
    const { emulator, channel, iterator } = await setup();
    const review = emulator.review({ stars: 2, text: 'Parcel lost.' });
    await take(iterator, 1);
    const edited = emulator.edit(review.id, { text: 'Parcel lost, but they sent a new one.', stars: 4 });
    await deliver(channel, emulator, 'service-review-updated', edited);
    await deliver(channel, emulator, 'service-review-updated', edited); // Trustpilot may deliver twice
    const [message] = await take(iterator, 1);
    expect(message).toMatchObject({ id: review.id, text: 'Parcel lost, but they sent a new one.', rating: { value: 4, max: 5 } });
    expect(message!.editedAt!.toISOString()).toBe(edited.updatedAt);
    const gone = emulator.remove(review.id);
    expect((await deliver(channel, emulator, 'service-review-deleted', gone)).status).toBe(200);
    const reads = listReads(emulator).length;
    expect(await nothingMoreBy(iterator, () => listReads(emulator).length >= reads + 3)).toBeUndefined();
  });

  it('takes the secret as the password of the URL userinfo (HTTP Basic) too, and refuses a delivery without it, changing nothing', async () => {
    const { emulator, channel, iterator } = await setup();
    const review = emulator.review({ stars: 5, text: 'Great.' });
    expect((await deliver(channel, emulator, 'service-review-created', review, 'https://bot.example/hook')).status).toBe(401);
    expect((await deliver(channel, emulator, 'service-review-created', review, 'https://bot.example/hook/not-the-secret-at-all-000')).status).toBe(401);
    expect((await deliver(channel, emulator, 'service-review-created', review, 'https://bot.example/hook', { authorization: `Basic ${btoa(`trustpilot:${WEBHOOK_SECRET}x`)}` })).status).toBe(401);
    expect((await deliver(channel, emulator, 'service-review-created', review, 'https://bot.example/hook', { authorization: `Basic ${btoa(`trustpilot:${WEBHOOK_SECRET}`)}` })).status).toBe(200);
    const [message] = await take(iterator, 1);
    expect(message!.id).toBe(review.id);
  });

  it('messages(): newest first, and since stops the walk', async () => {
    const { emulator, channel } = await setup();
    emulator.review({ stars: 1, text: 'old' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const since = new Date();
    emulator.review({ stars: 5, text: 'new' });
    expect((await collect(channel.messages())).map((message) => message.text)).toEqual(['new', 'old']);
    expect((await collect(channel.messages({ since }))).map((message) => message.text)).toEqual(['new']);
  });
});
