/**
 * The build emits nothing a bundler is told to drop: no `import './chunk-X.js'` (or `require`) kept
 * only for side effects, since package.json says `"sideEffects": false`. esbuild, as wrangler runs
 * it for a worker, must bundle every HTTP entry from the built package without a warning.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build as bundle } from 'esbuild';
import { build, type Options } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import tsupConfig, { entries } from '../../tsup.config.js';

const BARE_IMPORT = /^\s*import\s*["'](\.\/[^"']+)["'];?\s*$/gm;
const BARE_REQUIRE = /^\s*require\(["'](\.\/[^"']+)["']\);?\s*$/gm;

/** The HTTP adapters: the entries a worker bundles. */
const EDGE_ENTRIES = ['twitter', 'facebook', 'discourse'];

let root: string;
let dist: string;

beforeAll(async () => {
  // A package folder like the published one, outside any node_modules: esbuild reports dropped
  // imports only for files there (a workspace or `npm link` install, the case that warned).
  root = mkdtempSync(join(tmpdir(), 'everywhere-build-'));
  const packageDir = join(root, 'everywhere');
  dist = join(packageDir, 'dist');
  mkdirSync(packageDir);
  cpSync('package.json', join(packageDir, 'package.json'));
  symlinkSync(resolve('node_modules'), join(packageDir, 'node_modules'), 'dir');
  await build({ ...(tsupConfig as Options), config: false, outDir: dist, dts: false, sourcemap: false, silent: true });
}, 120_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('build output', () => {
  it('splits shared code into chunks, and imports each chunk only for what it uses', () => {
    const files = readdirSync(dist).filter((file) => /\.(c?js)$/.test(file));
    const bare = files.flatMap((file) => {
      const code = readFileSync(join(dist, file), 'utf8');
      return [...code.matchAll(BARE_IMPORT), ...code.matchAll(BARE_REQUIRE)].map((match) => `${file}: ${match[0].trim()}`);
    });
    expect(bare).toEqual([]);
    // The check above means something only while entries do share chunks.
    expect(files.filter((file) => file.startsWith('chunk-')).length).toBeGreaterThan(1);
    expect(readFileSync(join(dist, 'twitter.js'), 'utf8')).toMatch(/from ["']\.\/chunk-/);
  });

  it.each(EDGE_ENTRIES)('everywhere + everywhere/%s from the build bundle for a worker with no warning', async (entry) => {
    const consumer = join(root, `consumer-${entry}`);
    mkdirSync(join(consumer, 'node_modules'), { recursive: true });
    symlinkSync(join(root, 'everywhere'), join(consumer, 'node_modules', 'everywhere'), 'dir');
    const result = await bundle({
      stdin: {
        contents: `import { createHub } from 'everywhere';\nimport * as adapter from 'everywhere/${entry}';\nexport default { createHub, adapter };`,
        resolveDir: consumer,
      },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      conditions: ['workerd', 'worker', 'browser'],
      write: false,
      logLevel: 'silent',
    });
    expect(result.warnings.map((warning) => warning.text)).toEqual([]);
    expect(result.errors).toEqual([]);
  });

  it('still loads: every entry, as ESM and as CommonJS, exports what the sources export', async () => {
    const require = createRequire(join(dist, 'index.cjs'));
    for (const [name, source] of Object.entries(entries)) {
      const sourcePath = resolve(source);
      const expected = Object.keys(await import(sourcePath)).sort();
      expect(Object.keys(await import(pathToFileURL(join(dist, `${name}.js`)).href)).sort()).toEqual(expected);
      expect(Object.keys(require(join(dist, `${name}.cjs`)) as object).sort()).toEqual(expected);
    }
  });
});
