/**
 * Sent once: a send with an idempotency key already used on the channel returns the first result
 * and sends nothing, across processes sharing the store and across restarts.
 *
 * Three keys per idempotency key: a claim (a lease, renewed while the send runs), a "started"
 * marker written just before the request, and the result written just after. A claim taken over
 * from a dead holder finds "started" without a result: the send may have happened, so the adapter
 * looks on the platform (`recover`). Found, it is the result; `null`, the adapter could look and it
 * is not there (the holder died before its request landed), so it is sent now; otherwise (the adapter
 * cannot tell) DeliveryUnknownError is thrown.
 */
import type { Draft, Message } from './channel.js';
import type { ChannelContext } from './context.js';
import { ChannelError } from './errors.js';
import { sha256Hex } from './hex.js';
import { sleep } from './sleep.js';

const CLAIM_LEASE_MS = 30_000;
const RESULT_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const WAIT_STEP_MS = 100;

export interface SendOnceOptions {
  key: string;
  send: () => Promise<Message>;
  /**
   * Look on the platform for a message an earlier, interrupted send may have posted: the message;
   * `null` when the platform shows it was not posted; `undefined` when it cannot tell.
   */
  recover?: () => Promise<Message | null | undefined>;
}

export async function sendOnce(context: ChannelContext, { key, send, recover }: SendOnceOptions): Promise<Message> {
  const base = `${context.id}:sent:${key}`;
  const keys = { claim: `${base}:claim`, started: `${base}:started`, result: `${base}:result` };
  const store = context.store;

  for (;;) {
    const result = await store.get(keys.result);
    if (result !== undefined) return reviveMessage(result);
    if (await store.claim(keys.claim, CLAIM_LEASE_MS)) break;
    await sleep(WAIT_STEP_MS); // another call with this key is sending: wait for its result or its lease to lapse
  }

  const renew = setInterval(() => void store.set(keys.claim, '1', { ttlMs: CLAIM_LEASE_MS }).catch(() => {}), CLAIM_LEASE_MS / 3);
  (renew as { unref?: () => void }).unref?.();
  try {
    const finished = await store.get(keys.result);
    if (finished !== undefined) return reviveMessage(finished);
    if ((await store.get(keys.started)) !== undefined) {
      // Rare (a holder died mid-send): its handling is loaded when it happens.
      const found = await (await import('./sent-once-recover.js')).recoverInterrupted(context, key, recover);
      if (found) {
        await store.set(keys.result, JSON.stringify(found), { ttlMs: RESULT_TTL_MS });
        return found;
      }
    }
    await store.set(keys.started, '1', { ttlMs: RESULT_TTL_MS });
    let message: Message;
    try {
      message = await send();
    } catch (error) {
      // Proven not sent: free the key so the same send can be tried again.
      if (!(ChannelError.isInstance(error) && error.maybeDelivered)) await store.delete(keys.started);
      throw error;
    }
    await store.set(keys.result, JSON.stringify(message), { ttlMs: RESULT_TTL_MS });
    return message;
  } finally {
    clearInterval(renew);
    await store.delete(keys.claim);
  }
}

/**
 * The idempotency key of a send (`to` undefined) or of a reply to `to`: the draft's own key; for a
 * reply without one, `reply:<parent id>:<sha-256 of the text>`, so the same answer to the same
 * message is sent once. `null` (or a send without a key): none, the send is not deduplicated.
 */
export async function idempotencyKeyOf(draft: Draft, to: Message | undefined): Promise<string | undefined> {
  if (draft.idempotencyKey === null) return undefined;
  if (typeof draft.idempotencyKey === 'string') return draft.idempotencyKey;
  return to ? defaultReplyKey(to, draft) : undefined;
}

async function defaultReplyKey(parent: Message, draft: Draft): Promise<string> {
  // A private reply is another message than a public one with the same text: its own key.
  return `reply:${parent.id}:${draft.private ? 'private:' : ''}${await sha256Hex(draft.text)}`;
}

function reviveMessage(json: string): Message {
  const message = JSON.parse(json) as Message & { createdAt: string; editedAt?: string };
  return { ...message, createdAt: new Date(message.createdAt), ...(message.editedAt !== undefined ? { editedAt: new Date(message.editedAt) } : {}) };
}
