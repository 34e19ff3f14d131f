/**
 * The HTTP entry points run on edge runtimes: bundled for the browser platform they must need no
 * Node built-in (esbuild fails the build on one, since the browser platform cannot resolve it).
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

export const EDGE_ENTRIES = ['twitter', 'facebook', 'discourse'];

describe('browser bundle', () => {
  it.each(EDGE_ENTRIES)('everywhere + everywhere/%s bundle for the browser with no Node built-in', async (entry) => {
    const result = await build({
      stdin: { contents: `export * from './src/index.ts';\nexport * from './src/${entry}/index.ts';`, resolveDir: process.cwd(), loader: 'ts' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => input.startsWith('node:') || /(^|\/)node_modules\/@types\/node\//.test(input))).toEqual([]);
    expect(result.outputFiles[0]!.text.length).toBeGreaterThan(1000);
  });
});
