/**
 * Every Flickr error code the adapter maps, each to its typed error, as the emulator answers them
 * (HTTP 200 `{ stat: "fail", code, message }`): the real refusals where the emulator can make them
 * (bad signature, revoked token, unknown key, read-only token, unknown photo), injected answers otherwise.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, InvalidDraftError, NotFoundError, PermissionError, PlatformError, RateLimitError, type Channel, type Message } from 'everywhere';
import { collect } from '../conformance/helpers.js';
import { CUSTOMER, flickrWorld } from './flickr-world.js';

type World = Awaited<ReturnType<typeof flickrWorld>>;
let world: World;
const channels: Channel[] = [];
afterEach(async () => {
  await Promise.all(channels.splice(0).map((channel) => channel.close()));
  await world.close();
});

async function asked(): Promise<{ channel: Channel; question: Message }> {
  world = await flickrWorld({ commentLimit: { limit: 1, windowMs: 60 * 60 * 1000 } });
  const channel = world.create({ rateLimit: { onLimit: 'throw' } });
  channels.push(channel);
  world.emulator.comment({ by: CUSTOMER, photoId: world.photoId, text: 'A question' });
  const [found] = await collect(channel.messages(), 1);
  return { channel, question: found! };
}
const failing = (promise: Promise<unknown>) => promise.then(
  () => undefined,
  (error: unknown) => error,
);
const own = () => [...world.emulator.photos.values()].flatMap((photo) => photo.comments).filter((comment) => comment.author === world.emulator.userId).length;

describe('Flickr error codes', () => {
  it('1 photo not found → NotFoundError', async () => {
    const { channel, question } = await asked();
    const error = await failing(channel.reply({ ...question, threadId: '999' }, { text: 'hello' }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain('Photo not found');
  });

  it('8 blank comment → InvalidDraftError; a blank draft is refused before any request', async () => {
    const { channel, question } = await asked();
    const before = world.emulator.requests.length;
    expect(await failing(channel.reply(question, { text: '  \n ' }))).toBeInstanceOf(InvalidDraftError);
    expect(world.emulator.requests.length).toBe(before);
    world.emulator.fail({ match: { method: 'POST' }, status: 200, body: { stat: 'fail', code: 8, message: 'Blank comment' } });
    expect(await failing(channel.reply(question, { text: 'not blank here' }))).toBeInstanceOf(InvalidDraftError);
  });

  it('9 posting too fast → RateLimitError with a reset, nothing posted', async () => {
    const { channel, question } = await asked();
    await channel.reply(question, { text: 'first answer' });
    const error = await failing(channel.reply(question, { text: 'second answer' }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).resetAt!.getTime()).toBeGreaterThan(Date.now());
    expect(own()).toBe(1);
    // Only the account's comment pace is spent: reads of the key go on, another answer waits (here: refused unsent).
    const posts = () => world.emulator.requests.filter((request) => request.method === 'POST').length;
    const sent = posts();
    expect(await collect(channel.messages())).toHaveLength(1); // the question (the channel's own answer is not history)
    expect(await failing(channel.reply(question, { text: 'third answer' }))).toBeInstanceOf(RateLimitError);
    expect(posts()).toBe(sent);
  });

  it.each([
    ['96, a bad signature', { tokenSecret: 'not-the-secret' }, 'Invalid signature'],
    ['98, a revoked token', { token: '72157700000000009-revoked00000000' }, 'Invalid auth token'],
    ['100, an unknown key', { consumerKey: 'unknown-key' }, 'Invalid API Key'],
  ])('%s → AuthError, the secrets nowhere in it', async (_name, keys, flickrMessage) => {
    world = await flickrWorld();
    const channel = world.create();
    channels.push(channel);
    const bad = (await import('everywhere/flickr')).flickr({ userId: world.emulator.userId, oauth1: { ...world.emulator.keys, ...keys } });
    channels.push(bad);
    const error = await failing(collect(bad.messages()));
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain(flickrMessage);
    const text = [String(error), (error as Error).stack, JSON.stringify(error)].join('\n');
    for (const secret of [world.emulator.keys.consumerSecret, world.emulator.keys.tokenSecret, 'not-the-secret']) expect(text).not.toContain(secret);
  });

  it('99 insufficient permissions (a read-only token) → PermissionError', async () => {
    const { channel, question } = await asked();
    world.emulator.perms = 'read';
    expect(await failing(channel.reply(question, { text: 'hello' }))).toBeInstanceOf(PermissionError);
    expect(own()).toBe(0);
  });

  it('105 service unavailable → tried again, the answer posted once', async () => {
    const { channel, question } = await asked();
    world.emulator.fail({ match: { method: 'POST' }, status: 200, body: { stat: 'fail', code: 105, message: 'Service currently unavailable' } });
    const answer = await channel.reply(question, { text: 'after a hiccup' });
    expect(answer.text).toBe('@sam_pics after a hiccup');
    expect(own()).toBe(1);
  });

  it('105 on every attempt → a retryable PlatformError, not maybeDelivered', async () => {
    const { channel, question } = await asked();
    world.emulator.fail({ match: { method: 'POST' }, status: 200, times: 10, body: { stat: 'fail', code: 105, message: 'Service currently unavailable' } });
    const error = await failing(channel.reply(question, { text: 'never through' }));
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ platformCode: 105, maybeDelivered: false });
    expect(own()).toBe(0);
  });

  it('106 write failed → PlatformError maybeDelivered, sent once', async () => {
    const { channel, question } = await asked();
    world.emulator.fail({ match: { method: 'POST' }, status: 200, body: { stat: 'fail', code: 106, message: 'Write operation failed' } });
    const error = await failing(channel.reply(question, { text: 'maybe posted' }));
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ platformCode: 106, maybeDelivered: true });
    expect(world.emulator.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });
});
