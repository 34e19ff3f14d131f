/** An in-memory channel for hub tests: a feed polled by the core's listen engine, sends recorded. */
import { defineChannel, type Channel, type Message, type Store } from '../../src/index.js';
import type { AdapterContext } from '../../src/core/adapter-context.js';

export class Feed {
  readonly messages: Message[] = [];
  readonly sent: string[] = [];
  /** Thrown by every poll while set (an AuthError ends listen(); the hub restarts it). */
  failing: Error | undefined;
  /** Thrown by send while set. */
  sendFailure: Error | undefined;
  closed = false;
  context: AdapterContext | undefined;
  #next = 1;

  constructor(readonly id: string) {}

  add(text: string): Message {
    const id = String(this.#next++);
    const message: Message = {
      id,
      channel: this.id,
      platform: 'feed',
      kind: 'post',
      threadId: id,
      author: { id: 'customer', isSelf: false },
      text,
      attachments: [],
      createdAt: new Date(),
      raw: {},
    };
    this.messages.push(message);
    return message;
  }
}

export function feedChannel(feed: Feed, store: Store, options: { pollIntervalMs?: number } = {}): Channel {
  return defineChannel({ id: feed.id, platform: 'feed', options: { store, pollIntervalMs: options.pollIntervalMs ?? 10 } }, ({ context }) => {
    feed.context = context;
    const own = (text: string): Message => ({ ...feed.add(text), author: { id: 'me', isSelf: true } });
    return {
      capabilities: { post: true, reply: true, direct: false, html: false, attachments: false, webhooks: false, realtime: false },
      async send(draft) {
        if (feed.sendFailure) throw feed.sendFailure;
        feed.sent.push(draft.text);
        return own(draft.text);
      },
      async reply(to, draft) {
        feed.sent.push(`${to.id}:${draft.text}`);
        return own(draft.text);
      },
      messages: async function* () {},
      thread: async function* () {},
      sources: [
        {
          name: 'feed',
          async poll({ cursor, since }) {
            if (feed.failing) throw feed.failing;
            const fresh = feed.messages.filter((message) => (cursor ? Number(message.id) > Number(cursor) : message.createdAt >= since));
            return { items: fresh.slice(0, 5).map((message) => ({ message, position: message.id })), more: fresh.length > 5 };
          },
        },
      ],
      async close() {
        feed.closed = true;
      },
    };
  });
}
