/**
 * What an adapter's test harness gives the conformance suite: a fresh platform (emulator or real
 * server), a way to create channels against it, to make a customer write, to inject faults and to
 * count what went on the wire. One implementation per adapter: test/<platform>/<platform>-world.ts.
 */
import type { Channel, Store } from '../../src/index.js';
import type { RateLimitOptions } from '../../src/core/options.js';

export interface WorldChannelOptions {
  store?: Store;
  id?: string;
  rateLimit?: RateLimitOptions;
  retry?: { retries?: number };
  pollIntervalMs?: number;
  /** Create the channel with a credential the platform refuses. */
  badCredentials?: boolean;
}

export interface InboundInput {
  text: string;
  /** A private message to the channel (X DM, Messenger, Discourse PM, an email) instead of a public one. */
  direct?: boolean;
  /** Answer this platform message id (a reply/comment in its thread). */
  inReplyTo?: string;
}

export interface ConformanceWorld {
  /** Create a channel against this world. Same `id` + same `store` = the same channel after a restart. */
  create(options?: WorldChannelOptions): Channel;
  /** A customer writes to the channel; resolves to the platform id of the new message. */
  inbound(input: InboundInput): Promise<string>;
  /**
   * Review sites only: the customer edits their review `id` to `text`. Its presence makes the suite check
   * the review promises (an edit delivered once, a second reply replacing the first).
   */
  editReview?(id: string, text: string): Promise<void>;
  /** Count of requests that create something on the platform (posts, comments, DMs, mails sent). */

  writes(): number;
  /** Count of read requests so far (for laziness checks). */
  reads(): number;
  /** A customer the channel may send a direct message to (`Draft.to`): X user id, PSID, address, username. */
  recipient: string;
  /** The secret the channel was created with (must appear in no error). */
  secret: string;
  /** Next write is applied, then fails ambiguously (503 after the write, connection lost after DATA). */
  failNextWriteAmbiguously(): void;
  /** Next read answers a body that does not match the platform's schema. Absent when the platform cannot (a real server). */
  failNextReadMalformed?(): void;
  /** Limit writes to `limit` per `windowMs`. Absent when the platform has no limits to emulate. */
  limitWrites?(limit: number, windowMs: number): void;
  /** Limit the reads listen() polls with. */
  limitReads?(limit: number, windowMs: number): void;
  close(): Promise<void>;
}

export interface ConformanceTarget {
  name: string;
  /** A fresh world for one test. */
  setup(): Promise<ConformanceWorld>;
  /** What the platform can do: the suite checks what it claims and refuses what it does not. */
  capabilities: { post: boolean; direct: boolean; webhooks: boolean };
  /** How many inbound streams messages() merges (X: mentions and DMs): its first page costs one read each. @default 1 */
  historySources?: number;
  /** The longest text a public post may have, in the platform's counting; the suite checks one more is refused. */
  maxTextLength?: number;
  /**
   * The promises beyond the common ones the suite holds this adapter to, decided when the tests are
   * registered: a promise that does not apply is not registered at all (never a skipped test). Each
   * one must agree with the world's matching optional function; setup() fails when they disagree.
   */
  promises: TargetPromises;
}

export interface TargetPromises {
  /** A review site: an edited review is delivered once more, a second reply replaces the first. The world has `editReview`. */
  reviews: boolean;
  /** The platform's write limits can be emulated: the channel waits for, or refuses, a spent bucket. The world has `limitWrites`. */
  writeLimits: boolean;
  /** The platform can be made to answer a read that breaks its schema (an emulator, not a real server). The world has `failNextReadMalformed`. */
  malformedReads: boolean;
}
