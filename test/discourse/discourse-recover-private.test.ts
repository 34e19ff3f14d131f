/**
 * An interrupted private message (it landed, the answer was lost) sent again with the same idempotency
 * key: the channel finds the conversation it opened instead of opening a second one; when none landed,
 * the core's sent-once says so (DeliveryUnknownError) rather than risk a second message. Both after
 * Discourse's 120 s memo of creates (within it, the create is repeated: discourse-memo.test.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChannelError, MemoryStore } from 'everywhere';
import { discourse } from 'everywhere/discourse';
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

async function world() {
  const setup = await discourseWorld();
  const channel = discourse({ baseUrl: FORUM, apiKey: API_KEY, apiUsername: setup.emulator.botUsername, store: new MemoryStore(), retry: { retries: 0 } });
  close.push(() => setup.close(), () => channel.close());
  return { ...setup, channel };
}

const interrupted = { match: { method: 'POST', path: '/posts.json' }, status: 502, body: '<html>502 Bad Gateway</html>' };

describe('Discourse recovery of a private message', () => {
  it('finds the conversation that landed and opens it once', async () => {
    const { emulator, channel } = await world();
    emulator.privateMessage({ by: 'customer', title: 'An older conversation', raw: 'Something from last week, long answered.' });
    const draft = { to: 'customer', subject: 'Your refund', text: 'Your **refund** was sent today.\n\nIt takes 3 days.', idempotencyKey: 'refund-note-1' };
    emulator.fail({ ...interrupted, afterApply: true });
    const error = await channel.send(draft).catch((caught: unknown) => caught);
    expect(ChannelError.isInstance(error) && error.maybeDelivered).toBe(true);

    pastTheMemo();
    const recovered = await channel.send(draft);
    const landed = emulator.postsBy(emulator.botUsername);
    expect(landed).toHaveLength(1);
    expect(recovered).toMatchObject({ id: String(landed[0]!.id), kind: 'direct', text: draft.text, subject: 'Your refund' });
    expect(emulator.count('POST', '/posts.json')).toBe(1);
  });

  it('posts nothing more when the interrupted one did not land, and says the outcome is unknown', async () => {
    const { emulator, channel } = await world();
    const draft = { to: 'customer', subject: 'Your refund', text: 'Your refund was sent today.', idempotencyKey: 'refund-note-2' };
    emulator.fail(interrupted); // refused before applying: a 502 is still ambiguous to the client
    expect(await channel.send(draft).catch((caught: unknown) => ChannelError.isInstance(caught) && caught.maybeDelivered)).toBe(true);
    pastTheMemo();
    const again = await channel.send(draft).catch((caught: unknown) => caught);
    expect(again).toMatchObject({ code: 'delivery_unknown', maybeDelivered: true });
    expect(emulator.postsBy(emulator.botUsername)).toHaveLength(0);
    expect(emulator.count('POST', '/posts.json')).toBe(1);
  });
});
