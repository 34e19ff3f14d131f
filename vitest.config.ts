import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Examples and tests import the package by its public name, as users do; resolve it to the sources.
const source = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^everywhere$/, replacement: source('index.ts') },
      { find: /^everywhere\/(.*)$/, replacement: source('$1/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One file at a time: several files start real servers and worker processes, and on a 2-core
    // machine files in parallel starve each other's timers, which quota and listen tests depend on.
    fileParallelism: false,
  },
});
