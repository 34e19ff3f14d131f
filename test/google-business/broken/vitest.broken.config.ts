import { defineConfig } from 'vitest/config';
import base from '../../../vitest.config.js';

// The package aliases of the main config (everywhere/* → src), and only the broken run (include replaced, not merged).
export default defineConfig({ ...base, test: { ...base.test, include: ['test/google-business/broken/broken.conformance.ts'] } });
