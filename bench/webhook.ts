/**
 * webhook.p99Ms: a signed X Account Activity delivery (a `Request` into `channel.webhook`) to the
 * consumer of `listen()`, in one process, the channel's cursors in a MemoryStore. Each delivery is
 * timed from just before the handler is called to the moment the `for await` loop receives that
 * message; `responseP99Ms` is the same clock stopped when the handler's `Response` is ready. The
 * poll interval is an hour and the X API is the in-process emulator (answering the one first poll
 * with nothing), so only the webhook delivers. Deliveries go one at a time, each after the consumer
 * received the previous one. A p99 of 10,000 sits where the garbage collector's pauses begin (the 99th
 * slowest of 10,000 is about where they start), so one run moves with the machine: the figures are the
 * medians of five runs, each with a fresh channel, and `p99RangeMs` shows the spread.
 */
import { createHmac } from 'node:crypto';
import { MemoryStore } from '../src/index.js';
import { TwitterEmulator } from '../src/testing/index.js';
import { twitter } from '../src/twitter/index.js';

const SECRET = 'bench-consumer-secret';
const BASE_URL = 'https://api.x.com';
const HOUR_MS = 60 * 60 * 1000;

export interface WebhookResult {
  p99Ms: number;
  medianMs: number;
  responseP99Ms: number;
  /** The lowest and highest p99 of the runs. */
  p99RangeMs: [number, number];
  deliveries: number;
}

/** One mention as X's Account Activity API sends it (tweet_create_events, v1.1 shape). */
function delivery(id: bigint, selfId: string): { body: string; signature: string } {
  const body = JSON.stringify({
    for_user_id: selfId,
    tweet_create_events: [
      {
        created_at: new Date().toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) (\S+) GMT$/, '$1 $3 $2 $5 +0000 $4'),
        id_str: String(id),
        text: `@acme where is my parcel? order ${id}`,
        user: { id_str: '2001', screen_name: 'jane', name: 'Jane', profile_image_url_https: 'https://pbs.twimg.com/profile_images/1/j_normal.jpg' },
        entities: { user_mentions: [{ id_str: selfId, screen_name: 'acme' }] },
      },
    ],
  });
  return { body, signature: `sha256=${createHmac('sha256', SECRET).update(body).digest('base64')}` };
}

export function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

export async function benchWebhook(deliveries = 10_000, warmUp = 2_000, runs = 5): Promise<WebhookResult> {
  const results: Array<Omit<WebhookResult, 'p99RangeMs'>> = [];
  for (let run = 0; run < runs; run++) results.push(await webhookRun(deliveries, warmUp));
  const middle = (pick: (result: Omit<WebhookResult, 'p99RangeMs'>) => number) => percentile(results.map(pick).sort((a, b) => a - b), 0.5);
  const p99s = results.map((result) => result.p99Ms).sort((a, b) => a - b);
  return { p99Ms: middle((result) => result.p99Ms), medianMs: middle((result) => result.medianMs), responseP99Ms: middle((result) => result.responseP99Ms), p99RangeMs: [p99s[0]!, p99s.at(-1)!], deliveries };
}

/** One run: `warmUp` deliveries, then `deliveries` timed ones. */
async function webhookRun(deliveries: number, warmUp: number): Promise<Omit<WebhookResult, 'p99RangeMs'>> {
  const emulator = new TwitterEmulator();
  const channel = twitter({
    accessToken: emulator.accessToken,
    userId: emulator.self.id,
    consumerSecret: SECRET,
    baseUrl: BASE_URL,
    fetch: (input, init) => emulator.handle(new Request(input, init), BASE_URL),
    store: new MemoryStore(),
    pollIntervalMs: HOUR_MS,
  });
  const webhook = channel.webhook!;
  const controller = new AbortController();
  // The consumer resolves the waiter of the message it receives, stamped at receipt.
  const waiting = new Map<string, (receivedAt: number) => void>();
  const consumer = (async () => {
    for await (const message of channel.listen({ signal: controller.signal })) waiting.get(message.id)?.(performance.now());
  })();

  const deliveryTimes: number[] = [];
  const responseTimes: number[] = [];
  let nextId = 1_900_000_000_000_000_000n;
  try {
    for (let index = 0; index < warmUp + deliveries; index++) {
      const id = nextId++;
      const { body, signature } = delivery(id, emulator.self.id);
      const request = new Request('https://bot.example/webhooks/x', { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': signature } });
      const received = new Promise<number>((resolve) => waiting.set(String(id), resolve));
      const started = performance.now();
      const response = await webhook(request);
      const respondedAt = performance.now();
      if (response.status !== 200) throw new Error(`the webhook answered ${response.status}`);
      const receivedAt = await received;
      waiting.delete(String(id));
      if (index < warmUp) continue;
      deliveryTimes.push(receivedAt - started);
      responseTimes.push(respondedAt - started);
    }
  } finally {
    controller.abort();
    await consumer;
    await channel.close();
  }
  deliveryTimes.sort((a, b) => a - b);
  responseTimes.sort((a, b) => a - b);
  return {
    p99Ms: percentile(deliveryTimes, 0.99),
    medianMs: percentile(deliveryTimes, 0.5),
    responseP99Ms: percentile(responseTimes, 0.99),
    deliveries,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchWebhook()));
}
