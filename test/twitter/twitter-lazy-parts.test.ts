/**
 * What few bots use is loaded only when used: bundled with code splitting (as an app's bundler does,
 * and as bench/bundle.ts measures `bundle.coreTwitterGzip`), those files are in chunks only a dynamic
 * import() loads, never in the entry or the chunks it imports statically.
 */
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** The source files of the entry and of every chunk it imports statically, and their code. */
async function eagerBundle(): Promise<{ inputs: string[]; code: string }> {
  const result = await build({
    stdin: { contents: `export * from './src/index.ts';\nexport * from './src/twitter/index.ts';`, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    splitting: true,
    outdir: 'lazy-parts-out',
    metafile: true,
    logLevel: 'silent',
  });
  const outputs: Metafile['outputs'] = result.metafile.outputs;
  const eager = new Set<string>();
  const visit = (path: string) => {
    if (eager.has(path)) return;
    eager.add(path);
    for (const imported of outputs[path]!.imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  // The entry itself: a file loaded by import() is an entry point of its own chunk, in any order.
  visit(Object.keys(outputs).find((path) => outputs[path]!.entryPoint === '<stdin>')!);
  const code = result.outputFiles.filter((file) => [...eager].some((path) => file.path.endsWith(path))).map((file) => file.text);
  return { inputs: [...eager].flatMap((path) => Object.keys(outputs[path]!.inputs)), code: code.join('\n') };
}

describe('the X bundle', () => {
  it.each([
    ['the OAuth 2.0 token refresh (only channels given oauth2)', 'src/core/oauth2/refresh-grant.ts'],
    ['the webhook handler (only channels given consumerSecret that take webhooks)', 'src/twitter/twitter-webhook.ts'],
    ['the v1.1 activity normalizer of webhooks', 'src/twitter/normalize-activity.ts'],
    ['the OAuth 1.0a signing (only apps with consumer keys)', 'src/core/oauth1.ts'],
    ['media upload (only drafts with attachments)', 'src/twitter/twitter-media-upload.ts'],
  ])('loads %s only when used', async (_what, file) => {
    const { inputs } = await eagerBundle();
    expect(inputs).toContain('src/twitter/twitter-channel.ts'); // the build is the one meant
    expect(inputs).not.toContain(file);
  });

  it.each([
    ['the @handle lookup of send() (Draft.to)', 'no X user @'],
    ['DM sending (to a user, in a group, answers to a DM)', '/messages`'],
    ['the report of mentions X no longer serves', 'may be missing and cannot be read'],
  ])('loads %s only when used', async (_what, marker) => {
    const { code } = await eagerBundle();
    expect(code).toContain('/2/tweets'); // the build is the one meant
    expect(code).not.toContain(marker);
  });
});
