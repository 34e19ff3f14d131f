/**
 * The email channel: mail in over IMAP (imapflow), out over SMTP (nodemailer), parsed by mailparser,
 * on the core's draft checks, sent-once and listen engine. Every mail the server accepted is also APPENDed to Sent.
 */
import { randomUUID } from 'node:crypto';
import type { Attachment, Channel, Draft, Message } from '../core/channel.js';
import type { ChannelContext } from '../core/context.js';
import { defineCoreChannel, type ChannelImplementation } from '../core/define-channel.js';
import { InvalidDraftError } from '../core/errors.js';
import { sha256Hex } from '../core/hex.js';
import { idempotencyKeyOf } from '../core/sent-once.js';
import { toError } from '../core/to-error.js';
import { domainOf, isEmailAddress } from './email-address.js';
import { downloadAttachment } from './email-download.js';
import { composeMail } from './email-compose.js';
import { history, lookup, thread, type HistoryParts } from './email-history.js';
import { InboxWatcher } from './email-idle.js';
import { ImapConnection } from './email-imap.js';
import { Ledger } from './email-ledger.js';
import { ServerLogin } from './email-login.js';
import { INBOX_SOURCE, InboxSource } from './email-listen.js';
import { Mailboxes } from './email-mailboxes.js';
import { normalizeEmailOptions, type EmailOptions, type NormalizedEmailOptions } from './email-options.js';
import { SmtpSender } from './email-smtp.js';
import { managedToken } from './email-token.js';
import { ThreadRoots } from './email-thread-roots.js';
import { replySubject, replyThreading, type ThreadHeaders } from './email-threading.js';
import { replyRecipients, type Recipients } from './email-recipients.js';
import { normalizeMail, type EmailRaw } from './normalize-mail.js';

/** An email channel: a Channel, and the attachments of what it read on demand. */
export interface EmailChannel extends Channel {
  /**
   * The content of an attachment of a mail this channel read (`message.attachments`, inline `cid:` images
   * included), fetched now from the server: reading mail never downloads attachments.
   * NotFoundError for a message that is not one the channel read from its mailbox.
   */
  download(message: Message, attachment: Attachment): Promise<Uint8Array>;
}

export function email(options: EmailOptions): EmailChannel {
  const settings = normalizeEmailOptions(options);
  let download: EmailChannel['download'] | undefined;
  const channel = defineCoreChannel({ id: `email:${settings.address.toLowerCase()}`, platform: 'email', options: settings }, ({ context, push, isHandled }) => {
    // One token keeper for both servers: a refresh for one is the token of the other.
    const managed = managedToken(settings, context);
    const imapLogin = new ServerLogin(settings.imap.auth, context, managed, settings.imap);
    const imap = new ImapConnection(settings, context, imapLogin);
    const smtp = new SmtpSender(settings, context, new ServerLogin(settings.smtp.auth, context, managed, settings.smtp));
    const mailboxes = new Mailboxes(imap, settings.sentMailbox);
    const roots = new ThreadRoots(context.store, `${context.id}:email`);
    const normalize = { channel: context.id, address: settings.address, aliases: settings.aliases, roots };
    const parts: HistoryParts = { imap, mailboxes, context, mailbox: settings.mailbox, normalize };
    const ledger = new Ledger(context.store, `${context.id}:email:${settings.mailbox}`);
    let watcher: InboxWatcher | undefined;
    const listening = new WeakSet<AbortSignal>();
    const onPoll = (signal: AbortSignal) => {
      const watching = watcher?.start(signal);
      if (!listening.has(signal)) {
        listening.add(signal);
        // When this listen() ends, its IMAP session goes too; a later command connects again.
        signal.addEventListener('abort', () => void imap.release(), { once: true });
      }
      return watching;
    };
    const inbox = new InboxSource({ imap, context, mailbox: settings.mailbox, normalize, ledger, isHandled: (position) => isHandled(INBOX_SOURCE, position), onPoll });
    watcher = new InboxWatcher(settings, context, inbox, push, imapLogin);
    const outbox = new Outbox(settings, context, smtp, imap, mailboxes, roots);
    download = (message, attachment) => downloadAttachment(imap, context, message, attachment);

    const implementation: ChannelImplementation = {
      capabilities: { post: false, reply: true, direct: true, html: true, attachments: true, webhooks: false, realtime: true },
      validateDraft(draft, to) {
        if (!to && !isEmailAddress(draft.to)) throw new InvalidDraftError("'to' is not an email address", context.errorOptions());
        if (draft.attachments?.some((attachment) => !('data' in attachment))) {
          throw new InvalidDraftError('email attachments need their data ({ name, mimeType, data }); a url is not fetched', context.errorOptions());
        }
      },
      send: async (draft) => outbox.send(draft, { to: [draft.to!.trim()], cc: [] }, await outbox.messageId(await idempotencyKeyOf(draft, undefined)), draft.subject ?? '', undefined),
      async reply(to, draft) {
        const raw = (to.raw ?? {}) as Partial<EmailRaw>;
        const recipients = replyRecipients(raw, to.author.isSelf ? undefined : to.author.handle, settings);
        if (!recipients) throw new InvalidDraftError('the message has no sender address to reply to', context.errorOptions());
        // A mail without a Message-ID (its id is its place on the server) cannot be referred to by a reply.
        const threading = raw.messageId ? replyThreading({ id: raw.messageId, references: raw.references ?? [], inReplyTo: raw.inReplyTo ?? [] }) : undefined;
        // The key the core's sent-once uses for this reply, so the Message-ID matches it.
        const key = await idempotencyKeyOf(draft, to);
        return outbox.send(draft, recipients, await outbox.messageId(key), draft.subject ?? replySubject(to.subject), threading, true);
      },
      messages: ({ signal }) => history(parts, signal),
      thread: (of, { signal }) => thread(parts, of, signal),
      sources: [inbox],
      // After an ambiguous failure: the mail as the server shows it (in Sent, where the provider files sent mail
      // itself, as Gmail does), else undefined: nobody can tell whether it went out (DeliveryUnknownError).
      async recover(draft, to) {
        const key = await idempotencyKeyOf(draft, to);
        if (key === undefined) return undefined;
        return lookup(parts, await outbox.messageId(key));
      },
      async close() {
        smtp.close();
        await imap.close();
      },
    };
    return implementation;
  });
  return Object.assign(channel, { download: download! });
}

