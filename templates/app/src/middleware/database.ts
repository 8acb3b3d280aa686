import { createMiddleware } from 'hono/factory'
import type { PrismaClient } from '../generated/prisma/client.js'
import type { AppEnv } from '../env.js'

/** Hands the one Prisma client to every handler as `c.var.db`. */
export const database = (db: PrismaClient) =>
  createMiddleware<AppEnv>(async function database(c, next) {
    c.set('db', db)
    await next()
  })
