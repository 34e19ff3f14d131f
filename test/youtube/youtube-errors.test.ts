/**
 * Google's errors to typed errors: quotaExceeded is RateLimitError with quota and the next midnight
 * Pacific; commentsDisabled and forbidden are PermissionError; a refused token is AuthError, and with
 * oauth2 an expired token (Google's live one hour) is refreshed once and the request sent again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, MemoryStore, NotFoundError, PermissionError, RateLimitError, type Message } from 'everywhere';
import { youtube } from 'everywhere/youtube';
import { collect } from '../conformance/helpers.js';
import { nextPacificMidnight } from '../../src/youtube/youtube-quota.js';
import { API, CHANNEL_ID, RAISED_QUOTA, TOKEN, VIDEO, youtubeWorld } from './youtube-world.js';

let close: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

async function setup() {
  const world = await youtubeWorld();
  const channel = youtube({ channelId: CHANNEL_ID, accessToken: TOKEN, dailyQuota: RAISED_QUOTA, retry: { retries: 0 } });
  close.push(() => world.close(), () => channel.close());
  world.emulator.comment({ videoId: VIDEO, text: 'A question about the router' });
  const [inbound] = await collect(channel.messages());
  return { world, channel, inbound: inbound as Message };
}

const googleError = (code: number, reason: string) => ({ error: { code, message: `${reason} happened`, errors: [{ domain: 'youtube.api', reason, message: `${reason} happened` }] } });

describe('YouTube errors', () => {
  it('quotaExceeded: RateLimitError with quota, resetting at the next midnight Pacific, not retried', async () => {
    const { world, channel, inbound } = await setup();
    world.emulator.fail({ match: { method: 'POST' }, status: 403, body: googleError(403, 'quotaExceeded') });
    const error = (await channel.reply(inbound, { text: 'Try the reset button.' }).catch((caught: unknown) => caught)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.quota).toBe(true);
    expect(error.resetAt?.getTime()).toBe(nextPacificMidnight().getTime());
    expect(world.emulator.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('quotaExceeded from the emulator when the day is spent, and the bucket stays spent for every channel of the store', async () => {
    const world = await youtubeWorld({ dailyQuota: 60 });
    const store = new MemoryStore();
    const create = () => youtube({ channelId: CHANNEL_ID, accessToken: TOKEN, store, dailyQuota: 10_000, retry: { retries: 0 }, rateLimit: { onLimit: 'throw' } });
    const channel = create();
    close.push(() => world.close(), () => channel.close());
    world.emulator.comment({ videoId: VIDEO, text: 'A question about the router' });
    const [inbound] = await collect(channel.messages()); // 2 units: threads, video title
    await channel.reply(inbound!, { text: 'First answer, 50 units.' });
    const error = (await channel.reply(inbound!, { text: 'Second answer, over the quota.' }).catch((caught: unknown) => caught)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.quota).toBe(true);
    const sent = world.emulator.requests.length;
    const other = create();
    close.push(() => other.close());
    expect(await collect(other.messages()).catch((caught: unknown) => caught)).toBeInstanceOf(RateLimitError);
    expect(world.emulator.requests.length).toBe(sent); // refused before the wire: the day is spent in the store
  });

  for (const reason of ['commentsDisabled', 'forbidden', 'ineligibleAccount']) {
    it(`${reason}: PermissionError`, async () => {
      const { world, channel, inbound } = await setup();
      world.emulator.fail({ match: { method: 'POST' }, status: 403, body: googleError(403, reason) });
      const error = (await channel.reply(inbound, { text: 'An answer.' }).catch((caught: unknown) => caught)) as PermissionError;
      expect(error).toBeInstanceOf(PermissionError);
      expect(error).toMatchObject({ code: 'forbidden', platform: 'youtube' });
    });
  }

  it('a video with comments disabled in the emulator: PermissionError, nothing posted', async () => {
    const world = await youtubeWorld();
    const channel = world.create({ retry: { retries: 0 } });
    close.push(() => world.close(), () => channel.close());
    world.emulator.video('closed00001', 'Comments off', { commentsDisabled: true });
    world.emulator.comment({ videoId: 'closed00001', text: 'An old comment' });
    const [inbound] = await collect(channel.messages());
    expect(await channel.reply(inbound!, { text: 'An answer.' }).catch((caught: unknown) => caught)).toBeInstanceOf(PermissionError);
    expect(world.emulator.threads.get(inbound!.id)!.replies).toHaveLength(0);
  });

  it('a parent that is gone: NotFoundError', async () => {
    const { world, channel, inbound } = await setup();
    world.emulator.threads.clear();
    expect(await channel.reply(inbound, { text: 'An answer.' }).catch((caught: unknown) => caught)).toBeInstanceOf(NotFoundError);
  });

  it('a refused token: AuthError without the token in it', async () => {
    const world = await youtubeWorld();
    const channel = youtube({ channelId: CHANNEL_ID, accessToken: 'ya29.expired-token-1234', dailyQuota: RAISED_QUOTA });
    close.push(() => world.close(), () => channel.close());
    const error = (await collect(channel.messages()).catch((caught: unknown) => caught)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(JSON.stringify({ message: error.message, stack: error.stack, cause: String(error.cause) })).not.toContain('ya29.expired-token-1234');
  });

  it('with oauth2, an expired access token is refreshed at the token endpoint once and the request sent again', async () => {
    const world = await youtubeWorld();
    const { clientId, clientSecret, refreshToken } = world.emulator.oauth2;
    const channel = youtube({
      channelId: CHANNEL_ID,
      dailyQuota: RAISED_QUOTA,
      oauth2: { clientId, clientSecret, refreshToken, accessToken: TOKEN, expiresAt: new Date(Date.now() + 30 * 60_000), tokenUrl: `${API}/token` },
    });
    const tokens: unknown[] = [];
    channel.on('tokens', (set) => tokens.push(set));
    close.push(() => world.close(), () => channel.close());
    world.emulator.comment({ videoId: VIDEO, text: 'A question' });
    world.emulator.expireTokens(); // the hour is over sooner than the channel thought
    const messages = await collect(channel.messages());
    expect(messages).toHaveLength(1);
    expect(world.emulator.count('POST', '/token')).toBe(1);
    expect(tokens).toHaveLength(1);
    const [refused, retried] = world.emulator.requests.filter((request) => request.path.startsWith('/youtube/v3/commentThreads'));
    expect([refused!.status, retried!.status]).toEqual([401, 200]);
    expect(retried!.headers.get('authorization')).toMatch(/^Bearer ya29\./);
    expect(retried!.headers.get('authorization')).not.toBe(`Bearer ${TOKEN}`);
  });
});
