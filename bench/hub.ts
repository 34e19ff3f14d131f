/**
 * hub.messagesPerSecond: `createHub` merging 4 channels whose messages come from memory, consumed by
 * one `for await` loop. Each channel is a `defineChannel` channel whose one listen source returns
 * batches of 100 from an in-memory array of ready-made messages, so the figure is the hub plus the
 * core's listen engine (lease, cursor saved after each message, in one MemoryStore per channel), and
 * no emulator, socket or parsing.
 */
import { createHub, defineChannel, MemoryStore, type Channel, type Message } from '../src/index.js';

const CHANNELS = 4;
const BATCH = 100;

function memoryChannel(id: string, count: number): Channel {
  const since = new Date(Date.now() - 60_000);
  const messages: Message[] = Array.from({ length: count }, (_, index) => ({
    id: String(index + 1),
    channel: id,
    platform: 'memory',
    kind: 'post',
    threadId: String(index + 1),
    author: { id: 'customer', isSelf: false },
    text: `message ${index + 1}`,
    attachments: [],
    createdAt: since,
    raw: {},
  }));
  return defineChannel({ id, platform: 'memory', options: { store: new MemoryStore(), pollIntervalMs: 60_000 } }, () => ({
    capabilities: { post: false, reply: false, direct: false, html: false, attachments: false, webhooks: false, realtime: false },
    send: () => Promise.reject(new Error('not measured')),
    reply: () => Promise.reject(new Error('not measured')),
    messages: async function* () {},
    thread: async function* () {},
    sources: [
      {
        name: 'memory',
        // Positions are 1-based indexes into the array: the cursor says where the next batch starts.
        async poll({ cursor }) {
          const start = cursor === undefined ? 0 : Number(cursor);
          const batch = messages.slice(start, start + BATCH);
          return { items: batch.map((message) => ({ message, position: message.id })), more: start + BATCH < messages.length };
        },
      },
    ],
  }));
}

export async function benchHub(perChannel = Number(process.env.BENCH_HUB_MESSAGES ?? 50_000)): Promise<{ messagesPerSecond: number; received: number }> {
  const total = perChannel * CHANNELS;
  const hub = createHub(Array.from({ length: CHANNELS }, (_, index) => memoryChannel(`memory-${index + 1}`, perChannel)));
  let received = 0;
  const started = performance.now();
  for await (const message of hub.listen({ since: new Date(0) })) {
    if (message.text.length === 0) throw new Error('empty message');
    if (++received === total) break;
  }
  const seconds = (performance.now() - started) / 1000;
  await hub.close();
  return { messagesPerSecond: received / seconds, received };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchHub()));
}
