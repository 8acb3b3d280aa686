import { createDb } from '../src/db.js'

export const testDatabaseFile = 'test.db'
export const testDatabaseUrl = `file:./${testDatabaseFile}`

/** A Prisma client on the test database that global-setup.ts created. */
export const testDb = () => createDb(testDatabaseUrl)
