/**
 * A Facebook Page bot behind a node:http server: Meta's webhook (GET handshake, signed POSTs) is
 * mounted on `channel.webhook`, and listen() answers each comment and Messenger message in its thread.
 *
 * With FACEBOOK_PAGE_ID, FACEBOOK_PAGE_TOKEN, FACEBOOK_APP_SECRET and FACEBOOK_VERIFY_TOKEN set it talks
 * to Graph (expose PORT to Meta, e.g. through a tunnel). Without them it runs against the local
 * emulator and plays Meta itself: `npx tsx examples/facebook-webhook.ts`.
 */
import { facebook } from 'everywhere/facebook';
import { FacebookEmulator, serveEmulators } from 'everywhere/testing';
import { serveWebhook } from './webhook-server.js';

const real = process.env.FACEBOOK_PAGE_ID !== undefined;
const emulator = real ? undefined : new FacebookEmulator();
const sandbox = emulator ? await serveEmulators({ facebook: emulator }) : undefined;
const channel = facebook({
  pageId: process.env.FACEBOOK_PAGE_ID ?? emulator!.pageId,
  pageAccessToken: process.env.FACEBOOK_PAGE_TOKEN ?? emulator!.pageAccessToken,
  appSecret: process.env.FACEBOOK_APP_SECRET ?? emulator!.appSecret,
  verifyToken: process.env.FACEBOOK_VERIFY_TOKEN ?? 'sandbox-verify-token',
  ...(sandbox ? { baseUrl: sandbox.baseUrl('facebook') } : {}),
});

const { url: webhookUrl, close } = await serveWebhook('/webhooks/facebook', (request) => channel.webhook!(request), Number(process.env.PORT ?? 0));
console.log(`webhook listening at ${webhookUrl}`);

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
const bot = (async () => {
  for await (const message of channel.listen({ signal: controller.signal })) {
    console.log(`← ${message.kind} from ${message.author.name ?? message.author.id}: ${message.text}`);
    const answer = await channel.reply(message, { text: `Thanks${message.author.name ? ` ${message.author.name}` : ''}! A person from our team answers here within the hour.` });
    console.log(`→ ${answer.kind} in thread ${answer.threadId}: ${answer.text}`);
    if (emulator && answer.kind === 'direct') controller.abort(); // the demo ends after both answers
  }
})();

if (emulator) {
  // Play Meta: the subscription handshake, then a comment and a Messenger message, each signed.
  const handshake = await fetch(`${webhookUrl}?hub.mode=subscribe&hub.verify_token=sandbox-verify-token&hub.challenge=42`);
  console.log(`handshake: ${handshake.status} ${await handshake.text()}`);
  const postId = emulator.post({ message: 'We are open on Sunday from now on.' });
  const comment = emulator.comment({ from: { id: '7000000001', name: 'Dana' }, message: 'Also in the afternoon?', on: postId });
  await emulator.deliverWebhook(webhookUrl, emulator.feedCommentPayload(comment));
  const mid = emulator.messengerMessage({ from: '7000000002', name: 'Eli', text: 'Can I return a gift?' });
  await emulator.deliverWebhook(webhookUrl, emulator.messagingPayload(mid));
}

await bot;
await close();
await channel.close();
await sandbox?.close();
