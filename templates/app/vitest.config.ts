import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    // One SQLite file for the whole run: test files take turns.
    fileParallelism: false,
  },
})
