/**
 * Graph history streams merged newest first (comments, mentions, conversations): any number of streams,
 * each advanced only when its head is taken; on a tie in time the earlier stream goes first.
 */
import type { Message } from '../core/channel.js';

export async function* mergeGraphNewestFirst(streams: AsyncIterator<Message>[]): AsyncGenerator<Message> {
  const heads = await Promise.all(streams.map((stream) => stream.next()));
  try {
    for (;;) {
      let newest = -1;
      heads.forEach((head, index) => {
        const best = heads[newest];
        if (!head.done && (newest < 0 || (best && !best.done && head.value.createdAt > best.value.createdAt))) newest = index;
      });
      if (newest < 0) return;
      yield heads[newest]!.value as Message;
      heads[newest] = await streams[newest]!.next();
    }
  } finally {
    await Promise.all(streams.map((stream) => stream.return?.()));
  }
}
