/** The options of `email()`, validated once with zod and normalized. Passwords and tokens are never echoed. */
import type { ConnectionOptions } from 'node:tls';
import * as z from 'zod/mini';
import { commonOptionsShape, httpUrlSchema, normalizeCommonOptions, parseOptions, secretSchema, type CommonOptions, type NormalizedCommonOptions, type Secret } from '../core/options.js';
import { oauth2RefreshSchema } from '../core/oauth2/oauth2-options.js';
import type { OAuth2Refresh } from '../core/oauth2/token-keeper.js';
import { isEmailAddress } from './email-address.js';
import { invalidHeaders } from './email-headers.js';

/** A login with a password (SASL PLAIN or LOGIN). */
export interface EmailPasswordAuth {
  user: string;
  pass: string;
}

/**
 * A login with an OAuth 2.0 access token (SASL XOAUTH2, or OAUTHBEARER where the IMAP server offers it).
 * A function is called for each new connection, so a token that changed in between is picked up.
 */
export interface EmailTokenAuth {
  user: string;
  accessToken: Secret;
}

/** A login with the token that `oauth2` keeps fresh: only the user is given here. */
export interface EmailManagedAuth {
  user: string;
}

export type EmailServerAuth = EmailPasswordAuth | EmailTokenAuth | EmailManagedAuth;

/** Where a server is and how the connection to it is protected. */
export interface EmailServer<Auth> {
  host: string;
  port: number;
  /**
   * `true`: TLS from the first byte (IMAP 993, SMTP 465). `false`: the connection must upgrade with
   * STARTTLS before any login (IMAP 143, SMTP 587); a server that does not offer it is refused.
   */
  secure: boolean;
  /**
   * With `secure: false`, allow a server that offers no STARTTLS: the login and the mail then cross
   * the network in clear. For local test servers only. @default false
   */
  insecure?: boolean;
  /** Node TLS options for the connection (e.g. `ca` for a server whose certificate a private CA signed). */
  tls?: ConnectionOptions;
  auth: Auth;
}

/** The refresh grant that keeps an email access token fresh (XOAUTH2 on IMAP and SMTP). */
export interface EmailOAuth2 extends OAuth2Refresh {
  /**
   * The provider's token endpoint (required: email has no platform default): Google
   * `https://oauth2.googleapis.com/token`, Microsoft `https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token`.
   */
  tokenUrl: string;
}

export interface EmailOptions extends CommonOptions {
  /** The channel's own address: From of what it sends, `isSelf` of what it reads. */
  address: string;
  /** Display name on the From line of what it sends. */
  name?: string;
  /** Where mail is read (and the Sent copy is stored). */
  imap: EmailServer<EmailServerAuth>;
  /** Where mail is sent. `auth` is left out for a relay that needs no login. */
  smtp: Omit<EmailServer<EmailServerAuth>, 'auth'> & { auth?: EmailServerAuth };
  /**
   * A managed OAuth 2.0 token for the servers whose `auth` is only `{ user }`: refreshed before it
   * expires and once after a refused login, shared through the store by every process of this channel.
   */
  oauth2?: EmailOAuth2;
  /** The mailbox read by messages() and listen(). @default 'INBOX' */
  mailbox?: string;
  /**
   * Where a copy of every sent mail is APPENDed, as mail clients do.
   * @default the server's `\Sent` special-use mailbox (RFC 6154), else 'Sent' (created when absent)
   */
  sentMailbox?: string;
  /**
   * Headers of your own added to every mail the channel sends (e.g. `{ 'X-Ticket-System': 'acme' }`).
   * A TypeError at construction for a name that is not a header name, a value with a line break, or a
   * header the channel writes itself (From, To, Subject, Message-ID, threading, MIME, Auto-Submitted…).
   */
  headers?: Record<string, string>;
  /**
   * Other addresses that are the channel's own (aliases, a shared support address): mail from them is
   * `isSelf`, and a reply to all never goes to them.
   */
  aliases?: string[];
  /**
   * `reply()` answers the sender and every other recipient of the mail (To kept in To, Cc in Cc), as a
   * mail client's "Reply all" does, never the channel's own address or its aliases. @default false
   */
  replyAll?: boolean;
}

/** A server's settings with every default filled in. */
export interface NormalizedEmailServer {
  host: string;
  port: number;
  secure: boolean;
  insecure: boolean;
  tls: ConnectionOptions;
  auth: EmailServerAuth | undefined;
}

