/**
 * How the X adapter takes X's refusals, against the emulator: a plan's usage cap (429 `usage-capped`) is a
 * RateLimitError with `quota: true` and the end of its period, sent once and never retried; a reply the
 * post's reply settings refuse is a PermissionError; an app-only bearer token on a user endpoint is an
 * AuthError that says so. Nothing is stored twice, nothing is lost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, MemoryStore, PermissionError, RateLimitError, type Message } from 'everywhere';
import { twitter } from 'everywhere/twitter';
import { TWITTER_BUCKETS } from 'everywhere/testing';
import { usagePeriodEnd } from '../../src/twitter/twitter-errors.js';
import { TOKEN, twitterWorld } from './twitter-world.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function world() {
  const setup = await twitterWorld();
  close = setup.close;
  return setup;
}

const posts = (setup: Awaited<ReturnType<typeof world>>) => setup.emulator.count('POST', '/2/tweets');

describe('X usage caps', () => {
  it('a monthly cap is a RateLimitError with quota: true and the next midnight UTC (the billing day unknown), sent once', async () => {
    const setup = await world();
    const channel = setup.create();
    setup.emulator.capUsage('Monthly');
    const error = await channel.send({ text: 'Our summer sale starts today.' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    const refusal = error as RateLimitError;
    expect(refusal.quota).toBe(true);
    const now = new Date();
    expect(refusal.resetAt).toEqual(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)));
    expect(refusal.message).toContain('usage cap');
    expect(posts(setup)).toBe(1); // not retried in 15 minutes, nor at once
    // The next send is refused before it is sent: the cap lasts longer than the channel waits.
    await expect(channel.send({ text: 'Second try' })).rejects.toBeInstanceOf(RateLimitError);
    expect(posts(setup)).toBe(1);
    expect(setup.emulator.tweets).toHaveLength(0);
    await channel.close();
  });

  it("a daily cap resets when X's 24-hour headers say", async () => {
    const setup = await world();
    const channel = setup.create();
    await channel.send({ text: 'First post of the day' });
    setup.emulator.capUsage('Daily');
    const refusal = (await channel.send({ text: 'Second post' }).catch((caught: unknown) => caught)) as RateLimitError;
    expect(refusal.quota).toBe(true);
    const appDay = setup.emulator.limiter.peek(TWITTER_BUCKETS.createTweetAppDaily)!; // what x-app-limit-24hour-reset said
    expect(refusal.resetAt).toEqual(new Date(Math.ceil(appDay.resetAt / 1000) * 1000));
    await channel.close();
  });

  it("with capResetDay, a monthly cap resets on the plan's billing day", async () => {
    const setup = await world();
    const channel = twitter({ accessToken: TOKEN, userId: setup.emulator.self.id, capResetDay: 10 });
    setup.emulator.capUsage('Monthly');
    const refusal = (await channel.send({ text: 'Our summer sale starts today.' }).catch((caught: unknown) => caught)) as RateLimitError;
    expect(refusal).toBeInstanceOf(RateLimitError);
    expect(refusal.quota).toBe(true);
    expect(refusal.resetAt).toEqual(usagePeriodEnd('Monthly', new Headers(), Date.now(), 10));
    expect(refusal.resetAt!.getTime()).toBeGreaterThan(Date.now());
    expect(posts(setup)).toBe(1);
    await channel.close();
  });

  it('the period end without headers: a day for Daily; for a month, the billing day when known, else the next midnight', () => {
    const day = 24 * 60 * 60 * 1000;
    const now = Date.UTC(2026, 11, 31, 23, 0);
    expect(usagePeriodEnd('Daily', new Headers(), now)).toEqual(new Date(now + day));
    // The billing day unknown: the next midnight UTC, the earliest any plan's cap can reset.
    expect(usagePeriodEnd('Monthly', new Headers(), now)).toEqual(new Date(Date.UTC(2027, 0, 1)));
    expect(usagePeriodEnd('Monthly', new Headers(), Date.UTC(2026, 10, 5, 9, 30))).toEqual(new Date(Date.UTC(2026, 10, 6)));
    expect(usagePeriodEnd(undefined, new Headers(), Date.UTC(2026, 10, 5, 9, 30))).toEqual(new Date(Date.UTC(2026, 10, 6)));
    // Known: that day this month when it is still ahead, else next month's.
    expect(usagePeriodEnd('Monthly', new Headers(), Date.UTC(2026, 10, 5, 9, 30), 10)).toEqual(new Date(Date.UTC(2026, 10, 10)));
    expect(usagePeriodEnd('Monthly', new Headers(), Date.UTC(2026, 10, 12, 9, 30), 10)).toEqual(new Date(Date.UTC(2026, 11, 10)));
    expect(usagePeriodEnd('Monthly', new Headers(), now, 10)).toEqual(new Date(Date.UTC(2027, 0, 10)));
    // A day a month lacks is its last day: February 28th, 2027.
    expect(usagePeriodEnd('Monthly', new Headers(), Date.UTC(2027, 1, 2), 31)).toEqual(new Date(Date.UTC(2027, 1, 28)));
    // On the billing day itself X has not reset yet (its hour is not documented): an hour from now.
    const onTheDay = Date.UTC(2026, 10, 10, 3, 0);
    expect(usagePeriodEnd('Monthly', new Headers(), onTheDay, 10)).toEqual(new Date(onTheDay + 60 * 60 * 1000));
  });
});

describe('X refusals of a token', () => {
  it('a bare 403 Forbidden (a scope missing) is an AuthError that says so, sent once, nothing posted', async () => {
    const setup = await world();
    const readOnly = setup.emulator.oauth2.authorize('tweet.read users.read offline.access').accessToken;
    const channel = twitter({ accessToken: readOnly, userId: setup.emulator.self.id });
    const error = (await channel.send({ text: 'Needs tweet.write' }).catch((caught: unknown) => caught)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toMatch(/lacks a scope it needs \(tweet\.write/);
    expect(error.message).not.toContain(readOnly);
    expect(posts(setup)).toBe(1);
    expect(setup.emulator.tweets).toHaveLength(0);
    await channel.close();
  });
});

describe('X 429 without a reset header', () => {
  it("resets when the spent bucket's last headers said, instead of a guess", async () => {
    const setup = await world();
    const channel = setup.create({ rateLimit: { onLimit: 'throw' } });
    await channel.send({ text: 'First post of the morning' });
    const window = setup.emulator.limiter.peek(TWITTER_BUCKETS.createTweet)!; // what x-rate-limit-reset said
    setup.emulator.fail({ match: { method: 'POST' }, status: 429, body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 } });
    const refusal = (await channel.send({ text: 'Second post' }).catch((caught: unknown) => caught)) as RateLimitError;
    expect(refusal).toBeInstanceOf(RateLimitError);
    expect(refusal.resetAt).toEqual(new Date(Math.ceil(window.resetAt / 1000) * 1000));
    expect(posts(setup)).toBe(2);
    await channel.close();
  });
});

describe("X app's 24-hour cap", () => {
  it("is one bucket for every account of the app: a spent app cap refuses the other account's post before it is sent", async () => {
    const setup = await world();
    setup.emulator.setLimit(TWITTER_BUCKETS.createTweetAppDaily, { limit: 2, windowMs: 24 * 60 * 60 * 1000 });
    const store = new MemoryStore();
    const account = (id: string) => {
      const { clientId, accessToken, refreshToken, expiresAt } = setup.emulator.authorizeOAuth2();
      return twitter({ id, oauth2: { clientId, accessToken, refreshToken, expiresAt }, userId: setup.emulator.self.id, store, rateLimit: { onLimit: 'throw' } });
    };
    const shop = account('twitter:shop');
    const support = account('twitter:support');
    await shop.send({ text: 'New arrivals are in.' });
    await shop.send({ text: 'Open until 8 tonight.' });
    expect(shop.rateLimits().find((state) => state.bucket.endsWith('POST /2/tweets (app 24 hours)'))).toMatchObject({ bucket: 'twitter-app:sandbox-client-id:POST /2/tweets (app 24 hours)', remaining: 0 });
    const refused = await support.send({ text: 'We answer within the hour.' }).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(RateLimitError);
    expect(posts(setup)).toBe(2);
    expect(JSON.stringify(shop.rateLimits())).not.toContain(setup.emulator.accessToken);
    await Promise.all([shop.close(), support.close()]);
  });
});

describe('X DM reads', () => {
  it('share one limit: a spent window seen on one DM endpoint stops reads of the other before they are sent', async () => {
    const setup = await world();
    setup.emulator.setLimit(TWITTER_BUCKETS.dmReads, { limit: 2, windowMs: 15 * 60 * 1000 });
    const event = setup.emulator.directMessage({ from: 'customer', text: 'Where is my parcel?' });
    const channel = setup.create({ rateLimit: { onLimit: 'throw' } });
    const dmReads = () => setup.emulator.requests.filter((request) => request.method === 'GET' && request.path.includes('dm_')).length;
    for await (const message of channel.thread(event.dm_conversation_id)) void message; // GET /2/dm_conversations/{id}/dm_events
    for await (const message of channel.thread(event.dm_conversation_id)) void message; // the window's last read
    const refused = await (async () => {
      for await (const message of channel.messages()) void message; // GET /2/dm_events: the same window, spent
    })().catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(RateLimitError);
    expect(dmReads()).toBe(2);
    await channel.close();
  });
});

describe('X reply settings', () => {
  it("a reply the post's reply settings refuse is a PermissionError, not an AuthError; nothing is posted", async () => {
    const setup = await world();
    const channel = setup.create();
    const root = setup.emulator.post({ from: 'customer', text: 'Our new shop opens on Monday.' });
    setup.emulator.restrictReplies(root.id, 'mentionedUsers');
    let rootMessage: Message | undefined;
    for await (const message of channel.thread(root.id)) if (message.id === root.id) rootMessage = message;
    const error = await channel.reply(rootMessage!, { text: 'Congratulations!' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).not.toBeInstanceOf(AuthError);
    expect((error as PermissionError).message).toContain('Reply to this conversation is not allowed');
    expect(setup.emulator.postsBy(setup.emulator.self.id)).toHaveLength(0);
    // A post that mentions the bot may be answered all the same.
    const mention = setup.emulator.mention({ from: 'customer', text: 'Will you be there?', inReplyTo: root.id });
    setup.emulator.restrictReplies(mention.id, 'mentionedUsers');
    await channel.reply({ ...rootMessage!, id: mention.id }, { text: 'We will!' });
    expect(setup.emulator.postsBy(setup.emulator.self.id)).toHaveLength(1);
    await channel.close();
  });
});

describe('X app-only tokens', () => {
  it('an app-only bearer token on a user endpoint is an AuthError that names it; nothing is sent', async () => {
    const setup = await world();
    const channel = twitter({ accessToken: setup.emulator.appOnlyToken, userId: setup.emulator.self.id, retry: { retries: 0 } });
    const error = await channel.send({ text: 'Hello from the app' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).message).toMatch(/app-only token \(OAuth 2.0 Application-Only\) cannot call POST \/2\/tweets/);
    expect((error as AuthError).message).toContain('user-context token');
    expect(JSON.stringify(error)).not.toContain(setup.emulator.appOnlyToken);
    expect(setup.emulator.tweets).toHaveLength(0);
    await channel.close();
  });
});
