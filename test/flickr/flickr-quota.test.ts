/**
 * Flickr's 3,600 calls an hour per API key (https://www.flickr.com/services/developer/api/), for every
 * channel of that key: one bucket named after the key, in clock hours, shared through the store; and the
 * emulator's own count of the key's calls.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore, RateLimitError, type Channel } from 'everywhere';
import { flickr } from 'everywhere/flickr';
import { FlickrEmulator } from 'everywhere/testing';
import { collect } from '../conformance/helpers.js';
import { flickrWorld } from './flickr-world.js';

type World = Awaited<ReturnType<typeof flickrWorld>>;
let world: World;
const channels: Channel[] = [];
afterEach(async () => {
  await Promise.all(channels.splice(0).map((channel) => channel.close()));
  await world.close();
});
const HOUR_MS = 3_600_000;
const failing = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe('the key bucket', () => {
  it('is shared by every channel of one consumer key, in clock hours, and refused before sending when spent', async () => {
    world = await flickrWorld();
    const store = new MemoryStore();
    const keys = world.emulator.keys;
    const make = (userId: string, consumerKey = keys.consumerKey) => {
      const channel = flickr({ userId, oauth1: { ...keys, consumerKey }, store, rateLimit: { onLimit: 'throw' } });
      channels.push(channel);
      return channel;
    };
    const first = make(world.emulator.userId);
    const second = make('30000003@N03');
    expect(first.id).not.toBe(second.id);
    const bucket = `flickr:key:${keys.consumerKey}:api`;
    const hourEnd = new Date((Math.floor(Date.now() / HOUR_MS) + 1) * HOUR_MS);
    // Other processes on this key have spent all but two calls of this hour.
    await store.take(bucket, 0, { bucket, limit: 3600, remaining: 2, resetAt: hourEnd });
    const before = world.emulator.requests.length;
    await collect(first.messages(), 1); // the photo list and the photo's comments: the last two calls of the hour
    expect(world.emulator.requests.length - before).toBe(2);
    const sent = world.emulator.requests.length;
    const error = await failing(collect(second.messages(), 1));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).resetAt?.getTime()).toBe(hourEnd.getTime());
    expect(world.emulator.requests.length).toBe(sent); // nothing sent
    expect(first.rateLimits().map((state) => state.bucket)).toEqual([bucket]);
  });

  it('is another bucket for another key', async () => {
    world = await flickrWorld();
    const store = new MemoryStore();
    const keys = world.emulator.keys;
    const bucket = `flickr:key:${keys.consumerKey}:api`;
    await store.take(bucket, 0, { bucket, limit: 3600, remaining: 0, resetAt: new Date((Math.floor(Date.now() / HOUR_MS) + 1) * HOUR_MS) });
    const other = flickr({ userId: world.emulator.userId, oauth1: { ...keys, consumerKey: 'another-app-key' }, store, rateLimit: { onLimit: 'throw' } });
    channels.push(other);
    // The emulator does not know that key: the call went out (and was refused by Flickr, not by the bucket).
    const error = await failing(collect(other.messages(), 1));
    expect(error).not.toBeInstanceOf(RateLimitError);
    expect(world.emulator.requests.length).toBe(1);
  });
});

describe('the emulator', () => {
  it('allows 3,600 calls an hour per key by default', () => {
    const hit = new FlickrEmulator().limiter.hit('api')!;
    expect([hit.allowed, hit.limit, hit.remaining]).toEqual([true, 3600, 3599]);
    expect(hit.resetAt - Date.now()).toBeGreaterThan(HOUR_MS - 2000);
  });

  it('answers 429 past the key limit, a RateLimitError', async () => {
    world = await flickrWorld({ limits: { api: { limit: 2, windowMs: HOUR_MS } } });
    const channel = world.create({ rateLimit: { onLimit: 'throw' } });
    channels.push(channel);
    await collect(channel.messages()); // the photo list and the photo's comments: 2 calls
    const error = await failing(collect(channel.messages()));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(world.emulator.requests.at(-1)!.status).toBe(429);
  });
});
