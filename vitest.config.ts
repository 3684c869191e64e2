import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // better-sqlite3 is a native module: forks isolate it more predictably than threads.
    pool: 'forks',
    env: { TZ: 'Asia/Shanghai' },
  },
});
