/**
 * Media on X through the channel, against the emulator: files on posts, replies and DMs are uploaded
 * first (initialize, append in segments, finalize, status while processing), then named by the post
 * (`media.media_ids`) or DM (`attachments: [{ media_id }]`); X's types and sizes are refused before any
 * request; an ambiguous post after an upload neither uploads nor posts again.
 */
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryUnknownError, InvalidDraftError, MemoryStore, PlatformError } from 'everywhere';
import { TwitterEmulator, TWITTER_BUCKETS, twitterHandlers } from 'everywhere/testing';
import { twitter } from 'everywhere/twitter';
import { collect } from '../conformance/helpers.js';

const TOKEN = 'x-media-token';
const MB = 1024 * 1024;
const FAST = { limit: 100_000, windowMs: 900_000 };
let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function world() {
  const emulator = new TwitterEmulator({ accessToken: TOKEN, mediaProcessing: { checkAfterSecs: 0, statusChecks: 3 }, limits: { [TWITTER_BUCKETS.dmEvents]: FAST, [TWITTER_BUCKETS.mentions]: FAST } });
  const server = setupServer(...twitterHandlers(emulator));
  server.listen({ onUnhandledRequest: 'error' });
  const store = new MemoryStore();
  const channel = twitter({ accessToken: TOKEN, userId: emulator.self.id, store });
  cleanup.push(() => server.close(), () => channel.close());
  return { emulator, channel, store };
}

const file = (name: string, mimeType: string, size: number) => ({ name, mimeType, data: new Uint8Array(size).fill(1) });
const calls = (emulator: TwitterEmulator) => emulator.requests.map((request) => `${request.method} ${new URL(request.url).pathname}`);
/** The id of the (first) upload: the path of its finalize step. */
const mediaId = (emulator: TwitterEmulator) => /\/2\/media\/upload\/(\d+)\/finalize/.exec(emulator.requests.find((request) => request.path.endsWith('/finalize'))!.path)![1]!;
const bodies = (emulator: TwitterEmulator, path: string) => emulator.requests.filter((request) => new URL(request.url).pathname === path).map((request) => JSON.parse(request.body));

