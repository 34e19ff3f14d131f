/**
 * The 'error' for mentions X no longer serves: its mentions timeline holds only the most recent 800
 * (https://docs.x.com/x-api/posts/timelines/introduction). Loaded by twitter-listen.ts only when a gap is seen.
 */
import type { AdapterContext } from '../core/adapter-context.js';
import { ChannelError } from '../core/errors.js';

export function reportMentionsGap(context: AdapterContext, served: number, cursor: string, oldestServed: string | null | undefined): void {
  const message =
    `X serves only the ${served} most recent mentions, and more than that came in since mention ${cursor}: ` +
    `mentions after ${cursor} and before ${oldestServed ?? 'the oldest served'} may be missing and cannot be read from the mentions timeline`;
  context.emit('error', new ChannelError('platform', message, context.errorOptions()));
}
