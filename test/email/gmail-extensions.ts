/**
 * Gmail's IMAP extensions in front of a real Dovecot, as Google documents them
 * (https://developers.google.com/gmail/imap/imap-extensions): the server announces `X-GM-EXT-1` in its
 * CAPABILITY; `X-GM-MSGID` and `X-GM-THRID` are FETCH items, each a 64-bit unsigned integer (the
 * message's and its conversation's id, the same in every mailbox it shows in); `X-GM-THRID <id>` is a
 * SEARCH key for the messages of a conversation. Dovecot knows none of them, so the proxy takes the
 * items out of the commands it forwards and puts them into the answers: a thread is the conversation
 * of References / In-Reply-To (the first id of References, else the parent's thread, else the mail's
 * own Message-ID), and its X-GM-THRID search becomes a HEADER search for that root (RFC 3501 §6.4.4).
 * Everything else passes through unchanged. What Gmail also does with mailboxes (`[Gmail]/All Mail`
 * holds every mail, `[Gmail]/Sent Mail` gets what one sends) is the world's delivery, not the proxy's.
 */
import { createHash } from 'node:crypto';

const GM_ITEMS = /\s+X-GM-(MSGID|THRID|LABELS)\b/gi;

/** The conversations the proxy has seen, shared by all its connections. */
export class GmailThreads {
  readonly #rootOf = new Map<string, string>();
  readonly #rootById = new Map<string, string>();

  /** The X-GM-THRID of a mail with these headers. */
  threadOf(messageId: string | undefined, references: string[], inReplyTo: string[]): string {
    const parent = inReplyTo[0];
    const root = references[0] ?? (parent ? (this.#rootOf.get(parent) ?? parent) : undefined) ?? messageId ?? 'none';
    if (messageId) this.#rootOf.set(messageId, root);
    const id = numericId(root);
    this.#rootById.set(id, root);
    return id;
  }

  rootOfThread(id: string): string | undefined {
    return this.#rootById.get(id);
  }
}

/** One connection's rewriting: client lines in, server answers out (latin1 strings: one char per byte). */
export class GmailSession {
  #mailbox = '';
  /** Tag of the FETCH whose answers get the Gmail items. */
  #fetchTag: string | undefined;

  constructor(private readonly threads: GmailThreads) {}

  clientLine(line: string): string {
    const select = /^\S+ (?:SELECT|EXAMINE) "?([^"]*)"?/i.exec(line);
    if (select) this.#mailbox = select[1]!;
    const fetch = /^(\S+) (?:UID )?FETCH /i.exec(line);
    if (fetch && GM_ITEMS.test(line)) {
      this.#fetchTag = fetch[1];
      GM_ITEMS.lastIndex = 0;
      return line.replace(GM_ITEMS, '').replace(/\(\s+/, '(');
    }
    GM_ITEMS.lastIndex = 0;
    if (/^\S+ (?:UID )?SEARCH /i.test(line)) {
      return line.replace(/X-GM-THRID\s+"?(\d+)"?/i, (_match, id: string) => {
        const root = this.threads.rootOfThread(id) ?? `unknown-thread-${id}`;
        return `OR OR HEADER Message-ID "<${root}>" HEADER References "<${root}>" HEADER In-Reply-To "<${root}>"`;
      });
    }
    return line;
  }

  serverUnit(unit: string): string {
    let out = unit;
    if (/^\* CAPABILITY /i.test(out)) out = out.replace(/\r\n$/, ' X-GM-EXT-1\r\n');
    out = out.replace(/\[CAPABILITY ([^\]]*)\]/i, (_match, list: string) => `[CAPABILITY ${list} X-GM-EXT-1]`);
    if (this.#fetchTag && /^\* \d+ FETCH \(/i.test(out)) {
      const uid = /\bUID (\d+)/i.exec(out)?.[1] ?? '0';
      const header = (name: string) => out.match(new RegExp(`\\r\\n${name}:((?:[^\\r]*)(?:\\r\\n[ \\t][^\\r]*)*)`, 'i'))?.[1];
      const ids = (value: string | undefined) => [...(value ?? '').matchAll(/<([^<>\s]+)>/g)].map((match) => match[1]!);
      const messageId = ids(header('message-id'))[0];
      const thread = this.threads.threadOf(messageId, ids(header('references')), ids(header('in-reply-to')));
      const message = numericId(messageId ?? `${this.#mailbox}/${uid}`);
      out = out.replace(/^(\* \d+ FETCH \()/i, `$1X-GM-THRID ${thread} X-GM-MSGID ${message} `);
    }
    if (this.#fetchTag && out.startsWith(`${this.#fetchTag} `)) this.#fetchTag = undefined;
    return out;
  }
}

/** A 64-bit unsigned decimal id for a name (Gmail's ids are opaque numbers of that size). */
function numericId(name: string): string {
  return BigInt(`0x${createHash('sha256').update(name).digest('hex').slice(0, 15)}`).toString();
}

/**
 * Splits a server's stream into whole answers: a line, with every literal (`{n}` then n bytes) it
 * announces, up to the line end after the last one (RFC 3501 §4.3).
 */
export class ResponseSplitter {
  #buffer = '';

  push(chunk: string): string[] {
    this.#buffer += chunk;
    const units: string[] = [];
    let start = 0;
    let scan = 0;
    for (;;) {
      const end = this.#buffer.indexOf('\r\n', scan);
      if (end < 0) break;
      const literal = /\{(\d+)\+?\}$/.exec(this.#buffer.slice(scan, end));
      if (literal) {
        const after = end + 2 + Number(literal[1]);
        if (after > this.#buffer.length) break;
        scan = after;
        continue;
      }
      units.push(this.#buffer.slice(start, end + 2));
      start = scan = end + 2;
    }
    this.#buffer = this.#buffer.slice(start);
    return units;
  }
}
