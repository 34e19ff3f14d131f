/**
 * Safe repeat: Discourse answers an identical API create of the same user within 120 s with the first
 * one's result (PostsController's DistributedMemoizer). An ambiguous create sent again with the same
 * idempotency key within that window repeats the create: the post that landed comes back, or, when
 * none landed, it is posted now: once either way, without reading the forum. On the emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError, MemoryStore } from 'everywhere';
import { discourse } from 'everywhere/discourse';
import { collect } from '../conformance/helpers.js';
import { API_KEY, discourseWorld, FORUM } from './discourse-world.js';

let close: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

const BAD_GATEWAY = { match: { method: 'POST', path: '/posts.json' }, status: 502, body: '<html>502 Bad Gateway</html>' };

async function world() {
  const setup = await discourseWorld();
  const store = new MemoryStore();
  const open = () => discourse({ baseUrl: FORUM, apiKey: API_KEY, apiUsername: setup.emulator.botUsername, store, retry: { retries: 0 } });
  const channel = open();
  close.push(() => setup.close(), () => channel.close());
  const question = setup.emulator.topic({ by: 'customer', title: 'How do I export my data?', raw: 'I need all my data as a CSV file.' });
  const [inbound] = await collect(channel.thread(String(question.topicId)));
  const reads = () => setup.emulator.requests.filter((request) => request.method === 'GET').length;
  return { ...setup, channel, open, inbound: inbound!, reads };
}

const maybeDelivered = (caught: unknown) => ChannelError.isInstance(caught) && caught.maybeDelivered === true;

describe('an ambiguous create repeated within Discourse’s memo', () => {
  it('a reply that landed comes back as the first post, by the same create, with no read', async () => {
    const { emulator, channel, inbound, reads } = await world();
    const draft = { text: 'Open Settings, then Export, and choose CSV.', idempotencyKey: 'export-answer' };
    emulator.fail({ ...BAD_GATEWAY, afterApply: true });
    expect(await channel.reply(inbound, draft).catch(maybeDelivered)).toBe(true);
    const before = reads();
    const recovered = await channel.reply(inbound, draft);
    const landed = emulator.postsBy(emulator.botUsername);
    expect(landed).toHaveLength(1);
    expect(recovered).toMatchObject({ id: String(landed[0]!.id), parentId: inbound.id, threadId: inbound.threadId, text: draft.text });
    expect(emulator.count('POST', '/posts.json')).toBe(2);
    expect(reads()).toBe(before);
  });

  it('a private message that did not land is posted now, once', async () => {
    const { emulator, channel } = await world();
    const draft = { to: 'customer', subject: 'Your refund', text: 'Your refund was sent today.', idempotencyKey: 'refund-note' };
    emulator.fail(BAD_GATEWAY); // answered before anything was applied: still ambiguous to the client
    expect(await channel.send(draft).catch(maybeDelivered)).toBe(true);
    expect(emulator.postsBy(emulator.botUsername)).toHaveLength(0);
    const recovered = await channel.send(draft);
    const landed = emulator.postsBy(emulator.botUsername);
    expect(landed).toHaveLength(1);
    expect(recovered).toMatchObject({ id: String(landed[0]!.id), kind: 'direct', subject: 'Your refund' });
  });

  it('another process sharing the store repeats it too', async () => {
    const { emulator, channel, open } = await world();
    const draft = { subject: 'The export is back again', text: 'The export works again since this morning.', idempotencyKey: 'export-back' };
    emulator.fail({ ...BAD_GATEWAY, afterApply: true });
    expect(await channel.send(draft).catch(maybeDelivered)).toBe(true);
    const other = open();
    close.push(() => other.close());
    const recovered = await other.send(draft);
    expect(emulator.postsBy(emulator.botUsername).map((post) => String(post.id))).toEqual([recovered.id]);
  });
});