describe('X media', () => {
  it('says it takes attachments', () => {
    const { channel } = world();
    expect(channel.capabilities.attachments).toBe(true);
  });

  it('uploads an image, then posts it with media.media_ids', async () => {
    const { emulator, channel } = world();
    const sent = await channel.send({ text: 'Our new shop window', attachments: [file('window.png', 'image/png', 1000)] });
    const [init] = bodies(emulator, '/2/media/upload/initialize');
    expect(init).toEqual({ media_type: 'image/png', total_bytes: 1000, media_category: 'tweet_image' });
    const id = mediaId(emulator);
    expect(bodies(emulator, '/2/tweets')).toEqual([{ text: 'Our new shop window', media: { media_ids: [id] } }]);
    expect(emulator.tweets.at(-1)!.attachments).toEqual({ media_keys: [`3_${id}`] });
    expect(sent.attachments).toEqual([{ kind: 'image', name: 'window.png', mimeType: 'image/png', size: 1000 }]);
  });

  it('uploads a video in 4 MB segments and waits for its processing before posting', async () => {
    const { emulator, channel } = world();
    await channel.send({ text: 'The tour', attachments: [file('tour.mp4', 'video/mp4', 5 * MB)] });
    const id = mediaId(emulator);
    expect(calls(emulator)).toEqual([
      'POST /2/media/upload/initialize',
      `POST /2/media/upload/${id}/append`,
      `POST /2/media/upload/${id}/append`,
      `POST /2/media/upload/${id}/finalize`,
      'GET /2/media/upload',
      'GET /2/media/upload',
      'GET /2/media/upload',
      'POST /2/tweets',
    ]);
    expect(bodies(emulator, `/2/media/upload/${id}/append`).map((body) => [body.segment_index, Buffer.from(body.media, 'base64').length])).toEqual([
      [0, 4 * MB],
      [1, 1 * MB],
    ]);
    expect(emulator.tweets.at(-1)!.attachments).toEqual({ media_keys: [`7_${id}`] });
  });

  it('a DM carries its file as attachments [{ media_id }] uploaded as dm_ media, in a group as one-to-one', async () => {
    const { emulator, channel } = world();
    const customer = emulator.addUser({ username: 'customer' });
    await channel.send({ to: customer.id, text: 'Your receipt', attachments: [file('receipt.jpg', 'image/jpeg', 200)] });
    const conversation = emulator.groupConversation(['customer', 'other']);
    emulator.directMessage({ from: 'other', text: 'And the map?', conversation });
    const inbound = (await collect(channel.messages(), 10)).find((message) => message.threadId === conversation)!;
    await channel.reply(inbound, { text: 'Here', attachments: [file('map.gif', 'image/gif', 300)] });
    expect(bodies(emulator, '/2/media/upload/initialize').map((body) => body.media_category)).toEqual(['dm_image', 'dm_gif']);
    const [first, second] = emulator.dmEvents.filter((event) => event.sender_id === emulator.self.id);
    expect(first!.attachments!.media_keys[0]).toMatch(/^3_\d+$/);
    expect(second).toMatchObject({ dm_conversation_id: conversation, attachments: { media_keys: [expect.stringMatching(/^16_\d+$/)] } });
    const dmBody = bodies(emulator, `/2/dm_conversations/with/${customer.id}/messages`)[0];
    expect(dmBody).toEqual({ text: 'Your receipt', attachments: [{ media_id: first!.attachments!.media_keys[0]!.slice(2) }] });
  });

  it("refuses what X would refuse before any request: type, size, count, mixes, links, more than one file in a DM", async () => {
    const { emulator, channel } = world();
    const drafts = [
      { text: 'pdf', attachments: [file('a.pdf', 'application/pdf', 10)] },
      { text: 'big image', attachments: [file('a.png', 'image/png', 5 * MB + 1)] },
      { text: 'big gif', attachments: [file('a.gif', 'image/gif', 15 * MB + 1)] },
      { text: 'five', attachments: [1, 2, 3, 4, 5].map((n) => file(`${n}.png`, 'image/png', 10)) },
      { text: 'mixed', attachments: [file('a.png', 'image/png', 10), file('b.mp4', 'video/mp4', 10)] },
      { text: 'link', attachments: [{ url: 'https://example.com/a.png' }] },
      { text: 'empty', attachments: [file('a.png', 'image/png', 0)] },
      { text: 'two in a DM', to: '12345', attachments: [file('a.png', 'image/png', 10), file('b.png', 'image/png', 10)] },
    ];
    for (const draft of drafts) {
      const error = await channel.send(draft).catch((caught: unknown) => caught);
      expect(error, draft.text).toBeInstanceOf(InvalidDraftError);
    }
    expect(emulator.requests).toHaveLength(0);
    expect(emulator.tweets).toHaveLength(0);
  });

  it('a video X fails to process is a PlatformError and nothing is posted', async () => {
    const { emulator, channel } = world();
    emulator.failNextMediaProcessing();
    const error = await channel.send({ text: 'broken', attachments: [file('broken.mp4', 'video/mp4', 100)] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).maybeDelivered).not.toBe(true);
    expect(emulator.tweets).toHaveLength(0);
  });

  it('an ambiguous post after the upload is found again: no second upload, no second post', async () => {
    const { emulator, channel } = world();
    emulator.fail({ match: { method: 'POST', path: '/2/tweets' }, status: 503, afterApply: true, body: { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status: 503 } });
    const draft = { text: 'Opening hours', idempotencyKey: 'hours-1', attachments: [file('hours.png', 'image/png', 500)] };
    const first = await channel.send(draft).catch((caught: unknown) => caught);
    expect((first as PlatformError).maybeDelivered).toBe(true);
    expect(first).not.toBeInstanceOf(DeliveryUnknownError);
    const again = await channel.send(draft);
    expect(again.id).toBe(emulator.tweets.at(-1)!.id);
    expect(emulator.tweets).toHaveLength(1);
    expect(bodies(emulator, '/2/media/upload/initialize')).toHaveLength(1);
    expect(calls(emulator).filter((call) => call === 'POST /2/tweets')).toHaveLength(1);
  });
});
