import {defineConfig} from 'vitest/config';

// Tests that need the build: the built CLI under a real pty (test/e2e, through test/helpers/pty-harness.ts) and the
// benchmark smoke run (bench/ imports dist/). Everything else runs from the sources: `npm run test:unit`.
const NEEDS_BUILD = ['test/e2e/**', 'test/bench/smoke.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    // forks: native addons (node-pty) stay isolated per process.
    pool: 'forks',
    // Two workers a core: most tests wait on sockets, PTYs and timers, not the CPU (the suite keeps a 2-core machine
    // at a load near 1 with one a core), so this halves the wall time without starving anything.
    maxWorkers: '200%',
    // Ink renders differently when CI is set; tests that render must see a non-CI environment.
    env: {CI: 'false', FORCE_COLOR: '0'},
    // After the last test: no secret of any local fleet in any log or audit file the run wrote.
    globalSetup: ['test/support/secret-scan.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {extends: true, test: {name: 'unit', include: ['test/**/*.test.{ts,tsx}'], exclude: NEEDS_BUILD}},
      {extends: true, test: {name: 'built', include: NEEDS_BUILD.map((g) => (g.endsWith('/**') ? `${g}/*.test.{ts,tsx}` : g))}},
    ],
  },
});
