/**
 * A forum helper on Discourse: answers every new topic and reply in its topic, and private messages
 * in the private message; posts an announcement as a new topic once (idempotency key).
 *
 * With DISCOURSE_URL, DISCOURSE_API_KEY and DISCOURSE_USERNAME set it talks to your forum; without
 * them it runs against the sandbox, where a customer opens a topic and sends a private message:
 * `npx tsx examples/discourse-forum-bot.ts`.
 */
import { discourse } from 'everywhere/discourse';
import { createSandbox } from 'everywhere/testing';

const sandbox = process.env.DISCOURSE_URL ? undefined : await createSandbox();
const forum = discourse(
  sandbox
    ? { ...sandbox.discourse.options, pollIntervalMs: 200 }
    : { baseUrl: process.env.DISCOURSE_URL!, apiKey: process.env.DISCOURSE_API_KEY!, apiUsername: process.env.DISCOURSE_USERNAME! },
);

const announcement = await forum.send({
  subject: 'Office hours this Friday',
  text: 'Our team answers questions live on Friday from 15:00 to 17:00 UTC.',
  idempotencyKey: 'office-hours-2026-11-27', // a rerun posts nothing new
});
console.log(`announced: ${announcement.url}`);

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
if (sandbox) {
  sandbox.discourse.emulator.topic({ by: 'sam', title: 'Export to CSV stopped working', raw: 'Since the update the CSV export button does nothing.' });
  sandbox.discourse.emulator.privateMessage({ by: 'ana', title: 'Invoice question', raw: 'Could you resend my October invoice please?' });
  setTimeout(() => controller.abort(), 3000);
}
for await (const message of forum.listen({ signal: controller.signal })) {
  console.log(`← ${message.kind} in "${message.subject}" from @${message.author.handle}: ${message.text}`);
  const answer = await forum.reply(message, { text: `Thanks @${message.author.handle}, a moderator will look at this today.` });
  console.log(`→ ${answer.kind} ${answer.url}`);
}
await forum.close();
await sandbox?.close();
