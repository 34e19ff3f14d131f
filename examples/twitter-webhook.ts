/**
 * An X bot fed by Account Activity webhooks: the CRC challenge and signed deliveries are mounted on
 * `channel.webhook`, and listen() answers each mention and DM at once (polling goes on beside it as
 * the backstop, and a message that arrives both ways is answered once).
 *
 * With X_ACCESS_TOKEN, X_USER_ID and X_CONSUMER_SECRET set it talks to X (register PORT's URL as the
 * webhook). Without them it runs against the emulator and plays X itself: `npx tsx examples/twitter-webhook.ts`.
 */
import { serveEmulators, TwitterEmulator } from 'everywhere/testing';
import { twitter } from 'everywhere/twitter';
import { serveWebhook } from './webhook-server.js';

const real = process.env.X_ACCESS_TOKEN !== undefined;
const emulator = real ? undefined : new TwitterEmulator();
const sandbox = emulator ? await serveEmulators({ twitter: emulator }) : undefined;
const channel = twitter({
  accessToken: process.env.X_ACCESS_TOKEN ?? emulator!.accessToken,
  userId: process.env.X_USER_ID ?? emulator!.self.id,
  consumerSecret: process.env.X_CONSUMER_SECRET ?? emulator!.consumerSecret,
  ...(sandbox ? { baseUrl: sandbox.baseUrl('twitter') } : {}),
});

const { url, close } = await serveWebhook('/webhooks/x', (request) => channel.webhook!(request), Number(process.env.PORT ?? 0));
console.log(`webhook listening at ${url}`);

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
const bot = (async () => {
  for await (const message of channel.listen({ signal: controller.signal })) {
    console.log(`← ${message.kind} from @${message.author.handle ?? message.author.id}: ${message.text}`);
    const answer = await channel.reply(message, { text: `Thanks @${message.author.handle ?? 'there'}, we are on it.` });
    console.log(`→ ${answer.kind} in thread ${answer.threadId}`);
    if (emulator && answer.kind === 'direct') controller.abort(); // the run against the emulator ends after both answers
  }
})();

if (emulator) {
  // Play X: the CRC check, then a mention and a DM, each delivered signed as Account Activity events.
  const crc = await emulator.crc(url, 'challenge-token');
  console.log(`CRC: ${crc.status} ${await crc.text()}`);
  await emulator.deliverWebhook(url, emulator.webhookEvent(emulator.mention({ from: 'jane', text: 'is the sale still on?' })));
  await new Promise((resolve) => setTimeout(resolve, 200));
  await emulator.deliverWebhook(url, emulator.webhookEvent(emulator.directMessage({ from: 'omar', text: 'my code does not work' })));
}

await bot;
await close();
await channel.close();
await sandbox?.close();
