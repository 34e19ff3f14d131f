/**
 * Answering on Facebook where the answer should not be public, or comes late:
 * - a comment that asks about a personal matter gets a private reply (one Messenger message to the
 *   commenter, once per comment, within 7 days): `reply(comment, { text, private: true })`;
 * - a person's Messenger question answered by a human agent days later goes out with `humanAgent: true`
 *   (MESSAGE_TAG + HUMAN_AGENT: 7 days instead of 24 hours; for replies a person wrote, never automated ones).
 *
 * Runs against the local emulator: `npx tsx examples/facebook-private-reply.ts`.
 */
import { facebook } from 'everywhere/facebook';
import { FacebookEmulator, serveEmulators } from 'everywhere/testing';

const DAY = 24 * 60 * 60 * 1000;
const emulator = new FacebookEmulator();
const sandbox = await serveEmulators({ facebook: emulator });
const page = { pageId: emulator.pageId, pageAccessToken: emulator.pageAccessToken, baseUrl: sandbox.baseUrl('facebook') };

// A customer asks about their order in public, under a post.
const postId = emulator.post({ message: 'Spring sale: 20% off everything this week.' });
emulator.comment({ from: { id: '7000000001', name: 'Dana' }, message: 'Where is my order #4411? It has been two weeks.', on: postId });
// Another wrote on Messenger three days ago; the 24-hour window has closed.
emulator.messengerMessage({ from: '7000000002', name: 'Eli', text: 'Can I get a refund for a broken lamp?', at: new Date(Date.now() - 3 * DAY) });

const bot = facebook(page);
for await (const message of bot.messages({ limit: 1 })) {
  if (message.kind !== 'comment') continue;
  const answer = await bot.reply(message, { text: 'Sorry for the wait, Dana: I have sent you the tracking link in Messenger.', private: true });
  console.log(`private reply to comment ${message.id} → Messenger thread ${answer.threadId}`);
}

// Sam from the support team writes the answer; the channel for people's own words sends it as HUMAN_AGENT.
const agent = facebook({ ...page, humanAgent: true });
const late = await agent.send({ to: '7000000002', text: 'Hi Eli, Sam here: the refund for the lamp is on its way, sorry it took us a few days.' });
console.log(`human agent answer in thread ${late.threadId} (${emulator.conversation('7000000002')!.messages.at(-1)!.tag})`);

await bot.close();
await agent.close();
await sandbox.close();
