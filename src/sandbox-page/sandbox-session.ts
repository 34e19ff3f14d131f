/**
 * The page's view of one running sandbox: the rows of every platform (read from the emulators),
 * new ones noticed as they appear (after each request and each customer action, and on a slow timer
 * for writes made straight on an emulator), the request log, the buckets and the transcript.
 */
import type { Emulator } from '../testing/emulator.js';
import type { Sandbox } from '../testing/sandbox.js';
import type { BucketSnapshot } from '../testing/window-limiter.js';
import type { CustomerAction } from './customer-action.js';
import { PLATFORM_FACES, faceOf } from './platforms/index.js';
import { detail, summarize, type RequestDetail, type RequestSummary } from './request-log.js';
import type { SandboxRow } from './row.js';
import { sandboxSecrets } from './sandbox-secrets.js';
import { actionOfRow, entryOf, type TranscriptEntry } from './transcript.js';

export type SessionEvent =
  | { type: 'rows'; rows: SandboxRow[] }
  | { type: 'request'; request: RequestSummary }
  | { type: 'buckets'; platform: string; buckets: BucketSnapshot[] }
  | { type: 'transcript'; entry: TranscriptEntry }
  | { type: 'restart'; upTo: number };

const REFRESH_DELAY_MS = 30;
const IDLE_REFRESH_MS = 500;
/** Answer bodies kept per platform: a bot polling all day would otherwise keep every page it read. */
export const KEPT_ANSWERS = 1000;

export class SandboxSession {
  readonly transcript: TranscriptEntry[] = [];
  readonly #listeners = new Set<(event: SessionEvent) => void>();
  readonly #known = new Map<string, string>();
  readonly #rows = new Map<string, SandboxRow>();
  /** Actions made through the page, by "<platform>/<nativeId>", for their transcript entries. */
  readonly #actions = new Map<string, CustomerAction>();
  #unsubscribe: Array<() => void> = [];
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #idleTimer: ReturnType<typeof setInterval> | undefined;
  #secrets: string[] = [];

  constructor(public sandbox: Sandbox) {
    this.#attach(sandbox);
  }

  /** Follow another sandbox (a restart); the transcript starts again from `keep` entries. */
  switchTo(sandbox: Sandbox, keep: TranscriptEntry[] = []): void {
    this.#detach();
    this.sandbox = sandbox;
    this.transcript.splice(0, this.transcript.length, ...keep);
    this.#known.clear();
    this.#rows.clear();
    this.#actions.clear();
    this.#attach(sandbox);
  }

  on(listener: (event: SessionEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  rows(): SandboxRow[] {
    return [...this.#rows.values()];
  }

  /** Write as a customer; the row is in `rows()` when this returns. */
  act(action: CustomerAction): SandboxRow {
    const written = faceOf(action.platform)!.act(this.sandbox, action);
    this.#actions.set(`${action.platform}/${written.nativeId}`, action);
    this.refresh();
    const row = [...this.#rows.values()].find((candidate) => candidate.platform === action.platform && candidate.nativeId === written.nativeId);
    if (!row) throw new Error(`${action.platform} did not show what the customer wrote (${written.nativeId})`);
    return row;
  }

  /** Actions written outside act() (a replay), for their transcript entries. */
  noteActions(actions: Array<{ nativeId: string; action: CustomerAction }>): void {
    for (const { nativeId, action } of actions) this.#actions.set(`${action.platform}/${nativeId}`, action);
  }

  requests(platform: string, since = 0): RequestSummary[] {
    const emulator = this.#emulator(platform);
    return emulator ? emulator.requests.slice(since).map((request, index) => summarize(platform, since + index, request, this.#secrets)) : [];
  }

  request(platform: string, index: number): RequestDetail | undefined {
    const request = this.#emulator(platform)?.requests[index];
    return request ? detail(platform, index, request, this.#secrets) : undefined;
  }

  buckets(platform: string): BucketSnapshot[] {
    return this.#emulator(platform)?.limiter.snapshot() ?? [];
  }

  lastCustomerRow(platform: string): SandboxRow | undefined {
    const entry = this.transcript.findLast((candidate) => candidate.platform === platform && candidate.by === 'customer');
    return entry ? this.rows().find((row) => row.platform === platform && row.nativeId === entry.nativeId) : undefined;
  }

  /** Read every platform now and tell listeners what is new or changed. */
  refresh(): void {
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = undefined;
    const fresh: SandboxRow[] = [];
    for (const face of PLATFORM_FACES) {
      for (const row of face.view(this.sandbox)) {
        const previous = this.#known.get(row.id);
        if (previous === row.text) continue;
        this.#known.set(row.id, row.text);
        this.#rows.set(row.id, row);
        fresh.push(row);
        if (previous === undefined && this.#started) this.#record(row);
      }
    }
    if (fresh.length > 0) this.#emit({ type: 'rows', rows: fresh });
  }

  close(): void {
    this.#detach();
  }

  #started = false;

  #record(row: SandboxRow): void {
    const key = `${row.platform}/${row.nativeId}`;
    let action = this.#actions.get(key);
    if (!action && !row.isBot) {
      const first = this.rows()
        .filter((candidate) => candidate.platform === row.platform && candidate.threadId === row.threadId)
        .sort((a, b) => a.at - b.at)[0];
      action = actionOfRow(row, first, faceOf(row.platform)!.kinds);
    }
    const entry = entryOf(row, this.transcript.length + 1, action);
    this.transcript.push(entry);
    this.#emit({ type: 'transcript', entry });
  }

  #emulator(platform: string): Emulator | undefined {
    const face = faceOf(platform);
    return face ? face.emulator(this.sandbox) : undefined;
  }

  #attach(sandbox: Sandbox): void {
    this.#secrets = sandboxSecrets(sandbox);
    // What the sandbox holds before the session starts (a seeded post, a firehose) is shown, not transcribed.
    this.#started = false;
    this.refresh();
    this.#started = true;
    for (const face of PLATFORM_FACES) {
      const emulator = face.emulator(sandbox);
      this.#unsubscribe.push(
        emulator.onRequest((request) => {
          const old = emulator.requests[emulator.requests.lastIndexOf(request) - KEPT_ANSWERS];
          if (old?.answer && old.answer.body !== '') old.answer = { ...old.answer, body: '', truncated: true };
          this.#emit({ type: 'request', request: summarize(face.platform, emulator.requests.lastIndexOf(request), request, this.#secrets) });
          this.#emit({ type: 'buckets', platform: face.platform, buckets: emulator.limiter.snapshot() });
          this.#refreshTimer ??= setTimeout(() => this.refresh(), REFRESH_DELAY_MS);
        }),
      );
    }
    this.#idleTimer = setInterval(() => this.refresh(), IDLE_REFRESH_MS);
    this.#idleTimer.unref?.();
  }

  #detach(): void {
    for (const stop of this.#unsubscribe) stop();
    this.#unsubscribe = [];
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = undefined;
    clearInterval(this.#idleTimer);
  }

  #emit(event: SessionEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
