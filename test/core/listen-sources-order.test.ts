/**
 * "In order per channel" (API.md, listen()) across the sources of one channel: their polls run side by
 * side, and what one returns waits for the polls still running beside it (a second at most), so messages
 * come oldest first whichever poll returned first; each source's own order is kept. No poll begins while a
 * page waits, so a source polled often (X's DMs in a firehose) cannot keep a page waiting its whole second.
 */
import { describe, expect, it } from 'vitest';
import { defineChannel, MemoryStore, type Channel, type ListenItem, type ListenSource, type Message } from '../../src/index.js';
import { take } from '../conformance/helpers.js';

const BASE_TIME = Date.UTC(2026, 10, 30, 9, 0);

function message(id: string, minute: number): Message {
  return { id, channel: 'ordered:one', platform: 'ordered', kind: 'comment', threadId: id, author: { id: 'customer', isSelf: false }, text: id, attachments: [], createdAt: new Date(BASE_TIME + minute * 60_000), raw: {} };
}

/** A source that answers its first poll with `items` after `delayMs`, and nothing after that. */
function source(name: string, delayMs: number, items: ListenItem[]): ListenSource {
  let polled = false;
  return {
    name,
    async poll() {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const answer = polled ? [] : items;
      polled = true;
      return { items: answer };
    },
  };
}

function channel(sources: ListenSource[]): Channel {
  return defineChannel({ id: 'ordered:one', platform: 'ordered', options: { store: new MemoryStore(), pollIntervalMs: 3_600_000 } }, () => ({
    capabilities: { post: false, reply: false, direct: false, html: false, attachments: false, webhooks: false, realtime: false },
    send: async () => {
      throw new Error('not used here');
    },
    reply: async () => {
      throw new Error('not used here');
    },
    messages: async function* () {},
    thread: async function* () {},
    sources,
  }));
}

describe('listen(): the sources of one channel', () => {
  it('delivers oldest first across sources, though the later source returned first', async () => {
    const slow = source('mentions', 60, [
      { message: message('m1', 1), position: '1' },
      { message: message('m3', 3), position: '3' },
    ]);
    const fast = source('direct', 5, [{ message: message('d2', 2), position: '2' }]);
    const controller = new AbortController();
    const ordered = channel([slow, fast]);
    const delivered = await take(ordered.listen({ since: new Date(BASE_TIME), signal: controller.signal })[Symbol.asyncIterator](), 3);
    expect(delivered.map((each) => each.id)).toEqual(['m1', 'd2', 'm3']);
    controller.abort();
    await ordered.close();
  });

  it("keeps a source's own order, even where its times do not follow it (an edit of an old review)", async () => {
    const reviews = source('reviews', 30, [
      { message: message('r-new', 5), position: '5' },
      { message: { ...message('r-old-edited', 0), editedAt: new Date(BASE_TIME + 6 * 60_000) }, position: '6' },
    ]);
    const other = source('other', 5, [{ message: message('o', 4), position: '4' }]);
    const controller = new AbortController();
    const ordered = channel([reviews, other]);
    const delivered = await take(ordered.listen({ since: new Date(BASE_TIME), signal: controller.signal })[Symbol.asyncIterator](), 3);
    expect(delivered.map((each) => each.id)).toEqual(['o', 'r-new', 'r-old-edited']);
    controller.abort();
    await ordered.close();
  });
});

describe('listen(): a page waiting for the polls beside it', () => {
  it('starts no new poll while it waits, so it waits only for the polls that were running when it returned', async () => {
    let mentionsPolls = 0;
    let minute = 0;
    // Always more to read, at once: without the rule, it is polled again and again while its page waits.
    const mentions: ListenSource = {
      name: 'mentions',
      async poll() {
        mentionsPolls += 1;
        minute += 1;
        return { items: [{ message: message(`m${minute}`, minute), position: String(minute) }], more: true };
      },
    };
    let answerDirect: (() => void) | undefined;
    const direct: ListenSource = {
      name: 'direct',
      async poll() {
        await new Promise<void>((resolve) => (answerDirect = resolve));
        return { items: [] };
      },
    };
    const controller = new AbortController();
    const ordered = channel([mentions, direct]);
    const first = ordered.listen({ since: new Date(BASE_TIME), signal: controller.signal })[Symbol.asyncIterator]().next();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mentionsPolls).toBe(1);
    answerDirect?.();
    expect((await first).value?.id).toBe('m1');
    controller.abort();
    answerDirect?.();
    await ordered.close();
  });
});
