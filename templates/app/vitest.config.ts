import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Only the app's tests: .dbapp/base/ holds the generator's last output, tests included.
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // One SQLite file for the whole run: test files take turns.
    fileParallelism: false,
  },
})
