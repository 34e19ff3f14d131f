/**
 * A send whose claim was taken over from a holder that died after writing "started" and before the
 * result (sent-once.ts): the send may have happened, so the adapter looks on the platform (`recover`).
 */
import type { Message } from './channel.js';
import type { ChannelContext } from './context.js';
import { DeliveryUnknownError } from './errors.js';

/**
 * The message the interrupted send posted; undefined when the adapter shows it was not posted (`null`:
 * the claim lease has lapsed since the holder died, so no request of its can still land: send it now).
 * When the adapter cannot tell, DeliveryUnknownError.
 */
export async function recoverInterrupted(context: ChannelContext, key: string, recover: (() => Promise<Message | null | undefined>) | undefined): Promise<Message | undefined> {
  const found = await recover?.();
  if (found === null) return undefined;
  if (found) return found;
  throw new DeliveryUnknownError(
    `an earlier send with idempotency key '${key}' was interrupted before its result was saved; it may have been posted. Check the platform, then send with a new key.`,
    context.errorOptions(),
  );
}
