/**
 * One refused action does not freeze the channel: a 429 spends the bucket of the limiter it names
 * (`Discourse-Rate-Limit-Error-Code`). A new account's per-day reply limit (hours) stops replies only;
 * the key's limit and the site-wide plain-text one stop everything. On the emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { discourse } from 'everywhere/discourse';
import { MemoryStore, RateLimitError, type Channel } from 'everywhere';
import { collect } from '../conformance/helpers.js';
import { API_KEY, FORUM, discourseWorld } from './discourse-world.js';

const SIX_HOURS = 6 * 60 * 60 * 1000;
let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

async function setup(options: Parameters<typeof discourseWorld>[0], onLimit: 'throw' | 'wait') {
  const world = await discourseWorld(options);
  close = world.close;
  const channel: Channel = discourse({ baseUrl: FORUM, apiKey: API_KEY, apiUsername: world.emulator.botUsername, store: new MemoryStore(), rateLimit: { onLimit, maxWaitMs: 2000 } });
  const question = world.emulator.topic({ by: 'customer', title: 'How do I reset my password?', raw: 'I forgot it and the link expired.' });
  const [asked] = await collect(channel.thread(String(question.topicId)));
  return { world, channel, asked: asked! };
}

describe('a per-user, per-action 429', () => {
  for (const onLimit of ['throw', 'wait'] as const) {
    it(`stops only that action (${onLimit}): reads, listen's posts and new topics go on; the next reply is not sent`, async () => {
      const { world, channel, asked } = await setup({ postingLimits: [{ code: 'first-day-replies-per-day', action: 'reply', limit: 1, windowMs: SIX_HOURS }] }, onLimit);
      await channel.reply(asked, { text: 'Use the link on the sign-in page, it lasts one hour.' });
      const refused = await channel.reply(asked, { text: 'Or ask an admin to send you a new link.' }).catch((caught: unknown) => caught);
      expect(refused).toBeInstanceOf(RateLimitError);
      expect((refused as RateLimitError).resetAt!.getTime()).toBeGreaterThan(Date.now() + SIX_HOURS - 60_000);
      const again = await channel.reply(asked, { text: 'A third answer that must wait for hours.' }).catch((caught: unknown) => caught);
      expect(again).toBeInstanceOf(RateLimitError);
      expect(world.emulator.requests.filter((request) => request.method === 'POST' && request.status === 429)).toHaveLength(1); // refused before sending

      const later = world.emulator.topic({ by: 'customer', title: 'Another question arrives', raw: 'Is the forum down for maintenance?' });
      const latest = await collect(channel.messages({ limit: 3 }));
      expect(latest.map((message) => message.id)).toContain(String(later.id));
      const opened = await channel.send({ subject: 'Maintenance window on Sunday', text: 'The forum is read-only from 02:00 to 04:00 UTC.' });
      expect(opened.kind).toBe('post');
    });
  }
});

describe('the limits that stop everything', () => {
  const cases = [
    ['the site-wide per-IP limit (plain text)', 'site'],
    ['the admin key limit (JSON, admin_api_key_rate_limit)', 'api'],
  ] as const;
  for (const [name, bucket] of cases) {
    it(`${name} spends the shared bucket: later reads and creates are refused before they are sent`, async () => {
      const { world, channel, asked } = await setup({}, 'throw');
      world.emulator.setLimit(bucket, { limit: 1, windowMs: 60_000 });
      expect(await collect(channel.messages({ limit: 1 })).catch((caught: unknown) => caught)).toBeInstanceOf(RateLimitError);
      const sent = world.emulator.requests.length;
      expect(await collect(channel.messages({ limit: 1 })).catch((caught: unknown) => caught)).toBeInstanceOf(RateLimitError);
      expect(await channel.reply(asked, { text: 'Use the link on the sign-in page, it lasts one hour.' }).catch((caught: unknown) => caught)).toBeInstanceOf(RateLimitError);
      expect(world.emulator.requests.length).toBe(sent);
    });
  }
});
