/**
 * The root of a mail that has In-Reply-To but no References (RFC 5322 §3.6.4 makes References a
 * SHOULD; some clients and gateways send only In-Reply-To): the parent's own root, not the parent.
 * Known roots are kept in the store (every mail the channel sent or read, by Message-ID); a parent
 * it never saw is looked up in the mailbox being read, following its own In-Reply-To a few steps.
 */
import type { ImapFlow } from 'imapflow';
import type { Store } from '../core/channel.js';
import { bracket, messageIds } from './email-threading.js';
import type { NormalizedMail } from './normalize-mail.js';

const TTL_MS = 30 * 24 * 60 * 60 * 1000;
const MAX_STEPS = 5;

export class ThreadRoots {
  constructor(
    private readonly store: Store,
    private readonly prefix: string,
  ) {}

  remember(id: string, root: string): Promise<void> {
    return this.store.set(`${this.prefix}:root:${id}`, root, { ttlMs: TTL_MS });
  }

  /** Give each mail without References its parent's root, and remember every mail's root. */
  async resolve(mails: readonly NormalizedMail[], client: ImapFlow | undefined): Promise<void> {
    for (const { message } of mails) {
      const parent = message.raw.inReplyTo[0];
      if (message.raw.references.length === 0 && parent && parent !== message.id) message.threadId = await this.#rootOf(parent, client);
      // A mail that is its own root needs no entry: a reply to it finds it as the root anyway.
      if (message.threadId !== message.id) await this.remember(message.id, message.threadId);
    }
  }

  async #rootOf(id: string, client: ImapFlow | undefined): Promise<string> {
    let current = id;
    for (let step = 0; step < MAX_STEPS; step++) {
      const known = await this.store.get(`${this.prefix}:root:${current}`);
      if (known) return known;
      const parent = client ? await threadingOf(client, current) : undefined;
      if (!parent) return current;
      if (parent.references[0]) return parent.references[0];
      if (!parent.inReplyTo[0] || parent.inReplyTo[0] === current) return current;
      current = parent.inReplyTo[0];
    }
    return current;
  }
}

/** References and In-Reply-To of the mail with this Message-ID in the selected mailbox. */
async function threadingOf(client: ImapFlow, id: string): Promise<{ references: string[]; inReplyTo: string[] } | undefined> {
  const uids = await client.search({ header: { 'message-id': bracket(id) } }, { uid: true });
  if (!uids || uids.length === 0) return undefined;
  for await (const item of client.fetch(uids.slice(0, 1), { uid: true, headers: ['references', 'in-reply-to', 'message-id'] }, { uid: true })) {
    const text = item.headers?.toString('utf8') ?? '';
    const field = (name: string) => text.match(new RegExp(`^${name}:((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im'))?.[1];
    if (messageIds(field('message-id'))[0] !== id) continue;
    return { references: messageIds(field('references')), inReplyTo: messageIds(field('in-reply-to')) };
  }
  return undefined;
}
