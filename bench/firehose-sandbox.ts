/**
 * A sandbox in its own process, serving a firehose of synthetic mentions, so the memory benchmark
 * measures the listening process alone. Reports its address over IPC and runs until killed.
 */
import { TwitterEmulator, TWITTER_BUCKETS, serveEmulators } from '../src/testing/index.js';

const count = Number(process.argv[2]);
const start = new Date(Number(process.argv[3]));
const unlimited = { limit: 10_000_000, windowMs: 15 * 60 * 1000 };
// The whole firehose is walked (X itself serves only the 800 most recent mentions), and a firehose of a
// million mentions is the Pro plan's whole month of reads: no usage cap here.
const emulator = new TwitterEmulator({ mentionsServed: Infinity, monthlyPostReads: Infinity, limits: { [TWITTER_BUCKETS.mentions]: unlimited, [TWITTER_BUCKETS.dmEvents]: unlimited } });
emulator.firehose(count, { start, spacingMs: 1 });
// The request log would grow with every page served; this process only serves.
setInterval(() => emulator.requests.splice(0), 1000).unref();
const server = await serveEmulators({ twitter: emulator });
process.send!({ baseUrl: server.baseUrl('twitter'), accessToken: emulator.accessToken, userId: emulator.self.id });
