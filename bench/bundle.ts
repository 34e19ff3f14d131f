/**
 * bundle.*Gzip: bytes of `everywhere` + one adapter, bundled minified for the browser platform and
 * gzipped, beside the same for twitter-api-v2. A Node built-in fails the browser build.
 * `coreTwitterOwnCodeGzip` is the X bundle with the four dependencies #3 pins left out: what of the
 * bundle is ours, and (by difference) what those dependencies weigh.
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

import { builtinModules } from 'node:module';

async function gzippedBundle(contents: string, external: string[] = []): Promise<number> {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    platform: 'browser',
    external,
    format: 'esm',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
}

/** ky, p-retry, eventemitter3 and zod (every subpath of it). */
const PINNED_DEPENDENCIES = ['ky', 'p-retry', 'eventemitter3', 'zod', 'zod/*'];

/** Our entries, by the key they are reported under. */
const OUR_BUNDLES: Record<string, string> = {
  coreTwitterGzip: 'twitter',
  coreFacebookGzip: 'facebook',
  coreDiscourseGzip: 'discourse',
};

export async function benchBundles(): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const entry = (adapter: string) => `export * from './src/index.ts';\nexport * from './src/${adapter}/index.ts';`;
  for (const [key, adapter] of Object.entries(OUR_BUNDLES)) results[key] = await gzippedBundle(entry(adapter));
  results.coreTwitterOwnCodeGzip = await gzippedBundle(entry('twitter'), PINNED_DEPENDENCIES);
  // twitter-api-v2 cannot bundle for the browser (it imports crypto, https, ...): the same build with those
  // Node built-ins left out, which favours it (a browser would need polyfills for them).
  const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`]);
  results.twitterApiV2Gzip = await gzippedBundle(`export { TwitterApi } from 'twitter-api-v2';`, nodeBuiltins);
  return results;
}
