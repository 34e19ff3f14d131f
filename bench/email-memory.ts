/**
 * email.heapMiB100k: heap growth (after garbage collection) of a process whose email channel reads a
 * real Dovecot mailbox of 100,000 mails through messages(), one of them with a 25 MB attachment
 * (which a read never downloads: BODYSTRUCTURE first, then the text parts only). The mails are written
 * into the Maildir as a delivery agent does (https://cr.yp.to/proto/maildir.html), before Dovecot
 * starts. Also email.readMailsPerSecond. Needs Dovecot and `node --expose-gc` (npm run bench sets it).
 */
import { randomBytes } from 'node:crypto';
import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { email } from '../src/email/index.js';
import { MemoryStore } from '../src/index.js';
import { Dovecot, dovecotBinary } from '../test/email/dovecot.js';
import { composeCustomerMail } from '../test/email/email-world.js';
import { heapAfterGc, MIB } from './heap.js';

const NOBODY = 65534;
const USER = 'bot';
const PASS = 'bench-password';
const ADDRESS = 'bot@example.test';

/** The mailbox: `count` small mails and, in the middle, one with a 25 MB attachment, in Maildir cur/. */
async function fillMaildir(maildir: string, count: number): Promise<void> {
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
  const template = (await composeCustomerMail({ from: 'customer@example.test', to: ADDRESS, text: 'Where is my parcel? MARKER', messageId: 'MARKER@example.test' })).raw.toString('latin1');
  for (let index = 0; index < count; index++) {
    const file = join(maildir, 'cur', `${1_700_000_000 + index}.M${index}P1.bench:2,S`);
    if (index === Math.floor(count / 2)) {
      const big = await composeCustomerMail({ from: 'customer@example.test', to: ADDRESS, text: 'The logs are attached.', attachments: [{ filename: 'logs.tar', content: randomBytes(25 * MIB), contentType: 'application/x-tar' }] });
      writeFileSync(file, big.raw);
    } else {
      writeFileSync(file, template.replaceAll('MARKER', `mail-${index}`), 'latin1');
    }
    chownSync(file, NOBODY, NOBODY);
  }
  for (const dir of [maildir, ...['cur', 'new', 'tmp'].map((sub) => join(maildir, sub))]) chownSync(dir, NOBODY, NOBODY);
}

export async function benchEmailMemory(count = Number(process.env.BENCH_MAILS ?? 100_000)): Promise<{ heapMiB: number; mailsPerSecond: number; read: number } | undefined> {
  if (!dovecotBinary()) return undefined;
  const dovecot = new Dovecot();
  dovecot.addUser(USER, PASS);
  try {
    mkdirSync(join(dovecot.maildir(USER), '..'), { recursive: true });
    chownSync(join(dovecot.maildir(USER), '..'), NOBODY, NOBODY);
    await fillMaildir(dovecot.maildir(USER), count);
    await dovecot.start();
    const imap = { host: '127.0.0.1', port: dovecot.port, secure: false, insecure: true, auth: { user: USER, pass: PASS } };
    const channel = email({ address: ADDRESS, imap, smtp: { host: '127.0.0.1', port: 25, secure: false, insecure: true }, store: new MemoryStore(), pollIntervalMs: 60 * 60 * 1000 });
    try {
      const iterator = channel.messages()[Symbol.asyncIterator]();
      await iterator.next(); // connected, first page read: what stays is the channel's own
      const before = heapAfterGc();
      let peak = before;
      let read = 1;
      const started = performance.now();
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        read += 1;
        if (read % 10_000 === 0) peak = Math.max(peak, heapAfterGc());
      }
      const seconds = (performance.now() - started) / 1000;
      peak = Math.max(peak, heapAfterGc());
      if (read !== count) throw new Error(`read ${read} mails of ${count}`);
      return { heapMiB: (peak - before) / MIB, mailsPerSecond: read / seconds, read };
    } finally {
      await channel.close();
    }
  } finally {
    await dovecot.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchEmailMemory()));
}
