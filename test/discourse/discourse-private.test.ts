/**
 * Private messages, all of them: on current servers /private-posts.json gives the newest private posts of
 * the account and of its groups in one call per poll; on older servers every page of the inbox (`page`)
 * and the group inboxes named in `groups` are read. On the emulator (`privatePosts: false` for an older server).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from 'everywhere';
import { discourse, type DiscourseOptions } from 'everywhere/discourse';
import { collect, grownBy, take, until } from '../conformance/helpers.js';
import { API_KEY, discourseWorld, FORUM } from './discourse-world.js';

let close: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

async function world(privatePosts: boolean, options: Partial<DiscourseOptions> = {}) {
  const setup = await discourseWorld({ privatePosts });
  const controller = new AbortController();
  const channel = discourse({ baseUrl: FORUM, apiKey: API_KEY, apiUsername: setup.emulator.botUsername, store: new MemoryStore(), pollIntervalMs: 30, ...options });
  close.push(() => setup.close(), () => channel.close(), () => controller.abort());
  setup.emulator.group('support', [setup.emulator.botUsername, 'agent']);
  return { ...setup, channel, controller };
}

function conversations(emulator: Awaited<ReturnType<typeof world>>['emulator'], count: number) {
  return Array.from({ length: count }, (_, index) => emulator.privateMessage({ by: 'customer', title: `Private question number ${index}`, raw: `My private question number ${index}` }));
}

describe('an older server (no /private-posts.json)', () => {
  it('messages() reads every page of the inbox', async () => {
    const { emulator, channel } = await world(false);
    const [oldest] = conversations(emulator, 35); // 30 a page: the oldest five are on the second
    const history = await collect(channel.messages());
    expect(history.map((message) => message.id)).toContain(String(oldest!.id));
    expect(history.filter((message) => message.kind === 'direct')).toHaveLength(35);
    expect(emulator.requests.some((request) => request.url.searchParams.get('page') === '1')).toBe(true);
  });

  it('reads the group inboxes named in groups', async () => {
    const { emulator, channel } = await world(false, { groups: ['support'] });
    const toGroup = emulator.privateMessage({ by: 'customer', toGroup: 'support', title: 'A question for the support team', raw: 'Who can help me with my invoice?' });
    const history = await collect(channel.messages());
    expect(history.map((message) => message.id)).toEqual([String(toGroup.id)]);
    expect(history[0]).toMatchObject({ kind: 'direct' });
  });
});

describe('a current server (/private-posts.json)', () => {
  it('listen() reads private posts, the groups’ too, in one call per poll', async () => {
    const { emulator, channel, controller } = await world(true);
    const iterator = channel.listen({ signal: controller.signal })[Symbol.asyncIterator]();
    const firstPoll = grownBy(() => emulator.count('GET', '/private-posts.json'), 1);
    const pending = take(iterator, 2);
    await until(firstPoll, 5000, 'the first poll of private messages');
    const mine = emulator.privateMessage({ by: 'customer', title: 'A question about my invoice', raw: 'Could you resend the October invoice?' });
    const group = emulator.privateMessage({ by: 'customer', toGroup: 'support', title: 'A question for the support team', raw: 'Who can help me with my invoice?' });
    expect((await pending).map((message) => message.id)).toEqual([String(mine.id), String(group.id)]);
    expect(emulator.count('GET', '/topics/private-messages')).toBe(0);
    expect(emulator.count('GET', '/t/')).toBe(0);
    // Nothing but /private-posts.json was read for them: no inbox list, no conversation.
    expect(emulator.requests.filter((request) => request.method === 'GET' && !['/posts.json', '/private-posts.json', '/latest.json'].includes(request.path.split('?')[0]!))).toEqual([]);
  });

  it('a bad groups option is a TypeError at construction', () => {
    expect(() => discourse({ baseUrl: FORUM, apiKey: API_KEY, apiUsername: 'support_bot', groups: [''] })).toThrow(TypeError);
    expect(() => discourse({ baseUrl: FORUM, apiKey: API_KEY, apiUsername: 'support_bot', groups: 'support' as never })).toThrow(TypeError);
  });
});
