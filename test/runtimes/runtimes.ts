/**
 * Running the bundled bot (bot.ts) under another runtime: Deno and Bun as child processes, workerd
 * through Miniflare as a module worker. Nothing goes anywhere but 127.0.0.1: Deno by its permission
 * flag, workerd through an outbound service that refuses any other host, Bun by the bot's own URLs.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { realServerAvailable } from '../support/requires-real-server.js';
import type { BotConfig, BotResult } from './bot.js';

export type Runtime = 'node' | 'deno' | 'bun' | 'workerd';

const BINARIES: Record<Runtime, string> = {
  node: process.execPath, // the Node that runs the tests: the bundle in a plain child process, as a user's service runs it
  deno: resolve('node_modules/.bin/deno'),
  bun: resolve('node_modules/.bin/bun'),
  workerd: resolve('node_modules/miniflare/package.json'), // Miniflare brings workerd
};
const INSTALL = 'npm install (the deno, bun and miniflare dev dependencies ship the runtimes)';
const CHILD_TIMEOUT_MS = 30_000;

/**
 * True when the runtime is installed. Otherwise one test says why: skipped with the reason, or,
 * under CI (`CI` set to anything), failing, since CI must prove every runtime the README names.
 */
export function requireRuntime(runtime: Runtime): boolean {
  return realServerAvailable({
    server: runtime,
    unusable: existsSync(BINARIES[runtime]) ? undefined : `${BINARIES[runtime]} is missing`,
    tests: `the bot under ${runtime}`,
    fix: INSTALL,
  });
}

export interface BotBundle {
  dir: string;
  /** The bot as one ES module with no imports: bot.mjs in `dir`. */
  code: string;
  dispose(): void;
}

/** bot.ts and the package, bundled as for a worker (browser platform, ESM, the worker conditions). */
export async function bundleBot(): Promise<BotBundle> {
  const source = (path: string) => resolve('src', path);
  const result = await build({
    entryPoints: [resolve('test/runtimes/bot.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    alias: {
      everywhere: source('index.ts'),
      'everywhere/twitter': source('twitter/index.ts'),
      'everywhere/facebook': source('facebook/index.ts'),
      'everywhere/discourse': source('discourse/index.ts'),
    },
    write: false,
    logLevel: 'silent',
  });
  if (result.warnings.length > 0) throw new Error(`bundling the bot warned: ${result.warnings.map((warning) => warning.text).join('; ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'everywhere-runtimes-'));
  const code = result.outputFiles[0]!.text;
  writeFileSync(join(dir, 'bot.mjs'), code);
  return { dir, code, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the bot under Node, Deno or Bun in a child process; its stdout's last line is the BotResult. */
export async function runInChild(runtime: 'node' | 'deno' | 'bun', bundle: BotBundle, config: BotConfig): Promise<BotResult> {
  const entry = join(bundle.dir, `run-${runtime}-${config.adapter}.mjs`);
  writeFileSync(entry, `import { runBot } from './bot.mjs';\nconsole.log(JSON.stringify(await runBot(${JSON.stringify(config)})));\n`);
  const args =
    runtime === 'node'
      ? [entry]
      : runtime === 'deno'
        ? ['run', '--allow-net=127.0.0.1', '--no-prompt', '--no-config', '--no-lock', entry]
        : ['run', '--no-install', entry];
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: bundle.dir,
    DENO_DIR: join(bundle.dir, 'deno'),
    DENO_NO_UPDATE_CHECK: '1', // no look for a newer Deno on the network
    DO_NOT_TRACK: '1',
  };
  const stdout = await new Promise<string>((resolvePromise, reject) => {
    execFile(BINARIES[runtime], args, { cwd: bundle.dir, env, timeout: CHILD_TIMEOUT_MS }, (error, out, err) => {
      if (error) reject(new Error(`${runtime} failed (${error.message}):\n${err}\n${out}`));
      else resolvePromise(out);
    });
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as BotResult;
}

/** Runs the bot inside workerd: the bundle is a module worker; its fetch handler runs the bot. */
export interface WorkerRun {
  result: BotResult;
  /** URLs the worker fetched through the outbound service, and those it refused (not 127.0.0.1). */
  forwarded: string[];
  refused: string[];
}

export async function runInWorkerd(bundle: BotBundle, config: BotConfig): Promise<WorkerRun> {
  const { Miniflare, fetch: forward, Response: WorkerResponse } = await import('miniflare');
  const forwarded: string[] = [];
  const refused: string[] = [];
  const worker = new Miniflare({
    modules: true,
    script: bundle.code,
    compatibilityDate: '2025-07-18', // the newest this miniflare's workerd supports
    cf: false, // a placeholder request.cf, instead of Miniflare fetching Cloudflare's from the internet
    outboundService: async (request) => {
      const url = new URL(request.url);
      if (url.hostname !== '127.0.0.1') {
        refused.push(url.href);
        return new WorkerResponse('only 127.0.0.1 in this test', { status: 403 });
      }
      forwarded.push(url.href);
      return forward(request);
    },
  });
  try {
    const response = await worker.dispatchFetch('http://bot.test/', { method: 'POST', body: JSON.stringify(config) });
    const body = (await response.json()) as BotResult | { error: string };
    if ('error' in body) throw new Error(`the worker failed: ${body.error}`);
    return { result: body, forwarded, refused };
  } finally {
    await worker.dispose();
  }
}
