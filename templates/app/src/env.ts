import type { PrismaClient } from './generated/prisma/client.js'

/** The app's Hono environment: every handler finds the Prisma client at `c.var.db`. */
export interface AppEnv {
  Variables: {
    db: PrismaClient
  }
}
