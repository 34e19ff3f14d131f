import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['test/conformance/fake/broken.conformance.ts'], testTimeout: 30_000 },
});
