import { defineConfig } from 'vitest/config'

/**
 * yeoman-test's TestAdapter gives its prompts an input and an output made with `Duplex.from`. When a generator run
 * fails (as the tests of bad definitions make it), yeoman-environment aborts the adapter, and since Node 23 each of
 * those streams then emits an AbortError that nothing listens for, after the test has passed. The real `yo` uses
 * the terminal's streams and has no such trouble (test/e2e/node-lts.test.ts runs it on Node 24). That error, and
 * only from there, is not counted as the test run's.
 */
const fromTestAdapterStreams = (error: { name?: string; stack?: string }) =>
  Number(process.versions.node.split('.')[0]) >= 23 && error.name === 'AbortError' && /node:internal\/streams\/duplexify/.test(error.stack ?? '')

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
    maxWorkers: 2,
    onUnhandledError: (error) => !fromTestAdapterStreams(error),
  },
})
