/**
 * email.appendToConsumerMs: a mail APPENDed into a real Dovecot INBOX (by imapflow, as another
 * client) to the `for await` consumer of the email channel's `listen()`, median of 20. The poll
 * interval is an hour, so after the first poll only IMAP IDLE can deliver. Warm-up mails first, so
 * the IDLE connection is up before anything is timed. Needs Dovecot (the test harness starts it).
 */
import { ImapFlow } from 'imapflow';
import { email } from '../src/email/index.js';
import { MemoryStore } from '../src/index.js';
import { Dovecot, dovecotBinary } from '../test/email/dovecot.js';
import { composeCustomerMail } from '../test/email/email-world.js';

const HOUR_MS = 60 * 60 * 1000;
const USER = 'bot';
const PASS = 'bench-password';
const ADDRESS = 'bot@example.test';
// A warm-up mail may land between the first poll and the moment IDLE selects the mailbox: then only
// the next poll (an hour away) would see it, so a warm-up is given up after a while; a timed one is not.
const WARM_UP_WAIT_MS = 5_000;
const MEASURED_WAIT_MS = 30_000;
// Each mail arrives at a listener that has been idling a while, as mail does. Dovecot tells an
// IDLE client about a change 500 ms after it sees it (NOTIFY_DELAY_MSECS in its mailbox-watch.c), the
// floor of this figure; a mail sent back to back would instead land in the 100 ms pause the channel
// leaves after each fetch before it IDLEs again, and be announced as IDLE starts (faster, not typical).
const QUIET_MS = 300;

const sleep = (ms: number) => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref());

export async function benchEmailIdle(count = 20, warmUp = 3): Promise<{ appendToConsumerMs: number; samples: number[]; missedWarmUps: number } | undefined> {
  if (!dovecotBinary()) return undefined; // the bench reports the figure as missing
  const dovecot = new Dovecot();
  dovecot.addUser(USER, PASS);
  await dovecot.start();
  const imap = { host: '127.0.0.1', port: dovecot.port, secure: false, insecure: true, auth: { user: USER, pass: PASS } };
  // Nothing is sent: the SMTP settings are required but never used.
  const channel = email({ address: ADDRESS, imap, smtp: { host: '127.0.0.1', port: 25, secure: false, insecure: true }, store: new MemoryStore(), pollIntervalMs: HOUR_MS });
  const appender = new ImapFlow({ ...imap, logger: false });
  appender.on('error', () => undefined);
  const controller = new AbortController();
  const waiting = new Map<string, (receivedAt: number) => void>();
  const consumer = (async () => {
    for await (const message of channel.listen({ signal: controller.signal })) waiting.get(message.id)?.(performance.now());
  })();
  const samples: number[] = [];
  let missedWarmUps = 0;
  try {
    await appender.connect();
    for (let index = 0; index < warmUp + count; index++) {
      const { id, raw } = await composeCustomerMail({ from: `Customer <customer@example.test>`, to: ADDRESS, text: `Where is my parcel? (${index})` });
      const received = new Promise<number>((resolve) => waiting.set(id, resolve));
      await sleep(QUIET_MS);
      const started = performance.now();
      await appender.append('INBOX', raw);
      const receivedAt = await Promise.race([received, sleep(index < warmUp ? WARM_UP_WAIT_MS : MEASURED_WAIT_MS)]);
      waiting.delete(id);
      if (receivedAt === undefined && index >= warmUp) throw new Error(`mail ${index} did not reach the consumer within ${MEASURED_WAIT_MS} ms`);
      if (receivedAt === undefined) missedWarmUps += 1;
      else if (index >= warmUp) samples.push(receivedAt - started);
    }
  } finally {
    controller.abort();
    await consumer.catch(() => undefined);
    await channel.close();
    await appender.logout().catch(() => appender.close());
    await dovecot.dispose();
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { appendToConsumerMs: median, samples, missedWarmUps };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchEmailIdle()));
}
