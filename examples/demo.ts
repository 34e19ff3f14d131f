/**
 * `npm run demo`: the support bot on every channel of the sandbox at once, for a few seconds.
 * Simulated customers write (mentions, DMs, Page comments, Messenger, an Instagram comment, a forum topic, a blog comment, a video comment, a photo comment); the bot answers each in its
 * own thread, once, through one loop over the hub.
 */
import { MemoryStore } from 'everywhere';
import { createSandbox } from 'everywhere/testing';
import { sandboxHub, SANDBOX_OPTIONS } from './sandbox-hub.js';
import { supportBot } from './support-bot.js';

const RUN_MS = 5000;

// `npm run demo -- --open`: the same bot with the sandbox page, until Ctrl-C (examples/demo-open.ts).
if (process.argv.includes('--open')) {
  await (await import('./demo-open.js')).demoWithPage();
  process.exit(0);
}

const sandbox = await createSandbox(SANDBOX_OPTIONS);
const store = new MemoryStore();
const hub = sandboxHub(sandbox, store);
const controller = new AbortController();
console.log(`sandbox at ${sandbox.url}; the bot listens on ${hub.channels.map((channel) => channel.id).join(', ')} for ${RUN_MS / 1000} s\n`);

let answers = 0;
const bot = supportBot(hub, {
  signal: controller.signal,
  log: (line) => {
    if (line.startsWith('→')) answers += 1;
    console.log(line);
  },
});

// Customers write while the bot runs.
const x = sandbox.twitter.emulator;
const page = sandbox.facebook.emulator;
const forum = sandbox.discourse.emulator;
const launch = page.post({ message: 'Our spring collection is out!' });
const blog = sandbox.wordpress.emulator;
const article = blog.post({ title: 'How we pack your orders' });
const videos = sandbox.youtube.emulator;
const photos = sandbox.flickr.emulator;
photos.person('20000002@N02', 'noor_snaps', 'Noor');
const customers = [
  () => x.mention({ from: 'jane', text: 'my parcel is a week late, order #1182' }),
  () => page.comment({ from: { id: '7000000001', name: 'Dana' }, message: 'Do you ship to Canada?', on: launch }),
  () => sandbox.instagram.emulator.comment({ from: '6100000000000001', username: 'kim.styles', text: 'Is this jacket in size M?', on: sandbox.instagram.mediaId }),
  () => x.directMessage({ from: 'omar', text: 'Hi, can I change the address on my order?' }),
  () => page.messengerMessage({ from: '7000000002', name: 'Ravi', text: 'Is my refund processed?' }),
  () => forum.topic({ by: 'sam', title: 'Export to CSV stopped working', raw: 'Since the update the CSV export button does nothing.' }),
  () => x.mention({ from: 'li', text: '你好, is the app down? 🙏' }),
  () => blog.comment({ post: article.id, by: 'Mia', content: 'Is the packaging recyclable?' }),
  () => videos.comment({ videoId: 'sandboxVid1', text: 'Which cable do I need for step 2?' }),
  () => photos.comment({ by: '20000002@N02', photoId: sandbox.flickr.photoId, text: 'Is the new store open on Sundays?' }),
  // A review site: three stars and a complaint; the bot answers publicly, merged with every other channel by the hub.
  () => sandbox.googleBusiness.emulator.review({ stars: 3, comment: 'Three stars: nice shop, but my order took two weeks.', reviewer: { displayName: 'Alex' } }),
  () => sandbox.trustpilot.emulator.review({ stars: 3, title: 'Good product, slow support', text: 'Three stars: the blender works, but support took a week to answer.', consumer: { id: '5f0c0a1b2c3d4e5f6a7b8c9e', displayName: 'Sam' } }),
];
for (const write of customers) {
  await new Promise((resolve) => setTimeout(resolve, 300));
  write();
}

await new Promise((resolve) => setTimeout(resolve, RUN_MS - customers.length * 300));
controller.abort();
await bot;
console.log(`\n${customers.length} customers wrote; the bot sent ${answers} answers, each in its own thread.`);
await hub.close();
await sandbox.close();
