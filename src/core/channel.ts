/**
 * The public contract of everywhere: the normalized message, the draft, the channel and the store.
 * This file is the spec: its types and their comments are what every adapter promises, and a change
 * here is a change of the public API.
 */

/** The platform a channel speaks to. Third-party adapters may use their own name. */
export type Platform = 'twitter' | 'facebook' | 'discourse' | 'email' | (string & {});

export interface Author {
  /** Platform user id (email: the address, lower-cased). */
  id: string;
  /** @name, username or address. */
  handle?: string;
  /** Display name. */
  name?: string;
  avatarUrl?: string;
  /** True when the channel's own account wrote it. */
  isSelf: boolean;
}

export interface Attachment {
  kind: 'image' | 'video' | 'audio' | 'file' | 'link';
  url?: string;
  name?: string;
  mimeType?: string;
  size?: number;
}

export type MessageKind = 'post' | 'reply' | 'comment' | 'direct' | 'email' | 'review';

export interface Message {
  /** The platform's own id (tweet id, Graph id, Discourse post id, email Message-ID without <>). */
  id: string;
  /** Id of the Channel that produced it. */
  channel: string;
  platform: Platform;
  kind: MessageKind;
  /** Id of the conversation root (conversation_id, post id, topic id, first Message-ID of References). */
  threadId: string;
  /** Id of the message it answers, when known. */
  parentId?: string;
  author: Author;
  /** Plain text, never undefined (HTML stripped when only HTML exists). */
  text: string;
  html?: string;
  /** Email subject, forum topic title. */
  subject?: string;
  attachments: Attachment[];
  createdAt: Date;
  /** Permalink where the platform has one. */
  url?: string;
  /** Reviews: the stars given, e.g. { value: 4, max: 5 }. */
  rating?: { value: number; max: number };
  /** Set when the author changed it after createdAt: an edited review is delivered again by listen(), with the same id. */
  editedAt?: Date;
  /** The platform payload it was made from, untouched. */
  raw: unknown;
}

export type DraftAttachment = { name: string; mimeType: string; data: Uint8Array } | { url: string };

export interface Draft {
  text: string;
  html?: string;
  /** Email subject; forum topic title for a new topic. */
  subject?: string;
  /** Recipient: makes `send` a direct message (X user id, Messenger PSID, email address, Discourse username). */
  to?: string;
  /**
   * A second `send`/`reply` with a key already used on the channel returns the first call's message
   * and sends nothing. `reply()` derives one from the parent and the text when absent; `null` turns that off.
   */
  idempotencyKey?: string | null;
  /** reply(): answer a public comment privately (Facebook and Instagram private replies: one message to the commenter). */
  private?: boolean;
  attachments?: DraftAttachment[];
}

export interface Capabilities {
  /** Public post without a recipient. */
  post: boolean;
  reply: boolean;
  /** Private messages (`Draft.to`). */
  direct: boolean;
  html: boolean;
  attachments: boolean;
  /** In the platform's own counting (X: weighted length 280). */
  maxTextLength?: number;
  /** `channel.webhook()` is available. */
  webhooks: boolean;
  /** `listen()` is push-driven (webhook, IMAP IDLE), not only polling. */
  realtime: boolean;
}

export interface RateLimitState {
  /** e.g. "twitter:acme:POST /2/tweets" */
  bucket: string;
  limit?: number;
  remaining?: number;
  resetAt?: Date;
}

export interface MessagesOptions {
  /** Only messages created at or after this time. */
  since?: Date;
  /** At most this many messages. */
  limit?: number;
  signal?: AbortSignal;
}

export interface ThreadOptions {
  signal?: AbortSignal;
}

export interface ListenOptions {
  /** Where a first run starts (no cursor in the store yet). Default: the moment `listen()` is called. */
  since?: Date;
  signal?: AbortSignal;
  /**
   * How long a worker holds a message before another worker sharing the store may take it over
   * (the lease is renewed while the consumer works on it).
   * @default 30000
   */
  leaseMs?: number;
}

/** What a `'resync'` event tells. */
export interface ResyncEvent {
  /** The listen source, e.g. `inbox`. */
  source: string;
  /** The numbering the saved position belonged to (e.g. the old UIDVALIDITY). */
  previous: string;
  /** The numbering now in force (e.g. the new UIDVALIDITY). */
  current: string;
  /** How the source found its place again, in words. */
  detail: string;
}

/** Events a channel emits, with their arguments. */
export interface ChannelEvents {
  /** Before waiting for a spent bucket. */
  rateLimit: [state: RateLimitState, waitMs: number];
  /** Before a retry. */
  retry: [error: Error, attempt: number];
  /** A failure that listen() recovers from by itself (it retries with backoff). */
  error: [error: Error];
  /** A message that listen() delivers. */
  message: [message: Message];
  /**
   * A listen source's saved position stopped naming anything on the platform (an IMAP mailbox was
   * renumbered: its UIDVALIDITY changed) and the source found its place again another way (by date and
   * id): not a failure, and nothing handled before is delivered again.
   */
  resync: [event: ResyncEvent];
  /** After every OAuth 2.0 refresh, with the new set (so an app may also keep it elsewhere). Never logged. */
  tokens: [tokens: { accessToken: string; refreshToken: string; expiresAt?: Date; scope?: string }];
}

export type ChannelEvent = keyof ChannelEvents;

export interface Channel {
  /** Unique per account, e.g. "twitter:acme"; `options.id` overrides. */
  readonly id: string;
  readonly platform: Platform;
  readonly capabilities: Capabilities;

  send(draft: Draft): Promise<Message>;
  /** Answers in the same thread, same medium (a direct message stays direct). */
  reply(to: Message, draft: Draft): Promise<Message>;
  /** Inbound history, newest first, paginated lazily. */
  messages(options?: MessagesOptions): AsyncIterable<Message>;
  /** A conversation, oldest first. */
  thread(of: Message | string, options?: ThreadOptions): AsyncIterable<Message>;
  /** New inbound messages, forever, resumable from the store. */
  listen(options?: ListenOptions): AsyncIterable<Message>;
  /** Verify, answer challenges, feed listen(); 401 on a bad signature. */
  webhook?(request: Request): Promise<Response>;
  rateLimits(): RateLimitState[];
  on<E extends ChannelEvent>(event: E, fn: (...args: ChannelEvents[E]) => void): this;
  off<E extends ChannelEvent>(event: E, fn: (...args: ChannelEvents[E]) => void): this;
  close(): Promise<void>;
}

export interface Store {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttlMs?: number }): Promise<void>;
  delete(key: string): Promise<void>;
  /** Set-if-absent with a lease: true for the one caller that got it. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Atomic quota reservation; merges `state` (what the platform last reported) first. */
  take(bucket: string, cost: number, state?: RateLimitState): Promise<{ ok: boolean; waitMs: number }>;
  close?(): Promise<void>;
  /**
   * True when no other process can see this store (MemoryStore). listen() then skips the per-message
   * markers that only matter when several processes share the store. Leave unset when in doubt.
   */
  readonly local?: boolean;
}
