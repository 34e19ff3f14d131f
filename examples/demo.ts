/**
 * `npm run demo`: the support bot against the sandbox for a few seconds. Simulated customers write
 * (mentions, a reply in a thread, DMs); the bot answers each in its own thread, once.
 */
import { MemoryStore } from 'everywhere';
import { createSandbox } from 'everywhere/testing';
import { twitter } from 'everywhere/twitter';
import { supportBot } from './support-bot.js';

const RUN_MS = 4000;

// The sandbox keeps X's documented limits; DM reads (15 per 15 minutes on the basic tier) are raised
// here as on a higher tier, or the bot would see the DMs only after its next paced poll.
const sandbox = await createSandbox({ twitter: { limits: { 'GET /2/dm_events': { limit: 300, windowMs: 15 * 60_000 } } } });
const x = twitter({ ...sandbox.twitter.options, store: new MemoryStore(), pollIntervalMs: 250 });
const controller = new AbortController();
console.log(`sandbox at ${sandbox.url}; the bot listens on ${x.id} for ${RUN_MS / 1000} s\n`);

const bot = supportBot(x, { signal: controller.signal });

// Customers write while the bot runs.
const emulator = sandbox.twitter.emulator;
const customers = [
  () => emulator.mention({ from: 'jane', text: 'my parcel is a week late, order #1182' }),
  () => emulator.directMessage({ from: 'omar', text: 'Hi, can I change the address on my order?' }),
  () => emulator.mention({ from: 'li', text: '你好, is the app down? 🙏' }),
  () => emulator.directMessage({ from: 'jane', text: 'Here is my order number: 1182' }),
];
for (const write of customers) {
  await new Promise((resolve) => setTimeout(resolve, 400));
  write();
}

await new Promise((resolve) => setTimeout(resolve, RUN_MS - customers.length * 400));
controller.abort();
await bot;
const answers = emulator.postsBy(emulator.self.id).length + emulator.dmEvents.filter((event) => event.sender_id === emulator.self.id).length;
console.log(`\n${answers} answers for ${customers.length} customers; rate limits seen:`);
for (const state of x.rateLimits()) console.log(`  ${state.bucket}: ${state.remaining}/${state.limit} until ${state.resetAt?.toISOString()}`);
await x.close();
await sandbox.close();
