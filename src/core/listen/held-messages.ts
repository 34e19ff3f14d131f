/**
 * A message that can come from two sources of one channel: first from the source of messages held for
 * moderation, later, once approved, from the source of published ones (WordPress's held comments, YouTube's
 * comments held for review). The held source remembers each message's position in it; the published
 * source passes over (`skip`) a message that was handled while held, and delivers one that never was
 * (approved before a poll of the held source saw it).
 */
import type { AdapterContext } from '../adapter-context.js';
import type { ChannelTools } from '../define-channel.js';

export interface HeldMessages {
  remember(id: string, position: string): Promise<void>;
  handledWhileHeld(id: string): Promise<boolean>;
}

// How long a held message's position is remembered: longer than any moderation queue waits.
const HELD_TTL_MS = 90 * 24 * 60 * 60 * 1000;

/** `heldSource` names the source of held messages, whose cursor tells what was handled. */
export function heldMessages(context: AdapterContext, isHandled: ChannelTools['isHandled'], heldSource: string): HeldMessages {
  const key = (id: string) => `${context.id}:held:${heldSource}:${id}`;
  return {
    remember: (id, position) => context.store.set(key(id), position, { ttlMs: HELD_TTL_MS }),
    async handledWhileHeld(id) {
      const position = await context.store.get(key(id));
      return position !== undefined && isHandled(heldSource, position, id);
    },
  };
}
