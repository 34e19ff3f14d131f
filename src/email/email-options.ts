/** The options of `email()`, validated once with zod and normalized. Passwords are never echoed. */
import * as z from 'zod/mini';
import { commonOptionsShape, normalizeCommonOptions, parseOptions, type CommonOptions, type NormalizedCommonOptions } from '../core/options.js';
import { isEmailAddress } from './email-address.js';

export interface EmailServerAuth {
  user: string;
  pass: string;
}

export interface EmailOptions extends CommonOptions {
  /** The channel's own address: From of what it sends, `isSelf` of what it reads. */
  address: string;
  /** Display name on the From line of what it sends. */
  name?: string;
  /** Where mail is read (and the Sent copy is stored). */
  imap: { host: string; port: number; secure: boolean; auth: EmailServerAuth };
  /** Where mail is sent. `auth` is left out for a relay that needs no login. */
  smtp: { host: string; port: number; secure: boolean; auth?: EmailServerAuth };
  /** The mailbox read by messages() and listen(). @default 'INBOX' */
  mailbox?: string;
  /**
   * Where a copy of every sent mail is APPENDed, as mail clients do.
   * @default the server's `\Sent` special-use mailbox (RFC 6154), else 'Sent' (created when absent)
   */
  sentMailbox?: string;
}

export interface NormalizedEmailOptions extends NormalizedCommonOptions {
  address: string;
  name: string | undefined;
  imap: EmailOptions['imap'];
  smtp: EmailOptions['smtp'];
  mailbox: string;
  sentMailbox: string | undefined;
}

// IDLE delivers new mail at once; polling is the safety net that also catches what IDLE missed
// while the connection was down. RFC 2177 §3: clients re-issue IDLE at least every 29 minutes.
const DEFAULT_POLL_INTERVAL_MS = 60_000;

const text = () => z.string().check(z.minLength(1));
const port = () => z.number().check(z.int(), z.minimum(1), z.maximum(65_535));
const auth = () => z.strictObject({ user: text(), pass: text() });

const schema = z.strictObject({
  ...commonOptionsShape,
  address: z.string().check(z.refine(isEmailAddress, { message: 'expected an email address' })),
  name: z.optional(z.string()),
  imap: z.strictObject({ host: text(), port: port(), secure: z.boolean(), auth: auth() }),
  smtp: z.strictObject({ host: text(), port: port(), secure: z.boolean(), auth: z.optional(auth()) }),
  mailbox: z.optional(text()),
  sentMailbox: z.optional(text()),
});

export function normalizeEmailOptions(options: EmailOptions): NormalizedEmailOptions {
  const parsed = parseOptions('email', schema, options ?? {});
  return {
    ...normalizeCommonOptions(parsed, { pollIntervalMs: DEFAULT_POLL_INTERVAL_MS }),
    address: parsed.address.trim(),
    name: parsed.name,
    imap: parsed.imap,
    smtp: parsed.smtp,
    mailbox: parsed.mailbox ?? 'INBOX',
    sentMailbox: parsed.sentMailbox,
  };
}
