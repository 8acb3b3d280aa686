import { Hono } from 'hono'
import type { AppEnv } from '../env.js'

/** For load balancers and orchestrators: /healthz answers while the process runs, /readyz while it reaches the database. */
export const health = new Hono<AppEnv>()
  .get('/healthz', (c) => c.json({ status: 'ok' }))
  .get('/readyz', async (c) => {
    try {
      await c.var.db.$queryRaw`SELECT 1`
      return c.json({ status: 'ready' })
    } catch {
      return c.json({ status: 'unavailable' }, 503)
    }
  })
