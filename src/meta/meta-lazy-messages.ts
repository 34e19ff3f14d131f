/**
 * A stream of messages whose code is loaded when it is first read. History, threads and the lookup after an
 * interrupted send are used by few bots, so a Facebook or Instagram channel loads them with a dynamic `import()`:
 * a chunk of their own in a browser bundle. Nothing is read before the consumer asks, as before; a failed
 * load is the stream's error.
 */
import type { Message } from '../core/channel.js';

export async function* lazyMessages(load: () => Promise<AsyncIterable<Message>>): AsyncGenerator<Message> {
  yield* await load();
}
