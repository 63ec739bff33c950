import { defineConfig } from 'vitest/config';

/** Browser journeys: the real server and Debian's chromium; run with `npm run test:e2e`. */
export default defineConfig({
  test: {
    name: 'e2e',
    root: new URL('.', import.meta.url).pathname,
    include: ['**/*.e2e.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    env: { NO_COLOR: '1' },
  },
});
