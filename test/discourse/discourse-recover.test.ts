/**
 * An interrupted Discourse send (the post landed, the answer was lost) sent again with the same
 * idempotency key: the channel finds its own post instead of posting twice, Markdown included
 * (public posts are compared by `raw`, not by the cooked HTML's text). After Discourse's 120 s memo of
 * creates (within it, the create is repeated: discourse-memo.test.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChannelError, MemoryStore } from 'everywhere';
import { discourse } from 'everywhere/discourse';
import { collect } from '../conformance/helpers.js';
import { API_KEY, discourseWorld, FORUM } from './discourse-world.js';

let close: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const step of close.splice(0).reverse()) await step();
});

// Past Discourse's 120 s memo of the first create: recovery looks for the post instead of repeating the create.
function pastTheMemo() {
  const now = Date.now();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now + 121_000);
}

describe('Discourse recovery after an ambiguous write', () => {
  it('finds a landed Markdown reply by its raw text and posts it once', async () => {
    const setup = await discourseWorld();
    const store = new MemoryStore();
    const channel = discourse({ baseUrl: FORUM, apiKey: API_KEY, apiUsername: setup.emulator.botUsername, store, retry: { retries: 0 } });
    close.push(() => setup.close(), () => channel.close());
    const topic = setup.emulator.topic({ by: 'customer', title: 'How do I export my data?', raw: 'I need all my data as a CSV file.' });
    const [inbound] = await collect(channel.messages({ limit: 1 }));
    expect(inbound!.id).toBe(String(topic.id));

    const draft = { text: 'Open **Settings**, then _Export_:\n\n* choose CSV\n* press Start', idempotencyKey: 'export-answer-1' };
    setup.emulator.fail({ match: { method: 'POST', path: '/posts.json' }, status: 502, afterApply: true, body: '<html>502 Bad Gateway</html>' });
    const interrupted = await channel.reply(inbound!, draft).catch((caught: unknown) => caught);
    expect(ChannelError.isInstance(interrupted) && interrupted.maybeDelivered).toBe(true);

    pastTheMemo();
    const recovered = await channel.reply(inbound!, draft);
    const landed = setup.emulator.postsBy(setup.emulator.botUsername);
    expect(landed).toHaveLength(1);
    expect(recovered).toMatchObject({ id: String(landed[0]!.id), text: draft.text, parentId: inbound!.id, threadId: inbound!.threadId });
    expect(setup.emulator.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });
});
