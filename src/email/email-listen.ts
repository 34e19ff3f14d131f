/**
 * listen()'s poll source for the mailbox. Positions are `${UIDVALIDITY}:${UID}` (RFC 3501 §2.3.1.1:
 * a UID names a message only together with the mailbox's UIDVALIDITY). When UIDVALIDITY changes, the
 * saved cursor is void: the source resynchronises by date (SEARCH SINCE) and by the ledger of ids it
 * produced, so mail handled before the change is not delivered again, and nothing after it is lost.
 */
import type { ImapFlow, MailboxObject } from 'imapflow';
import type { ChannelContext } from '../core/context.js';
import type { ListenItem, ListenSource, PollRequest, PollResult } from '../core/listen/listen-source.js';
import { isAutomatic } from './email-auto-reply.js';
import { reportBounce } from './email-bounce-report.js';
import { fetchMails } from './email-history.js';
import type { ImapConnection } from './email-imap.js';
import { Ledger, ledgerKey, type LedgerEntry } from './email-ledger.js';
import type { NormalizeContext } from './normalize-mail.js';

export const INBOX_SOURCE = 'inbox';
// At most this many messages per poll; `more` asks the engine to poll again at once.
const BATCH = 50;

export interface InboxParts {
  imap: ImapConnection;
  context: ChannelContext;
  mailbox: string;
  normalize: NormalizeContext;
  ledger: Ledger;
  /** Whether listen() handled the message at this position (the engine's view: cursor or done marker). */
  isHandled: (position: string) => Promise<boolean>;
  /** Started by the first poll of a listen() run, stopped with it; resolves once IDLE watches the mailbox. */
  onPoll?: (signal: AbortSignal) => Promise<void> | undefined;
}

interface Header {
  uid: number;
  key: string;
  internalDate: number;
}

export class InboxSource implements ListenSource {
  readonly name = INBOX_SOURCE;
  /** UIDVALIDITY of the mailbox as last seen: positions under it come after any other. */
  #current: string | undefined;
  /** Positions of bounces already reported (IDLE and the poll both read new mail). */
  readonly #reported = new Set<string>();

  constructor(private readonly parts: InboxParts) {}

