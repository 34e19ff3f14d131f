/**
 * Servers before mid-2024 (discourse/discourse PR #27098) answer GET /posts.json from a window of 50 post
 * ids: when those ids are private messages or small actions, the page is empty though older public posts
 * exist. History and listen walk on until the oldest id. On the emulator with `legacyWindow`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { discourse } from 'everywhere/discourse';
import { MemoryStore } from 'everywhere';
import { collect } from '../conformance/helpers.js';
import { API_KEY, FORUM, discourseWorld } from './discourse-world.js';

let close: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

async function forumWithAGap() {
  const world = await discourseWorld({ legacyWindow: true });
  close.push(() => world.close());
  const old = world.emulator.topic({ by: 'customer', title: 'An old question about invoices', raw: 'Where do I find my invoices from last year?' });
  // 120 private posts between two customers: two whole windows with no public post.
  world.emulator.forum.user('alice');
  world.emulator.forum.user('bob');
  const pm = world.emulator.privateMessage({ by: 'alice', to: 'bob', title: 'Lunch on Friday?', raw: 'Are you free for lunch on Friday?' });
  for (let index = 0; index < 119; index += 1) world.emulator.reply({ by: index % 2 ? 'alice' : 'bob', topicId: pm.topicId, raw: `Message number ${index} about lunch plans.` });
  const recent = world.emulator.topic({ by: 'customer', title: 'A new question about refunds', raw: 'How long does a refund take to arrive?' });
  const channel = discourse({ baseUrl: FORUM, apiKey: API_KEY, apiUsername: world.emulator.botUsername, store: new MemoryStore(), pollIntervalMs: 50 });
  close.push(() => channel.close());
  return { world, channel, old, recent };
}

describe('an old server answering /posts.json from a window of 50 ids', () => {
  it('history walks past empty windows to the oldest public post', async () => {
    const { world, channel, old, recent } = await forumWithAGap();
    const history = await collect(channel.messages());
    expect(history.map((message) => message.id)).toEqual([String(recent.id), String(old.id)]);
    // It stops at the oldest id: no request below it.
    const befores = world.emulator.requests.filter((request) => request.path.startsWith('/posts.json')).map((request) => Number(request.url.searchParams.get('before') ?? Infinity));
    expect(Math.min(...befores)).toBeGreaterThan(0);
  });

  it('history starts from the newest public post when the newest window holds none', async () => {
    const { world, channel, old, recent } = await forumWithAGap();
    // 60 more private posts: the newest 50 ids are all private.
    const pm = world.emulator.privateMessage({ by: 'alice', to: 'bob', title: 'Dinner on Saturday?', raw: 'Are you free for dinner on Saturday?' });
    for (let index = 0; index < 59; index += 1) world.emulator.reply({ by: index % 2 ? 'alice' : 'bob', topicId: pm.topicId, raw: `Dinner message number ${index}.` });
    const history = await collect(channel.messages());
    expect(history.map((message) => message.id)).toEqual([String(recent.id), String(old.id)]);
  });
});
