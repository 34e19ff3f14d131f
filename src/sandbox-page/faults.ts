/**
 * The faults the page's buttons inject, built on what the emulators have: Emulator.fail() (a 429
 * storm on every path for a few seconds, a write carried out then answered with the platform's
 * error, a dropped connection), each emulator's own token expiry, and a webhook delivered twice
 * (X, Facebook and Discourse deliver webhooks; the page needs the bot's webhook URL).
 */
import type { Sandbox } from '../testing/sandbox.js';
import { faceOf } from './platforms/index.js';
import type { SandboxRow } from './row.js';

export const FAULT_NAMES = ['429-storm', '503-after-write', 'drop-connection', 'expired-token', 'webhook-twice'] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

export const STORM_MS = 3000;
const STORM_HITS = 1000;

export interface FaultRequest {
  platform: string;
  fault: FaultName;
  /** For webhook-twice: the bot's webhook URL (on 127.0.0.1). */
  target?: string;
}

export interface FaultOutcome {
  ok: boolean;
  /** What was done, or why it cannot be done on this platform. */
  message: string;
}

export function readFaultRequest(input: unknown): FaultRequest {
  const value = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  if (typeof value.platform !== 'string' || !faceOf(value.platform)) throw new TypeError('platform must name a platform of the sandbox');
  if (!FAULT_NAMES.includes(value.fault as FaultName)) throw new TypeError(`fault must be one of ${FAULT_NAMES.join(', ')}`);
  if (value.target !== undefined) {
    if (typeof value.target !== 'string' || !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(value.target)) throw new TypeError('target must be an http://127.0.0.1 URL');
  }
  return { platform: value.platform, fault: value.fault as FaultName, ...(typeof value.target === 'string' ? { target: value.target } : {}) };
}

export async function injectFault(sandbox: Sandbox, request: FaultRequest, lastCustomerRow: SandboxRow | undefined): Promise<FaultOutcome> {
  const face = faceOf(request.platform)!;
  const emulator = face.emulator(sandbox);
  switch (request.fault) {
    case '429-storm': {
      const until = Date.now() + STORM_MS;
      emulator.fail({ ...face.rateLimited(until), times: STORM_HITS, until });
      return { ok: true, message: `every request to ${face.label} is refused as rate-limited for ${STORM_MS / 1000} s` };
    }
    case '503-after-write':
      emulator.fail({ ...face.writeFailure, afterApply: true });
      return { ok: true, message: `the next write to ${face.label} is carried out, then answered with ${face.writeFailure.status}` };
    case 'drop-connection':
      emulator.fail({ status: 0, drop: true });
      return { ok: true, message: `the next request to ${face.label} has its connection closed without an answer` };
    case 'expired-token': {
      const cannot = face.expireToken(sandbox);
      return cannot ? { ok: false, message: `${face.label}: ${cannot}` } : { ok: true, message: `${face.label}'s access token has expired` };
    }
    case 'webhook-twice':
      return deliverTwice(sandbox, request, lastCustomerRow);
  }
}

async function deliverTwice(sandbox: Sandbox, request: FaultRequest, row: SandboxRow | undefined): Promise<FaultOutcome> {
  if (!request.target) return { ok: false, message: "a webhook needs the bot's webhook URL (target)" };
  if (!row) return { ok: false, message: 'no customer message to deliver yet' };
  const deliver = webhookOf(sandbox, row);
  if (!deliver) return { ok: false, message: `${faceOf(request.platform)!.label}: the sandbox delivers webhooks on X, Facebook and Discourse only` };
  const statuses: number[] = [];
  for (let time = 0; time < 2; time++) statuses.push((await deliver(request.target)).status);
  return { ok: true, message: `delivered ${row.id} twice: answered ${statuses.join(' and ')}` };
}

function webhookOf(sandbox: Sandbox, row: SandboxRow): ((target: string) => Promise<Response>) | undefined {
  if (row.platform === 'twitter') {
    const x = sandbox.twitter.emulator;
    const item = row.place === 'dm' ? x.dmEvents.find((event) => event.id === row.nativeId) : x.tweets.find((tweet) => tweet.id === row.nativeId);
    return item ? (target) => x.deliverWebhook(target, x.webhookEvent(item)) : undefined;
  }
  if (row.platform === 'facebook') {
    const page = sandbox.facebook.emulator;
    const payload = row.place === 'dm' ? page.messagingPayload(row.nativeId) : page.feedCommentPayload(row.nativeId);
    return (target) => page.deliverWebhook(target, payload);
  }
  if (row.platform === 'discourse') {
    const forum = sandbox.discourse.emulator;
    const post = forum.forum.posts.get(Number(row.nativeId));
    return post ? (target) => forum.deliverWebhook(target, forum.webhookPayload(post)) : undefined;
  }
  return undefined;
}
