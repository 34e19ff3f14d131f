/**
 * Permission is not authentication: a create the Guardian refuses (403 `invalid_access`: a category the
 * account may not open topics in, a closed topic, private messages below the trust level) is
 * PermissionError, sent once; a key Discourse does not know stays AuthError. On the emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { discourse } from 'everywhere/discourse';
import { AuthError, MemoryStore, PermissionError } from 'everywhere';
import { collect } from '../conformance/helpers.js';
import { API_KEY, FORUM, discourseWorld } from './discourse-world.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

async function setup(category?: number) {
  const world = await discourseWorld();
  close = world.close;
  const channel = discourse({ baseUrl: FORUM, apiKey: API_KEY, apiUsername: world.emulator.botUsername, store: new MemoryStore(), ...(category ? { category } : {}) });
  const posts = () => world.emulator.requests.filter((request) => request.method === 'POST').length;
  return { world, channel, posts };
}

describe('403 invalid_access on a create', () => {
  it('a reply in a closed topic is PermissionError, sent once; reads go on', async () => {
    const { world, channel, posts } = await setup();
    const question = world.emulator.topic({ by: 'customer', title: 'How do I reset my password?', raw: 'I forgot it and the link expired.' });
    const [asked] = await collect(channel.thread(String(question.topicId)));
    world.emulator.forum.topics.get(question.topicId)!.closed = true;
    const error = await channel.reply(asked!, { text: 'Use the link on the sign-in page, it lasts one hour.' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).not.toBeInstanceOf(AuthError);
    expect(posts()).toBe(1);
    expect(await collect(channel.thread(String(question.topicId)))).toHaveLength(1);
  });

  it('a topic in a category the account may not open topics in is PermissionError', async () => {
    const { world, channel, posts } = await setup(7);
    world.emulator.forum.restrictedCategories.add(7);
    const error = await channel.send({ subject: 'Maintenance window on Sunday', text: 'The forum is read-only from 02:00 to 04:00 UTC.' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermissionError);
    expect(posts()).toBe(1);
    expect(world.emulator.postsBy(world.emulator.botUsername)).toHaveLength(0);
  });

  it('a private message below the trust level to send them is PermissionError', async () => {
    const { world, channel, posts } = await setup();
    world.emulator.forum.user(world.emulator.botUsername).trustLevel = 0;
    const error = await channel.send({ to: 'customer', text: 'Your order shipped this morning.' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermissionError);
    expect(posts()).toBe(1);
  });

  it('a refused key stays AuthError', async () => {
    const { channel, world } = await setup();
    world.emulator.apiKey = 'another-key';
    expect(await collect(channel.messages({ limit: 1 })).catch((caught: unknown) => caught)).toBeInstanceOf(AuthError);
  });
});
