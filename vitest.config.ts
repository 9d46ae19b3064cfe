import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // forks: native addons (node-pty) stay isolated per process.
    pool: 'forks',
    include: ['test/**/*.test.{ts,tsx}'],
    // Ink renders differently when CI is set; tests that render must see a non-CI environment.
    env: {CI: 'false', FORCE_COLOR: '0'},
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
