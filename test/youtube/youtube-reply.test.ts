/**
 * reply(): comments.insert with the top-level comment as parent (YouTube has one level of replies),
 * the exact request on the wire, 50 units charged; an interrupted reply recovered, never posted twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError, MemoryStore, UnsupportedError } from 'everywhere';
import { youtube } from 'everywhere/youtube';
import { collect } from '../conformance/helpers.js';
import { CHANNEL_ID, RAISED_QUOTA, TOKEN, VIDEO, youtubeWorld } from './youtube-world.js';

let close: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

async function setup() {
  const world = await youtubeWorld();
  const store = new MemoryStore();
  const channel = youtube({ channelId: CHANNEL_ID, accessToken: TOKEN, store, dailyQuota: RAISED_QUOTA, retry: { retries: 0 } });
  close.push(() => world.close(), () => channel.close());
  return { world, channel, store };
}

describe('YouTube replies', () => {
  it('answers a reply under its top-level comment, in the same thread, with the documented request', async () => {
    const { world, channel } = await setup();
    const top = world.emulator.comment({ videoId: VIDEO, text: 'Where is the reset button?' });
    const follow = world.emulator.reply({ parentId: top.id, text: 'I cannot find it either' });
    const inbound = (await collect(channel.messages())).find((message) => message.id === follow.id)!;
    const answer = await channel.reply(inbound, { text: 'On the back, next to the power socket.' });
    expect(answer).toMatchObject({ threadId: top.id, parentId: top.id, author: { isSelf: true }, subject: 'How to set up your router', text: 'On the back, next to the power socket.' });
    const post = world.emulator.requests.find((request) => request.method === 'POST')!;
    expect(post.path).toBe('/youtube/v3/comments?part=snippet');
    expect(post.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(post.body)).toEqual({ snippet: { parentId: top.id, textOriginal: 'On the back, next to the power socket.' } });
    expect(world.emulator.threads.get(top.id)!.replies.map((reply) => reply.id)).toEqual([follow.id, answer.id]);
  });

  it('refuses send(): a comment needs a video', async () => {
    const { world, channel } = await setup();
    const error = await channel.send({ text: 'A new comment somewhere' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsupportedError);
    expect(world.emulator.requests).toHaveLength(0);
  });

  it('refuses a reply longer than 10,000 characters before any request', async () => {
    const { world, channel } = await setup();
    const top = world.emulator.comment({ videoId: VIDEO, text: 'A question' });
    const [inbound] = await collect(channel.messages());
    const before = world.emulator.requests.length;
    const error = await channel.reply(inbound!, { text: 'é'.repeat(10_001) }).catch((caught: unknown) => caught);
    expect((error as ChannelError).code).toBe('invalid_draft');
    expect(world.emulator.requests.length).toBe(before);
    expect(await channel.reply(inbound!, { text: 'é'.repeat(10_000) })).toMatchObject({ parentId: top.id });
  });

  it('after an ambiguous failure, the same reply finds the one that landed instead of posting again', async () => {
    const { world, channel } = await setup();
    const top = world.emulator.comment({ videoId: VIDEO, text: 'My router keeps rebooting' });
    const [inbound] = await collect(channel.messages());
    const draft = { text: 'Please update the firmware to 2.1.', idempotencyKey: 'firmware-answer' };
    world.emulator.fail({ match: { method: 'POST', path: '/youtube/v3/comments' }, status: 503, afterApply: true, body: { error: { code: 503, message: 'Backend Error', errors: [{ domain: 'global', reason: 'backendError', message: 'Backend Error' }] } } });
    const interrupted = await channel.reply(inbound!, draft).catch((caught: unknown) => caught);
    expect(ChannelError.isInstance(interrupted) && interrupted.maybeDelivered).toBe(true);
    const recovered = await channel.reply(inbound!, draft);
    const replies = world.emulator.threads.get(top.id)!.replies;
    expect(replies).toHaveLength(1);
    expect(recovered).toMatchObject({ id: replies[0]!.id, parentId: top.id, threadId: top.id });
    expect(world.emulator.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });
});
