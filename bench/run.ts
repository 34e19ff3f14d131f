/**
 * `npm run bench`: every figure measured side by side in one run, printed as a table and written to
 * bench/results.json under the keys the issues name. Speed and memory are measured here, never in tests.
 */
import { readFileSync, writeFileSync } from 'node:fs';

type Results = Record<string, Record<string, number>>;

const results: Results = {};
const rows: Array<[string, string, string]> = [];
/** `met` is given for figures with a goal: the table says plainly when one is missed. */
const record = (group: string, key: string, value: number, goal = '', met?: boolean) => {
  (results[group] ??= {})[key] = Number.isInteger(value) ? value : Number(value.toFixed(3));
  rows.push([`${group}.${key}`, String(results[group]![key]), met === false ? `${goal}  NOT MET` : goal]);
};

// `npm run bench -- webhook hub` runs those parts only: rateLimit, normalize, bundle, scale, memory
// (also named listen: the one firehose run gives memory.listenMiB and listen.messagesPerSecond),
// webhook, email, hub, auth, sandbox.
// Each part is imported only when it runs, so one part's harness (Dovecot, redis) is loaded only by its part.
const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);

if (wanted('rateLimit')) {
  const rate = await (await import('./rate-limit.js')).benchRateLimit();
  record('rateLimit', 'ratio', rate.ratio, '≤ 1.10', rate.ratio <= 1.1);
  record('rateLimit', 'requests429', rate.requests429, '0', rate.requests429 === 0);
  record('rateLimit', 'naiveRatio', rate.naiveRatio, 'baseline');
  record('rateLimit', 'naive429', rate.naive429, 'baseline');
}
if (wanted('normalize')) {
  const normalize = await (await import('./normalize.js')).benchNormalize();
  record('normalize', 'ratioToJsonParse', normalize.ratioToJsonParse, '≤ 2.5', normalize.ratioToJsonParse <= 2.5);
}
if (wanted('bundle')) {
  const bundles = await (await import('./bundle.js')).benchBundles();
  const baseline = bundles.twitterApiV2Gzip!;
  for (const [key, bytes] of Object.entries(bundles)) {
    if (key === 'twitterApiV2Gzip' || key === 'twitterApiV2RunnableGzip') record('bundle', key, bytes, 'baseline');
    else if (key === 'coreTwitterGzip') record('bundle', key, bytes, '≤ 33000', bytes <= 33_000);
    else if (key === 'coreTwitterMediaGzip' || key === 'coreTwitterLazyGzip') record('bundle', key, bytes, 'recorded');
    else if (key === 'coreTwitterOwnCodeGzip') record('bundle', key, bytes, `< ${baseline} (twitter-api-v2)`, bytes < baseline);
    else record('bundle', key, bytes, 'bytes');
  }
}
if (wanted('scale')) {
  const scale = await (await import('./scale.js')).runScale();
  if (scale) {
    record('scale', 'workers4Ratio', scale.workers4Ratio, '≤ 1.15', scale.workers4Ratio <= 1.15);
    record('scale', 'duplicates', scale.duplicates, '0', scale.duplicates === 0);
  } else console.log('scale: not measured, redis-server is not installed (apt-get install -y redis-server)');
}
if (wanted('memory') || wanted('listen')) {
  const memory = await (await import('./memory.js')).benchMemory();
  record('memory', 'listenMiB', memory.listenMiB, '< 50', memory.listenMiB < 50);
  record('listen', 'messagesPerSecond', Math.round(memory.messagesPerSecond), 'recorded');
}
if (wanted('webhook')) {
  const webhook = await (await import('./webhook.js')).benchWebhook();
  record('webhook', 'p99Ms', webhook.p99Ms, '< 2', webhook.p99Ms < 2);
  record('webhook', 'responseP99Ms', webhook.responseP99Ms, 'recorded');
  record('webhook', 'medianMs', webhook.medianMs, 'recorded');
  record('webhook', 'p99MinMs', webhook.p99RangeMs[0], 'recorded');
  record('webhook', 'p99MaxMs', webhook.p99RangeMs[1], 'recorded');
}
if (wanted('email')) {
  const mail = await (await import('./email-idle.js')).benchEmailIdle();
  if (mail) record('email', 'appendToConsumerMs', mail.appendToConsumerMs, '< 1000', mail.appendToConsumerMs < 1000);
  else console.log('email: not measured, Dovecot is not installed (apt-get install -y dovecot-imapd)');
  const memory = await (await import('./email-memory.js')).benchEmailMemory();
  if (memory) {
    record('email', 'heapMiB100k', memory.heapMiB, '< 8', memory.heapMiB < 8);
    record('email', 'readMailsPerSecond', Math.round(memory.mailsPerSecond), 'recorded');
  }
}
if (wanted('hub')) {
  const hub = await (await import('./hub.js')).benchHub();
  record('hub', 'messagesPerSecond', Math.round(hub.messagesPerSecond), '≥ 50000', hub.messagesPerSecond >= 50_000);
}
if (wanted('auth')) {
  const refreshes = await (await import('./auth-refreshes.js')).benchRefreshes();
  if (refreshes) record('auth', 'refreshesPerExpiry', refreshes.refreshesPerExpiry, '1', refreshes.refreshesPerExpiry === 1);
  else console.log('auth.refreshesPerExpiry: not measured, redis-server is not installed (apt-get install -y redis-server)');
  const latency = await (await import('./auth-latency.js')).benchRefreshLatency();
  record('auth', 'refreshLatencyMs', latency.refreshLatencyMs, 'recorded');
  record('auth', 'freshRequestMs', latency.freshRequestMs, 'baseline');
}
if (wanted('sandbox')) {
  const page = await (await import('./sandbox-page.js')).benchSandboxPage();
  if (page) {
    record('sandbox', 'pageLoadMs', page.pageLoadMs, '< 1000', page.pageLoadMs < 1000);
    record('sandbox', 'render10kMs', page.render10kMs, '< 1000 (10,000 messages)', page.render10kMs < 1000);
    record('sandbox', 'newMessage10kMs', page.newMessage10kMs, 'recorded');
  } else console.log('sandbox: not measured, /usr/bin/chromium is missing (apt-get install -y chromium)');
}

const width = Math.max(...rows.map(([name]) => name.length));
console.log(`\n${'figure'.padEnd(width)}  ${'value'.padStart(12)}  goal`);
for (const [name, value, goal] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(12)}  ${goal}`);
const path = new URL('./results.json', import.meta.url);
let previous: Results = {};
try {
  previous = JSON.parse(readFileSync(path, 'utf8')) as Results;
} catch {
  previous = {};
}
// A partial run (`npm run bench -- memory`) keeps the other figures of the last full run.
const merged: Results = { ...previous };
for (const [group, figures] of Object.entries(results)) merged[group] = { ...previous[group], ...figures };
writeFileSync(path, JSON.stringify(merged, null, 2) + '\n');
console.log(`\nwritten to bench/results.json`);
