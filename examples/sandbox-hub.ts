/**
 * The hub over every channel of a sandbox, as `npm run demo` runs it: what the sandbox page's bot
 * (`npm run demo -- --open`) and its browser test answer with. Polls fast: the sandbox is local.
 */
import { createHub, MemoryStore, type Store } from 'everywhere';
import { discourse } from 'everywhere/discourse';
import { facebook } from 'everywhere/facebook';
import { flickr } from 'everywhere/flickr';
import { googleBusiness } from 'everywhere/google-business';
import { instagram } from 'everywhere/instagram';
import type { Sandbox, SandboxOptions } from 'everywhere/testing';
import { trustpilot } from 'everywhere/trustpilot';
import { twitter } from 'everywhere/twitter';
import { wordpress } from 'everywhere/wordpress';
import { youtube } from 'everywhere/youtube';
import { supportBot } from './support-bot.js';

// The sandbox keeps each platform's documented limits; X's DM reads (15 per 15 minutes on the basic
// tier) are raised as on a higher tier, or the bot would see the DMs only after its next paced poll. Likewise
// the Facebook Page is one 1,000 people write to (Messenger allows 200 calls per person a day), not a new one.
export const SANDBOX_OPTIONS: SandboxOptions = {
  twitter: { limits: { 'GET /2/dm_events': { limit: 300, windowMs: 15 * 60_000 } } },
  facebook: { limits: { messenger: { limit: 200_000, windowMs: 24 * 60 * 60_000 } } },
};
const MESSENGER_PEOPLE = 1000;

export function sandboxHub(sandbox: Sandbox, store: Store = new MemoryStore(), pollIntervalMs = 250) {
  const common = { store, pollIntervalMs };
  return createHub(
    [
      twitter({ ...sandbox.twitter.options, ...common }),
      facebook({ ...sandbox.facebook.options, ...common, messengerPeople: MESSENGER_PEOPLE }),
      instagram({ ...sandbox.instagram.options, ...common }),
      discourse({ ...sandbox.discourse.options, ...common }),
      wordpress({ ...sandbox.wordpress.options, ...common }),
      youtube({ ...sandbox.youtube.options, ...common }),
      flickr({ ...sandbox.flickr.options, ...common }),
      googleBusiness({ ...sandbox.googleBusiness.options, ...common }),
      trustpilot({ ...sandbox.trustpilot.options, ...common }),
    ],
    { store },
  );
}

/** The support bot over a sandbox's hub until `signal` aborts: the `bot` of startSandboxPage(). */
export async function sandboxBot(sandbox: Sandbox, signal: AbortSignal, log: (line: string) => void = () => undefined): Promise<void> {
  const hub = sandboxHub(sandbox);
  try {
    await supportBot(hub, { signal, log });
  } finally {
    await hub.close();
  }
}
