/**
 * A bot on a big Discourse forum that answers only what is addressed to it: posts that mention it, reply
 * to it or quote it (`only: 'mentions'`, read from /notifications.json), and private messages to it.
 * Every other post of the forum passes it by.
 *
 * With DISCOURSE_URL, DISCOURSE_API_KEY and DISCOURSE_USERNAME set it talks to your forum; without
 * them it runs against the sandbox: `npx tsx examples/discourse-mentions-bot.ts`.
 */
import { discourse } from 'everywhere/discourse';
import { createSandbox } from 'everywhere/testing';

const sandbox = process.env.DISCOURSE_URL ? undefined : await createSandbox();
const forum = discourse({
  ...(sandbox
    ? { ...sandbox.discourse.options, pollIntervalMs: 200 }
    : { baseUrl: process.env.DISCOURSE_URL!, apiKey: process.env.DISCOURSE_API_KEY!, apiUsername: process.env.DISCOURSE_USERNAME! }),
  only: 'mentions',
});

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
if (sandbox) {
  const bot = sandbox.discourse.emulator.botUsername;
  setTimeout(() => {
    sandbox.discourse.emulator.topic({ by: 'sam', title: 'Anyone watching the game tonight?', raw: 'Kick-off is at eight, who is in?' }); // not for the bot
    sandbox.discourse.emulator.topic({ by: 'ana', title: 'Export to CSV stopped working', raw: `@${bot} since the update the CSV export does nothing.` });
  }, 500);
  setTimeout(() => controller.abort(), 3000);
}
for await (const message of forum.listen({ signal: controller.signal })) {
  console.log(`← ${message.kind} from @${message.author.handle}: ${message.text}`);
  const answer = await forum.reply(message, { text: `Thanks @${message.author.handle}, a moderator will look at this today.` });
  console.log(`→ ${answer.kind} ${answer.url}`);
}
await forum.close();
await sandbox?.close();
