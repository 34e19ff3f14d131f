/**
 * A sandbox session saved as JSON: every customer message and every bot answer, in the order they
 * appeared, with platform, thread and customer. Customer entries carry the action that wrote them,
 * so a transcript can be replayed into fresh emulators (replayTranscript).
 */
import { CUSTOMER_KINDS, type CustomerAction, type CustomerKind } from './customer-action.js';
import type { Place, SandboxRow } from './row.js';

export const TRANSCRIPT_FORMAT = 'everywhere-sandbox-transcript';

export interface TranscriptEntry {
  /** Its place in the session, from 1. */
  n: number;
  by: 'customer' | 'bot';
  platform: string;
  place: Place;
  threadId: string;
  author: string;
  text: string;
  /** Epoch ms. */
  at: number;
  rating?: number;
  /** The platform's id of the message in the session it was saved from. */
  nativeId: string;
  /** What the customer did (customer entries); replay does it again. */
  action?: CustomerAction;
}

export interface Transcript {
  format: typeof TRANSCRIPT_FORMAT;
  version: 1;
  savedAt: string;
  entries: TranscriptEntry[];
}

export function entryOf(row: SandboxRow, n: number, action: CustomerAction | undefined): TranscriptEntry {
  return {
    n,
    by: row.isBot ? 'bot' : 'customer',
    platform: row.platform,
    place: row.place,
    threadId: row.threadId,
    author: row.author,
    text: row.text,
    at: row.at,
    ...(row.rating === undefined ? {} : { rating: row.rating }),
    nativeId: row.nativeId,
    ...(action ? { action } : {}),
  };
}

/**
 * The action that writes a customer's row again, for rows not written through the page (a demo's
 * customers, a test's seeding): from where it stands and whether it opened its thread.
 */
export function actionOfRow(row: SandboxRow, firstOfThread: SandboxRow | undefined, kinds: readonly CustomerKind[]): CustomerAction | undefined {
  const customer = row.author.replace(/^@/, '').slice(0, 40).replace(/[^\p{L}\p{N} ._-]/gu, '_') || 'customer';
  const opens = !firstOfThread || firstOfThread.id === row.id;
  const base = { platform: row.platform, text: row.text, customer };
  let action: CustomerAction;
  if (row.place === 'reviews') action = { ...base, kind: 'review', rating: row.rating ?? 5 };
  else if (row.place === 'dm') action = { ...base, kind: 'dm' };
  else if (opens) action = { ...base, kind: kinds.includes('mention') ? 'mention' : kinds.includes('post') && row.place !== 'comments' ? 'post' : 'comment' };
  else if (row.place === 'comments' && !kinds.includes('reply')) action = { ...base, kind: 'comment', inReplyTo: row.threadId };
  else action = { ...base, kind: kinds.includes('reply') ? 'reply' : 'comment', inReplyTo: firstOfThread!.nativeId };
  if (row.place === 'comments' && opens && action.kind === 'comment' && row.threadId !== row.nativeId) action.inReplyTo = row.threadId;
  if (row.platform === 'trustpilot' && action.kind === 'review') action.text = row.text;
  return kinds.includes(action.kind) ? action : undefined;
}

/** Read a transcript from JSON (a saved file): a TypeError names what is wrong. */
export function readTranscript(input: unknown): Transcript {
  const value = typeof input === 'string' ? (JSON.parse(input) as unknown) : input;
  if (typeof value !== 'object' || value === null) throw new TypeError('a transcript is a JSON object');
  const transcript = value as Partial<Transcript>;
  if (transcript.format !== TRANSCRIPT_FORMAT || transcript.version !== 1) throw new TypeError(`not a transcript: format must be "${TRANSCRIPT_FORMAT}" and version 1`);
  if (!Array.isArray(transcript.entries)) throw new TypeError('a transcript has entries: an array');
  transcript.entries.forEach((entry, index) => {
    const where = `entries[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw new TypeError(`${where} is not an object`);
    if (entry.by !== 'customer' && entry.by !== 'bot') throw new TypeError(`${where}.by must be "customer" or "bot"`);
    for (const key of ['platform', 'threadId', 'author', 'text', 'nativeId', 'place'] as const) {
      if (typeof entry[key] !== 'string') throw new TypeError(`${where}.${key} must be a string`);
    }
    if (entry.action !== undefined && (typeof entry.action !== 'object' || !CUSTOMER_KINDS.includes(entry.action.kind))) throw new TypeError(`${where}.action is not a customer action`);
  });
  return transcript as Transcript;
}
