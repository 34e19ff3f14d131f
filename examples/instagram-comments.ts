/**
 * Comments and Direct messages of an Instagram professional account: every new comment gets a public
 * answer under it; one that names an order gets a private reply instead (one Direct message to the
 * commenter, once per comment, within 7 days); a Direct message is answered by Direct message.
 *
 * With INSTAGRAM_ACCOUNT_ID, FACEBOOK_PAGE_ID and FACEBOOK_PAGE_TOKEN set (a Page token with
 * instagram_basic, instagram_manage_comments, instagram_manage_messages) it talks to Graph; without
 * them it runs against the sandbox, where two customers comment and one writes a DM:
 * `npx tsx examples/instagram-comments.ts`.
 */
import { instagram } from 'everywhere/instagram';
import { createSandbox } from 'everywhere/testing';

const sandbox = process.env.INSTAGRAM_ACCOUNT_ID ? undefined : await createSandbox();
const channel = instagram(
  sandbox
    ? { ...sandbox.instagram.options, pollIntervalMs: 200 }
    : { pageId: process.env.FACEBOOK_PAGE_ID!, instagramAccountId: process.env.INSTAGRAM_ACCOUNT_ID!, pageAccessToken: process.env.FACEBOOK_PAGE_TOKEN! },
);

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
if (sandbox) {
  const account = sandbox.instagram.emulator;
  setTimeout(() => account.comment({ from: '6100000000000001', username: 'kim.styles', text: 'Is this jacket in size M?', on: sandbox.instagram.mediaId }), 300);
  setTimeout(() => account.comment({ from: '6100000000000002', username: 'lee', text: 'My order #4411 has not arrived', on: sandbox.instagram.mediaId }), 500);
  setTimeout(() => account.directMessage({ from: '6100000000000003', username: 'ana', text: 'Do you have a store in Lisbon?' }), 700);
  setTimeout(() => controller.abort(), 3000);
}
for await (const message of channel.listen({ signal: controller.signal })) {
  console.log(`← ${message.kind} from @${message.author.handle ?? message.author.id}: ${message.text}`);
  const answer =
    message.kind === 'comment' && /order/i.test(message.text)
      ? await channel.reply(message, { text: 'Sorry about that! We sent you a message to sort it out.', private: true })
      : await channel.reply(message, { text: message.kind === 'direct' ? 'Yes: Rua Augusta 10, open every day.' : 'Yes, sizes S to XL are in stock!' });
  console.log(`→ ${answer.kind} in thread ${answer.threadId}: ${answer.text}`);
}
await channel.close();
await sandbox?.close();
