import 'dotenv/config'
import { serve } from '@hono/node-server'
import { createApp } from './app.js'
import { createDb } from './db.js'

const db = createDb()
const port = Number(process.env.PORT ?? 3000)
const hostname = process.env.HOST ?? 'localhost'

const server = serve({ fetch: createApp(db).fetch, port, hostname }, (info) => {
  console.log(`Listening on http://${hostname}:${info.port}`)
})

/** Stops taking requests, lets the ones in flight finish, then disconnects from the database. */
function shutdown() {
  server.close(async () => {
    await db.$disconnect()
    process.exit(0)
  })
}
process.once('SIGINT', shutdown)
process.once('SIGTERM', shutdown)
