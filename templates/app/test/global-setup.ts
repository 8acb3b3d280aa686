import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { testDatabaseFile, testDatabaseUrl } from './database.js'

/** Creates a fresh test database with the app's schema before the tests, and removes it after. */
export default function setup() {
  rmSync(testDatabaseFile, { force: true })
  execFileSync('npx', ['prisma', 'db', 'push'], {
    env: { ...process.env, DATABASE_URL: testDatabaseUrl },
    stdio: 'pipe',
  })
  return () => rmSync(testDatabaseFile, { force: true })
}