  readonly compare = (a: string, b: string): number => {
    const [validityA, uidA] = splitPosition(a);
    const [validityB, uidB] = splitPosition(b);
    if (validityA === validityB) return uidA - uidB;
    if (validityA === this.#current) return 1;
    if (validityB === this.#current) return -1;
    return BigInt(validityA) < BigInt(validityB) ? -1 : 1;
  };

  async poll({ cursor, since, signal }: PollRequest): Promise<PollResult> {
    // Search only once IDLE watches: mail arriving between this search and IDLE's selection would wait for the next poll.
    await this.parts.onPoll?.(signal);
    return this.parts.imap.withMailbox(this.parts.mailbox, 'polling the mailbox', async (client, box) => {
      // A mailbox selected for a while shows mail that came since only after a NOOP (RFC 3501 §6.1.2): Dovecot
      // brings the session's view up to date at NOOP, IDLE or a command's end, so a SEARCH alone missed it.
      await client.noop();
      const validity = String(box.uidValidity);
      this.#current = validity;
      if (cursor === undefined) {
        // No cursor yet, but mail may have come by IDLE and been handled under an earlier numbering.
        const previous = await this.parts.ledger.lastValidity();
        if (previous !== undefined && previous !== validity) return this.#resync(client, validity, previous, 0, since.getTime(), true);
        return this.#since(client, validity, since.getTime());
      }
      const [cursorValidity, cursorUid] = splitPosition(cursor);
      if (cursorValidity === validity) return this.#after(client, box, validity, cursorUid);
      return this.#resync(client, validity, cursorValidity, cursorUid, since.getTime());
    }, signal);
  }

  /** Items for these UIDs of the selected mailbox, auto-replies marked skip, recorded in the ledger. */
  async items(client: ImapFlow, validity: string, uids: number[]): Promise<ListenItem[]> {
    if (uids.length === 0) return [];
    const mails = await fetchMails(client, this.parts.mailbox, uids, true, this.parts.normalize);
    mails.sort((a, b) => (a.message.raw.uid ?? 0) - (b.message.raw.uid ?? 0));
    await this.parts.ledger.record(
      validity,
      mails.map((mail): LedgerEntry => {
        const raw = mail.message.raw;
        const internalDate = raw.internalDate ? new Date(raw.internalDate) : undefined;
        return [raw.uid ?? 0, ledgerKey(raw.messageId, internalDate, undefined), internalDate?.getTime() ?? 0];
      }),
    );
    // Auto-replies, bounces and list mail are never delivered (RFC 3834 §2), so two bots never loop; skipped,
    // the cursor still moves past them. A bounce of the channel's own mail is reported as an 'error' event, once.
    // The channel's own mail is skipped by the engine too.
    return mails.map((mail) => {
      const position = `${validity}:${mail.message.raw.uid}`;
      if (mail.report && !this.#reported.has(position)) {
        this.#reported.add(position);
        if (this.#reported.size > 1000) this.#reported.delete(this.#reported.values().next().value!);
        reportBounce(mail, this.parts.context, this.parts.normalize.address);
      }
      return { message: mail.message, position, ...(isAutomatic(mail.headers, mail.message.raw.from) ? { skip: true } : {}) };
    });
  }

  /** Without a cursor: mail that arrived at or after `since` (INTERNALDATE has whole seconds), but what a resync found handled. */
  async #since(client: ImapFlow, validity: string, sinceMs: number): Promise<PollResult> {
    const floor = Math.floor(sinceMs / 1000) * 1000;
    const skip = new Set((await this.parts.ledger.resync(validity))?.skip ?? []);
    const headers = (await this.#headers(client, await this.#searchSince(client, floor))).filter((header) => header.internalDate >= floor && !skip.has(header.uid));
    return this.#batch(client, validity, headers.map((header) => header.uid));
  }

  async #after(client: ImapFlow, box: MailboxObject, validity: string, cursorUid: number): Promise<PollResult> {
    // No shortcut on box.uidNext: while the mailbox stays selected, imapflow updates it only from
    // FETCH answers, not from EXISTS, so it can be stale; UID SEARCH asks the server itself.
    const uids = (await client.search({ uid: `${cursorUid + 1}:*` }, { uid: true })) || [];
    const skip = new Set((await this.parts.ledger.resync(validity))?.skip ?? []);
    return this.#batch(client, validity, uids.filter((uid) => uid > cursorUid && !skip.has(uid)));
  }

  /**
   * The cursor was saved under another UIDVALIDITY (or there is none, and mail was recorded under
   * another: `cursorUid` 0). Handled before the change: what the ledger of that UIDVALIDITY holds at or
   * below the cursor, or marked done by the engine (mail IDLE delivered), or skipped by an earlier
   * resync. Everything else since the oldest ledger entry is delivered, in its new UIDs.
   */
  async #resync(client: ImapFlow, validity: string, oldValidity: string, cursorUid: number, sinceMs: number, firstRun = false): Promise<PollResult> {
    const old = await this.parts.ledger.entries(oldValidity);
    const skippedBefore = new Set((await this.parts.ledger.resync(oldValidity))?.skip ?? []);
    const handled = new Set<string>();
    for (const [uid, key] of old) {
      if (uid <= cursorUid || skippedBefore.has(uid) || (await this.parts.isHandled(`${oldValidity}:${uid}`))) handled.add(key);
    }
    const oldest = old.length > 0 ? Math.min(...old.map((entry) => entry[2])) : sinceMs;
    // A run that never had a cursor delivers nothing from before its start, as a first run does.
    const cutoff = Math.floor((firstRun ? Math.max(oldest, sinceMs) : oldest) / 1000) * 1000;
    const headers = await this.#headers(client, await this.#searchSince(client, cutoff));
    const skip: number[] = [];
    const deliver: number[] = [];
    for (const header of headers) {
      if (handled.has(header.key) || header.internalDate < cutoff) skip.push(header.uid);
      else deliver.push(header.uid);
    }
    await this.parts.ledger.saveResync(validity, { from: oldValidity, skip });
    await this.parts.ledger.record(validity, headers.filter((header) => skip.includes(header.uid)).map((header) => [header.uid, header.key, header.internalDate]));
    this.parts.context.emit('resync', {
      source: INBOX_SOURCE,
      previous: oldValidity,
      current: validity,
      detail: `UIDVALIDITY of ${this.parts.mailbox} changed from ${oldValidity} to ${validity}: resynchronised by date and Message-ID`,
    });
    return { items: await this.items(client, validity, deliver) };
  }

  async #batch(client: ImapFlow, validity: string, uids: number[]): Promise<PollResult> {
    const sorted = [...uids].sort((a, b) => a - b);
    const items = await this.items(client, validity, sorted.slice(0, BATCH));
    return sorted.length > BATCH ? { items, more: true } : { items };
  }

  async #searchSince(client: ImapFlow, ms: number): Promise<number[]> {
    // SEARCH SINCE compares dates only (RFC 3501 §6.4.4), so go back a day for time zones and filter exactly.
    return (await client.search({ since: new Date(ms - 24 * 60 * 60 * 1000) }, { uid: true })) || [];
  }

  async #headers(client: ImapFlow, uids: number[]): Promise<Header[]> {
    if (uids.length === 0) return [];
    const headers: Header[] = [];
    for await (const item of client.fetch(uids, { uid: true, envelope: true, internalDate: true, size: true }, { uid: true })) {
      const internalDate = item.internalDate ? new Date(item.internalDate) : undefined;
      const messageId = item.envelope?.messageId?.replace(/^<|>$/g, '');
      headers.push({ uid: item.uid, key: ledgerKey(messageId, internalDate, undefined), internalDate: internalDate?.getTime() ?? 0 });
    }
    return headers.sort((a, b) => a.uid - b.uid);
  }
}

function splitPosition(position: string): [string, number] {
  const colon = position.lastIndexOf(':');
  return [position.slice(0, colon), Number(position.slice(colon + 1))];
}
