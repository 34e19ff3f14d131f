/**
 * bundle.*Gzip: bytes of `everywhere` + one adapter, bundled minified for the browser platform and
 * gzipped, beside the same for twitter-api-v2. A Node built-in fails the browser build.
 * `coreTwitterOwnCodeGzip` is the X bundle with our dependencies (ky, zod, eventemitter3) left out: what of the
 * bundle is ours, and (by difference) what those dependencies weigh.
 * `twitterApiV2RunnableGzip` is twitter-api-v2 as a browser would need it: every Node built-in it
 * imports aliased to its browser polyfill and the `process`/`Buffer`/`global` globals injected, as
 * node-stdlib-browser's README documents for esbuild.
 * Our bundles are built with code splitting, as an app's bundler would: what an adapter loads only when
 * used (a dynamic `import()`, such as X's media upload) is a chunk of its own. The entry and the chunks
 * it imports statically are the bundle; `coreTwitterLazyGzip` is what X loads lazily on top, and
 * `coreTwitterMediaGzip` the part of it that media upload loads (the chunks built from twitter-media* files).
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { builtinModules, createRequire } from 'node:module';
import { relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import stdLibBrowser from 'node-stdlib-browser';

const require = createRequire(import.meta.url);
// The esbuild helper ships without type declarations: it takes the builtin → polyfill map.
const stdLibBrowserPlugin = require('node-stdlib-browser/helpers/esbuild/plugin') as (aliases: typeof stdLibBrowser) => Plugin;

async function gzippedBundle(contents: string, external: string[] = [], extra: BuildOptions = {}): Promise<number> {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    platform: 'browser',
    external,
    format: 'esm',
    minify: true,
    write: false,
    logLevel: 'silent',
    ...extra,
  });
  return gzipSync(result.outputFiles![0]!.contents, { level: 9 }).length;
}

/**
 * The entry and its static imports (the bundle), the chunks only a dynamic import() loads, and those of
 * them built from files whose path matches `part`, each gzipped whole.
 */
async function splitBundle(contents: string, external: string[] = [], part = /$^/): Promise<{ main: number; lazy: number; lazyPart: number }> {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    platform: 'browser',
    external,
    format: 'esm',
    minify: true,
    write: false,
    splitting: true,
    outdir: 'bench-bundle-out',
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile!.outputs;
  const files = new Map(result.outputFiles!.map((file) => [relative(process.cwd(), file.path), file.contents]));
  // The stdin entry: each lazily loaded module is an entry point of its own too.
  const entry = Object.keys(outputs).find((path) => outputs[path]!.entryPoint === 'entry.ts')!;
  const loaded = new Set<string>();
  const visit = (path: string) => {
    if (loaded.has(path)) return;
    loaded.add(path);
    for (const imported of outputs[path]!.imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entry);
  const gzipped = (paths: string[]) => (paths.length === 0 ? 0 : gzipSync(Buffer.concat(paths.map((path) => files.get(path)!)), { level: 9 }).length);
  const chunks = Object.keys(outputs).filter((path) => path.endsWith('.js'));
  const lazy = chunks.filter((path) => !loaded.has(path));
  const inPart = lazy.filter((path) => Object.keys(outputs[path]!.inputs).some((input) => part.test(input)));
  return { main: gzipped(chunks.filter((path) => loaded.has(path))), lazy: gzipped(lazy), lazyPart: gzipped(inPart) };
}

/** ky, eventemitter3 and zod (every subpath of it): our dependencies. */
const PINNED_DEPENDENCIES = ['ky', 'eventemitter3', 'zod', 'zod/*'];

/** Our entries, by the key they are reported under. */
const OUR_BUNDLES: Record<string, string> = {
  coreTwitterGzip: 'twitter',
  coreFacebookGzip: 'facebook',
  coreDiscourseGzip: 'discourse',
  coreInstagramGzip: 'instagram',
  coreWordpressGzip: 'wordpress',
  coreYoutubeGzip: 'youtube',
  coreFlickrGzip: 'flickr',
  coreGoogleBusinessGzip: 'google-business',
  coreTrustpilotGzip: 'trustpilot',
};

export async function benchBundles(): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const entry = (adapter: string) => `export * from './src/index.ts';\nexport * from './src/${adapter}/index.ts';`;
  for (const [key, adapter] of Object.entries(OUR_BUNDLES)) {
    const { main, lazy, lazyPart } = await splitBundle(entry(adapter), [], /src\/twitter\/twitter-media/);
    results[key] = main;
    if (adapter === 'twitter') Object.assign(results, { coreTwitterLazyGzip: lazy, coreTwitterMediaGzip: lazyPart });
  }
  results.coreTwitterOwnCodeGzip = (await splitBundle(entry('twitter'), PINNED_DEPENDENCIES)).main;
  // twitter-api-v2 cannot bundle for the browser (it imports crypto, https, ...): the same build with those
  // Node built-ins left out, which favours it (a browser would need polyfills for them).
  const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`]);
  results.twitterApiV2Gzip = await gzippedBundle(`export { TwitterApi } from 'twitter-api-v2';`, nodeBuiltins);
  results.twitterApiV2RunnableGzip = await gzippedBundle(`export { TwitterApi } from 'twitter-api-v2';`, [], {
    inject: [require.resolve('node-stdlib-browser/helpers/esbuild/shim')],
    define: { global: 'global', process: 'process', Buffer: 'Buffer' },
    plugins: [stdLibBrowserPlugin(stdLibBrowser)],
  });
  return results;
}
