/**
 * auth.refreshLatencyMs: the extra time of the one request that has to refresh its token first. One
 * process, one X channel with a managed OAuth 2.0 grant (MemoryStore) against the X emulator served on
 * 127.0.0.1. The emulator's tokens live 61 s, so with the channel's 60 s margin each is used for 1 s;
 * each sample waits for that second to pass, times a read that refreshes first (one `POST
 * /2/oauth2/token`, then the `GET` of mentions), then the same read with the fresh token.
 * The figure is the median of (refreshing read − fresh read); `auth.freshRequestMs`, the median fresh
 * read, is what it adds to.
 */
import { MemoryStore } from '../src/index.js';
import { serveEmulators } from '../src/testing/serve-emulators.js';
import { TwitterEmulator, TWITTER_BUCKETS } from '../src/testing/twitter/index.js';
import { twitter } from '../src/twitter/index.js';

const MARGIN_MS = 60_000;
const FRESH_WINDOW_MS = 1_000;
const OPEN = { limit: 1_000_000, windowMs: 900_000 };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export async function benchRefreshLatency(samples = Number(process.env.BENCH_AUTH_SAMPLES ?? 15)): Promise<{ refreshLatencyMs: number; freshRequestMs: number }> {
  const emulator = new TwitterEmulator({ tokenLifetimeMs: MARGIN_MS + FRESH_WINDOW_MS, limits: { [TWITTER_BUCKETS.mentions]: OPEN } });
  const server = await serveEmulators({ twitter: emulator });
  const grant = emulator.authorizeOAuth2();
  const channel = twitter({
    oauth2: { clientId: grant.clientId, refreshToken: grant.refreshToken, accessToken: grant.accessToken, expiresAt: grant.expiresAt },
    userId: emulator.self.id,
    baseUrl: server.baseUrl('twitter'),
    store: new MemoryStore(),
    directMessages: false,
  });
  // When the channel will next refresh: 60 s before the current token's expiry.
  let staleAt = grant.expiresAt.getTime() - MARGIN_MS;
  channel.on('tokens', (tokens) => {
    if (tokens.expiresAt) staleAt = tokens.expiresAt.getTime() - MARGIN_MS; // the emulator always gives expires_in
  });
  emulator.mention({ from: 'customer', text: 'a mention to read' });
  const read = async (refreshes: number) => {
    const started = performance.now();
    for await (const message of channel.messages({ limit: 1 })) if (!message.id) throw new Error('a message without id');
    const elapsed = performance.now() - started;
    if (emulator.oauth2.refreshes !== refreshes) throw new Error(`expected ${refreshes} refreshes by now, the emulator answered ${emulator.oauth2.refreshes}`);
    return elapsed;
  };
  try {
    await read(0); // warm-up, with the grant's own token
    const extra: number[] = [];
    const fresh: number[] = [];
    for (let sample = 1; sample <= samples; sample++) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, staleAt - Date.now() + 5)));
      const refreshing = await read(sample);
      const plain = await read(sample);
      extra.push(refreshing - plain);
      fresh.push(plain);
    }
    return { refreshLatencyMs: median(extra), freshRequestMs: median(fresh) };
  } finally {
    await channel.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchRefreshLatency()));
}
