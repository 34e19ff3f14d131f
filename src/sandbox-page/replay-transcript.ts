/**
 * `replayTranscript(sandbox, transcript)`: do a saved session's customer actions again, in order, in
 * a sandbox (fresh emulators), so a conversation found by hand on the page becomes a regression test.
 * Bot answers are not replayed: the bot under test answers again. A reply to a message of the saved
 * session goes to the message that replaced it; a reply to a bot answer goes to its thread's latest
 * customer message.
 */
import type { Sandbox } from '../testing/sandbox.js';
import { readCustomerAction, type CustomerAction } from './customer-action.js';
import { faceOf, PLATFORM_FACES } from './platforms/index.js';
import { readTranscript, type Transcript } from './transcript.js';

export interface ReplayOptions {
  /** Replay entries up to and including this `n`. @default all */
  upTo?: number;
}

export interface ReplayResult {
  /** The customer entries written again: their `n` and the platform id they have now. */
  replayed: Array<{ n: number; nativeId: string; threadId: string }>;
  /** Customer entries that could not be written, and why. */
  skipped: Array<{ n: number; reason: string }>;
}

const KINDS = new Map(PLATFORM_FACES.map((face) => [face.platform, face.kinds]));

export function replayTranscript(sandbox: Sandbox, transcript: Transcript | unknown, options: ReplayOptions = {}): ReplayResult {
  if (options.upTo !== undefined && !(Number.isInteger(options.upTo) && options.upTo >= 0)) throw new TypeError('upTo must be a whole number ≥ 0');
  const { entries } = readTranscript(transcript);
  const byNativeId = new Map(entries.map((entry) => [`${entry.platform}/${entry.nativeId}`, entry]));
  const now = new Map<string, string>();
  const latestInThread = new Map<string, string>();
  const result: ReplayResult = { replayed: [], skipped: [] };
  for (const entry of entries) {
    if (options.upTo !== undefined && entry.n > options.upTo) break;
    if (entry.by !== 'customer') continue;
    if (!entry.action) {
      result.skipped.push({ n: entry.n, reason: 'no action saved with it' });
      continue;
    }
    try {
      const action: CustomerAction = readCustomerAction(entry.action, KINDS);
      if (action.inReplyTo !== undefined) {
        const key = `${entry.platform}/${action.inReplyTo}`;
        const parent = byNativeId.get(key);
        const mapped = now.get(key) ?? (parent ? latestInThread.get(`${entry.platform}/${parent.threadId}`) : undefined);
        if (mapped) action.inReplyTo = mapped;
        else if (parent && action.kind === 'reply') throw new TypeError(`the message it answers (${action.inReplyTo}) was not replayed`);
        else if (action.kind === 'comment') delete action.inReplyTo;
      }
      const written = faceOf(action.platform)!.act(sandbox, action);
      now.set(`${entry.platform}/${entry.nativeId}`, written.nativeId);
      latestInThread.set(`${entry.platform}/${entry.threadId}`, written.nativeId);
      result.replayed.push({ n: entry.n, nativeId: written.nativeId, threadId: written.threadId });
    } catch (error) {
      result.skipped.push({ n: entry.n, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
