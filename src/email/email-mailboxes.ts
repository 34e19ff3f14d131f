/**
 * The Sent mailbox: the one the server marks `\Sent` (RFC 6154 special-use,
 * https://www.rfc-editor.org/rfc/rfc6154#section-2), else one named `Sent`, created when absent;
 * the `sentMailbox` option overrides both. Found once per channel.
 */
import type { ImapConnection } from './email-imap.js';

export class Mailboxes {
  #sent: Promise<string> | undefined;

  constructor(
    private readonly imap: ImapConnection,
    private readonly configured: string | undefined,
  ) {}

  /** The Sent mailbox, created if the server has none. */
  sent(): Promise<string> {
    this.#sent ??= this.#findSent().catch((error: unknown) => {
      this.#sent = undefined; // look again next time: the failure may have been the connection
      throw error;
    });
    return this.#sent;
  }

  /** The Sent mailbox if it exists, without creating it (for reads). */
  async existingSent(): Promise<string | undefined> {
    const list = await this.imap.run('listing mailboxes', (client) => client.list());
    const wanted = this.configured;
    const found = wanted ? list.find((box) => box.path === wanted) : (list.find((box) => box.specialUse === '\\Sent') ?? list.find((box) => box.path === 'Sent'));
    return found?.path;
  }

  /** The mailbox that holds every mail (special-use \\All, RFC 6154: Gmail's `[Gmail]/All Mail`), if any. */
  async all(): Promise<string | undefined> {
    const list = await this.imap.run('listing mailboxes', (client) => client.list());
    return list.find((box) => box.specialUse === '\\All')?.path;
  }

  async #findSent(): Promise<string> {
    const existing = await this.existingSent();
    if (existing) return existing;
    const path = this.configured ?? 'Sent';
    await this.imap.run('creating the Sent mailbox', (client) => client.mailboxCreate(path));
    return path;
  }
}