/** Composing, sending and filing a mail. */
class Outbox {
  constructor(
    private readonly settings: NormalizedEmailOptions,
    private readonly context: ChannelContext,
    private readonly smtp: SmtpSender,
    private readonly imap: ImapConnection,
    private readonly mailboxes: Mailboxes,
    private readonly roots: ThreadRoots,
  ) {}

  /**
   * The Message-ID of a send: derived from the idempotency key when there is one, so a send cut short
   * can be found again in Sent (`recover`); random otherwise. RFC 5322 §3.6.4: unique, right side a domain.
   */
  async messageId(key: string | null | undefined): Promise<string> {
    const domain = domainOf(this.settings.address);
    if (typeof key !== 'string') return `${randomUUID()}@${domain}`;
    return `${(await sha256Hex(`${this.context.id}\n${key}`)).slice(0, 40)}@${domain}`;
  }

  async send(draft: Draft, recipients: Recipients, messageId: string, subject: string, threading: ThreadHeaders | undefined, answer = false): Promise<Message> {
    const raw = await composeMail({
      from: { address: this.settings.address, name: this.settings.name },
      to: recipients.to,
      cc: recipients.cc,
      subject,
      text: draft.text,
      html: draft.html,
      attachments: draft.attachments ?? [],
      messageId,
      ...(threading ? { inReplyTo: threading.inReplyTo, references: threading.references } : {}),
      date: new Date(),
      // RFC 3834 §5: an answer says it was sent automatically, so auto-responders do not answer it back.
      headers: { ...this.settings.headers, ...(answer ? { 'Auto-Submitted': 'auto-replied' } : {}) },
    });
    // Filed in Sent only once the server accepted it: after an ambiguous failure the channel writes no copy,
    // so recover() finds one only where the provider filed the mail itself (as Gmail does), and a copy there
    // is never one the channel wrote of a mail nobody saw go out.
    await this.smtp.send({ from: this.settings.address, to: [...recipients.to, ...recipients.cc] }, raw);
    await this.#file(raw);
    const { message } = await normalizeMail(raw, undefined, { channel: this.context.id, address: this.settings.address });
    await this.roots.remember(message.id, message.threadId).catch(() => undefined); // the mail is out: a store hiccup is no failure
    // The ids, threading and date come from the mail as sent; the text and subject are the caller's own,
    // not as a parser reads them back (it ends the text with a line break and re-joins folded headers).
    const { subject: _parsed, ...rest } = message;
    return { ...rest, text: draft.text, ...(subject ? { subject } : {}) };
  }

  /**
   * APPEND to Sent, \Seen (RFC 3501 §6.3.11); not on Gmail, which files what its SMTP server sent itself
   * (a copy of ours would be a second one). The mail is out already: a failure here is reported, not thrown.
   */
  async #file(raw: Buffer): Promise<void> {
    try {
      if (await this.imap.isGmail()) return;
      const sent = await this.mailboxes.sent();
      await this.imap.run('filing the mail in Sent', (client) => client.append(sent, raw, ['\\Seen']));
    } catch (error) {
      this.context.emit('error', toError(error));
    }
  }
}
