/**
 * X's monthly post cap resets on your plan's billing day, which a 429 `usage-capped` does not name. Read
 * the day once from GET /2/usage/tweets (an app-only bearer token: the endpoint refuses user tokens) and
 * give it to the channel as `capResetDay`: a spent cap is then a RateLimitError whose `resetAt` is that
 * day, and listen() waits for it instead of trying daily.
 *
 * With X_BEARER_TOKEN (app-only) and X_ACCESS_TOKEN set it asks X. Without them it runs against the
 * emulator, whose plan resets on the 10th: `npx tsx examples/x-usage-cap.ts`.
 */
import { RateLimitError } from 'everywhere';
import { serveEmulators, TwitterEmulator } from 'everywhere/testing';
import { twitter } from 'everywhere/twitter';

const real = process.env.X_BEARER_TOKEN !== undefined;
const emulator = real ? undefined : new TwitterEmulator({ capResetDay: 10 });
const sandbox = emulator ? await serveEmulators({ twitter: emulator }) : undefined;
const baseUrl = sandbox ? sandbox.baseUrl('twitter') : 'https://api.x.com';

// https://docs.x.com/x-api/usage/introduction: { data: { cap_reset_day, project_cap, project_usage, ... } }
const usage = await fetch(`${baseUrl}/2/usage/tweets`, { headers: { authorization: `Bearer ${process.env.X_BEARER_TOKEN ?? emulator!.appOnlyToken}` } });
const { data } = (await usage.json()) as { data: { cap_reset_day: number; project_cap: string; project_usage: string } };
console.log(`plan: ${data.project_usage} of ${data.project_cap} posts read; the cap resets on day ${data.cap_reset_day}`);

const channel = twitter({
  accessToken: process.env.X_ACCESS_TOKEN ?? emulator!.accessToken,
  capResetDay: data.cap_reset_day,
  ...(sandbox ? { baseUrl } : {}),
});

if (emulator) {
  emulator.capUsage('Monthly'); // the emulator's plan has read its month
  try {
    await channel.send({ text: 'Our summer sale starts today.' });
  } catch (error) {
    if (!(error instanceof RateLimitError && error.quota)) throw error;
    console.log(`usage cap spent: nothing sent, try again from ${error.resetAt?.toISOString()}`);
  }
}

await channel.close();
await sandbox?.close();
