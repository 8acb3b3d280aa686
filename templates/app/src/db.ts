import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient } from './generated/prisma/client.js'

/** Creates a Prisma client for a database URL. The server makes one per process; tests make their own. */
export function createDb(url = process.env.DATABASE_URL ?? 'file:./dev.db'): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url }) })
}