export interface NormalizedEmailOptions extends NormalizedCommonOptions {
  address: string;
  name: string | undefined;
  imap: NormalizedEmailServer & { auth: EmailServerAuth };
  smtp: NormalizedEmailServer;
  oauth2: EmailOAuth2 | undefined;
  mailbox: string;
  sentMailbox: string | undefined;
  headers: Record<string, string>;
  aliases: string[];
  replyAll: boolean;
}

// IDLE delivers new mail at once; polling is the safety net that also catches what IDLE missed
// while the connection was down. RFC 2177 §3: clients re-issue IDLE at least every 29 minutes.
const DEFAULT_POLL_INTERVAL_MS = 60_000;

const text = () => z.string().check(z.minLength(1));
const port = () => z.number().check(z.int(), z.minimum(1), z.maximum(65_535));
const auth = () =>
  z.strictObject({ user: text(), pass: z.optional(text()), accessToken: z.optional(secretSchema) }).check(
    z.refine((value) => value.pass === undefined || value.accessToken === undefined, { message: 'give either pass or accessToken, not both' }),
  );
const tls = () => z.custom<ConnectionOptions>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), { message: 'expected Node TLS options (an object)' });
const server = () => ({ host: text(), port: port(), secure: z.boolean(), insecure: z.optional(z.boolean()), tls: z.optional(tls()) });

// The core's oauth2 option, with the token endpoint required.
const oauth2Schema = z.extend(oauth2RefreshSchema, { tokenUrl: httpUrlSchema });

const schema = z.strictObject({
  ...commonOptionsShape,
  address: z.string().check(z.refine(isEmailAddress, { message: 'expected an email address' })),
  name: z.optional(z.string()),
  imap: z.strictObject({ ...server(), auth: auth() }),
  smtp: z.strictObject({ ...server(), auth: z.optional(auth()) }),
  oauth2: z.optional(oauth2Schema),
  mailbox: z.optional(text()),
  sentMailbox: z.optional(text()),
  aliases: z.optional(z.array(z.string().check(z.refine(isEmailAddress, { message: 'expected an email address' })))),
  replyAll: z.optional(z.boolean()),
  headers: z.optional(
    z.record(z.string(), z.string()).check(
      z.superRefine((value, context) => {
        const problem = invalidHeaders(value);
        if (problem) context.addIssue({ code: 'custom', message: problem, input: value });
      }),
    ),
  ),
});

export function normalizeEmailOptions(options: EmailOptions): NormalizedEmailOptions {
  const parsed = parseOptions('email', schema, options ?? {});
  for (const side of ['imap', 'smtp'] as const) {
    const given = parsed[side].auth;
    if (given && given.pass === undefined && given.accessToken === undefined && !parsed.oauth2) {
      throw new TypeError(`email(): option '${side}.auth' is invalid: give pass or accessToken, or the oauth2 option for a managed token`);
    }
  }
  return {
    ...normalizeCommonOptions(parsed, { pollIntervalMs: DEFAULT_POLL_INTERVAL_MS }),
    address: parsed.address.trim(),
    name: parsed.name,
    imap: normalizeServer(parsed.imap) as NormalizedEmailServer & { auth: EmailServerAuth },
    smtp: normalizeServer(parsed.smtp),
    oauth2: parsed.oauth2,
    mailbox: parsed.mailbox ?? 'INBOX',
    sentMailbox: parsed.sentMailbox,
    headers: parsed.headers ?? {},
    aliases: (parsed.aliases ?? []).map((alias) => alias.trim()),
    replyAll: parsed.replyAll ?? false,
  };
}

function normalizeServer(parsed: { host: string; port: number; secure: boolean; insecure?: boolean | undefined; tls?: ConnectionOptions | undefined; auth?: { user: string; pass?: string | undefined; accessToken?: Secret | undefined } | undefined }): NormalizedEmailServer {
  const given = parsed.auth;
  const auth: EmailServerAuth | undefined = !given
    ? undefined
    : given.pass !== undefined
      ? { user: given.user, pass: given.pass }
      : given.accessToken !== undefined
        ? { user: given.user, accessToken: given.accessToken }
        : { user: given.user };
  return { host: parsed.host, port: parsed.port, secure: parsed.secure, insecure: parsed.insecure ?? false, tls: parsed.tls ?? {}, auth };
}
