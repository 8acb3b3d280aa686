import { Hono } from 'hono'
import type { PrismaClient } from '../generated/prisma/client.js'
import type { AppEnv } from '../env.js'

/**
 * For load balancers and orchestrators: /healthz answers while the process runs, /readyz while it reaches its
 * database (the primary, which every write needs: a read replica's state does not change readiness).
 */
export const health = (db: PrismaClient) =>
  new Hono<AppEnv>()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      try {
        await db.$queryRaw`SELECT 1`
        return c.json({ status: 'ready' })
      } catch {
        return c.json({ status: 'unavailable' }, 503)
      }
    })
