import { defineConfig } from 'tsup';

/** One build entry per `exports` subpath (test/package/exports.test.ts keeps the two in step). */
export const entries = {
  index: 'src/index.ts',
  twitter: 'src/twitter/index.ts',
  facebook: 'src/facebook/index.ts',
  instagram: 'src/instagram/index.ts',
  discourse: 'src/discourse/index.ts',
  wordpress: 'src/wordpress/index.ts',
  youtube: 'src/youtube/index.ts',
  flickr: 'src/flickr/index.ts',
  'google-business': 'src/google-business/index.ts',
  trustpilot: 'src/trustpilot/index.ts',
  email: 'src/email/index.ts',
  redis: 'src/redis/index.ts',
  testing: 'src/testing/index.ts',
} as const;

/** The `everywhere` command (package.json "bin"): built beside the entries, not an `exports` subpath. */
export const binEntries = { cli: 'src/cli.ts' } as const;

export default defineConfig({
  entry: { ...entries, ...binEntries },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  // esbuild's code splitting makes every entry import each chunk of its module graph, used or not
  // (`import './chunk-X.js'`, there for side effects). We have none, and package.json says so
  // ("sideEffects": false), so a bundler drops those imports and warns about each. Rollup, which
  // tsup runs over every output file for tree shaking, removes them first: modules a file imports
  // nothing from are taken to have no side effects. test/package/build-output.test.ts checks it.
  treeshake: { moduleSideEffects: 'no-external' },
  // ky is ESM-only: bundle it into the CommonJS build so require() works on every Node 20.
  noExternal: ['ky'],
  external: ['msw', 'ioredis', 'imapflow', 'nodemailer', 'mailparser'],
});
