/**
 * Minimums are the forum's: the length rules come from the `lengths` option, else the site's client
 * settings (GET /site/settings.json, read once), else Discourse's defaults where the key may not read
 * them. On the emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { discourse, type DiscourseOptions } from 'everywhere/discourse';
import { InvalidDraftError, MemoryStore } from 'everywhere';
import { collect } from '../conformance/helpers.js';
import { API_KEY, FORUM, discourseWorld } from './discourse-world.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

async function setup(options: Partial<DiscourseOptions> = {}, siteSettingsReadable = true) {
  const world = await discourseWorld({ siteSettingsReadable });
  close = world.close;
  const channel = discourse({ baseUrl: FORUM, apiKey: API_KEY, apiUsername: world.emulator.botUsername, store: new MemoryStore(), ...options });
  const question = world.emulator.topic({ by: 'customer', title: 'How do I reset my password?', raw: 'I forgot it and the link expired.' });
  const [asked] = await collect(channel.thread(String(question.topicId)));
  const requests = (method: string, path: string) => world.emulator.requests.filter((request) => request.method === method && request.path.split('?')[0] === path).length;
  return { world, channel, asked: asked!, requests };
}

describe('the forum’s length rules', () => {
  it('a forum that lowered min_post_length takes a short reply; the settings are read once', async () => {
    const { world, channel, asked, requests } = await setup();
    world.emulator.forum.settings.min_post_length = 5;
    world.emulator.forum.settings.min_topic_title_length = 5;
    const reply = await channel.reply(asked, { text: 'Thanks!' });
    expect(reply.text).toBe('Thanks!');
    const topic = await channel.send({ subject: 'Hours', text: 'We are open from nine to five on weekdays.' });
    expect(topic.subject).toBe('Hours');
    expect(requests('GET', '/site/settings.json')).toBe(1);
  });

  it('a forum that raised them refuses, before any post, what its server would', async () => {
    const { world, channel, asked, requests } = await setup();
    world.emulator.forum.settings.min_post_length = 40;
    expect(await channel.reply(asked, { text: 'Use the link on the sign-in page.' }).catch((caught: unknown) => caught)).toBeInstanceOf(InvalidDraftError);
    expect(requests('POST', '/posts.json')).toBe(0);
  });

  it('where the key may not read the settings, Discourse’s defaults', async () => {
    const { channel, asked, requests } = await setup({}, false);
    const error = await channel.reply(asked, { text: 'Thanks!' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidDraftError);
    expect((error as InvalidDraftError).message).toContain('at least 20');
    expect(requests('POST', '/posts.json')).toBe(0);
    await channel.reply(asked, { text: 'Use the link on the sign-in page, it lasts one hour.' });
    expect(requests('GET', '/site/settings.json')).toBe(1);
  });

  it('the lengths option wins, and no settings are read when it names them all', async () => {
    const lengths = { minPostLength: 5, minFirstPostLength: 5, minPersonalMessagePostLength: 5, minTopicTitleLength: 5, maxTopicTitleLength: 100, minPersonalMessageTitleLength: 2, maxPostLength: 500 };
    const { world, channel, asked, requests } = await setup({ lengths });
    world.emulator.forum.settings.min_post_length = 5;
    await channel.reply(asked, { text: 'Thanks!' });
    expect(await channel.reply(asked, { text: 'x'.repeat(501) }).catch((caught: unknown) => caught)).toBeInstanceOf(InvalidDraftError);
    expect(channel.capabilities.maxTextLength).toBe(500);
    expect(requests('GET', '/site/settings.json')).toBe(0);
  });

  it('a bad lengths option is a TypeError at construction', () => {
    const base = { baseUrl: FORUM, apiKey: API_KEY, apiUsername: 'support_bot' };
    expect(() => discourse({ ...base, lengths: { minPostLength: -1 } })).toThrow(TypeError);
    expect(() => discourse({ ...base, lengths: { minPostLength: 2.5 } })).toThrow(TypeError);
    expect(() => discourse({ ...base, lengths: { min_post_length: 5 } as never })).toThrow(TypeError);
  });
});
